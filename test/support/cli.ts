import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin', 'golive.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Environment for a CLI run: no colour surprises, no inherited store or clock. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GOLIVE_ACTOR: 'test-runner', ...extra };
  for (const k of ['DATABASE_URL', 'GOLIVE_NOW', 'NO_COLOR', 'GOLIVE_FAULT_PAUSE_IN_TX_MS', 'GOLIVE_PROGRESS']) if (!(k in extra)) delete env[k];
  return env;
}

/** Start the built CLI as a user would (node bin/golive.js), in `cwd`. */
export function startCli(args: string[], cwd: string, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  return finished(startCli(args, cwd, env));
}

/** A project using web-launch with every role filled, go-live 2027-01-11 09:00 Berlin. */
export function makeProject(extra = ''): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'golive-e2e-'));
  writeFileSync(
    path.join(dir, 'golive.yaml'),
    `id: e2e-shop
name: E2E shop
goLive: 2027-01-11T09:00
timeZone: Europe/Berlin
playbooks: [web-launch]
calendar:
  holidays: [2026-12-24, 2026-12-25, 2026-12-31, 2027-01-01]
people:
  - { id: dana, name: Dana Ruiz, roles: [delivery-lead], email: dana@shop.example }
  - { id: pia, name: Pia Novak, roles: [product, marketing] }
  - { id: oskar, name: Oskar Lind, roles: [ops, security, tech-lead] }
  - { id: quinn, name: Quinn Adler, roles: [qa, developer, support] }
  - { id: sofia, name: Sofia Marin, roles: [seo] }
  - { id: lena, name: Lena Vogt, roles: [legal] }
${extra}`,
  );
  return dir;
}
