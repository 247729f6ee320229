import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPath, SPRYKER_SAMPLES } from '../../../test/support/shared.js';
import { GOOD_DEPLOY } from '../../spryker/deploy/test-helpers.js';
import type { ProbeContext } from '../types.js';
import { DeployFileInput, deployFileProbe } from './deploy-file.probe.js';

function ctx(cwd: string, signal: AbortSignal = new AbortController().signal, timeoutMs = 1000): ProbeContext {
  return { signal, net: { resolvers: [], resolve: {}, ca: [], timeoutMs }, log: { debug: () => undefined }, now: new Date('2026-11-20T10:00:00Z'), cwd, allowLogin: false };
}

async function failure(run: () => Promise<unknown>): Promise<{ code?: string; message: string; hint?: string; ms: number }> {
  const t0 = performance.now();
  try {
    await run();
  } catch (err) {
    const e = err as { code?: string; message: string; hint?: string };
    return { ...(e.code ? { code: e.code } : {}), message: e.message, ...(e.hint ? { hint: e.hint } : {}), ms: performance.now() - t0 };
  }
  throw new Error('expected the probe to fail');
}

describe('spryker/deploy-file', () => {
  let dir: string;
  const samples = sharedPath('samples', 'spryker');
  const run = (input: Record<string, unknown>, cwd = dir, signal?: AbortSignal) => deployFileProbe.run(DeployFileInput.parse(input), ctx(cwd, signal));

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'golive-deploy-probe-'));
    writeFileSync(path.join(dir, 'deploy.yml'), GOOD_DEPLOY);
    writeFileSync(path.join(dir, 'broken.yml'), 'version: 1\ngroups:\n  EU: [\n');
    const many = Array.from({ length: 100 }, (_, i) => `                    host${i}.spryker.local:\n                        store: DE\n`).join('');
    writeFileSync(path.join(dir, 'many.yml'), GOOD_DEPLOY.replace('                    www.de.shop.com:\n', `${many}                    www.de.shop.com:\n`));
    execFileSync('mkfifo', [path.join(dir, 'never.yml')]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a sample relative to the project directory: a secret-free summary and every finding with its place', async () => {
    const e = await run({ file: SPRYKER_SAMPLES.local }, samples);
    expect(e.summary).toMatchObject({ file: SPRYKER_SAMPLES.local, environment: 'docker.production', dynamicStore: true, endpointsTotal: 15 });
    expect(e.findings.find((f) => f.code === 'ssl-disabled')).toMatchObject({ file: SPRYKER_SAMPLES.local, line: 233, column: 9, topic: 'production' });
    expect(e.repositoryChecked).toBe(false);
    const json = JSON.stringify(e);
    expect(JSON.parse(json)).toEqual(e);
    // image.environment values (an encryption key 'change123', a VAPID private key) never reach the evidence.
    expect(json).not.toMatch(/change123|Your private key/);
    expect(e.summary.imageEnvironment).toContain('SPRYKER_PRODUCT_CONFIGURATOR_ENCRYPTION_KEY');
  });

  it('never puts basic-auth passwords in the evidence', async () => {
    const e = await run({ file: SPRYKER_SAMPLES.template }, samples);
    expect(e.summary.endpoints.find((x) => x.host === 'www.de.example.demo-spryker.com')?.auth).toEqual({ engine: 'basic', users: 1 });
    expect(JSON.stringify(e.summary)).not.toContain('CHANGE_ME');
  });

  it('takes the declared domains and the repository as input', async () => {
    const e = await run({ file: 'deploy.yml', domains: ['shop.com'], repo: '.' });
    expect(e.findings.filter((f) => f.severity !== 'info').map((f) => f.code)).toEqual(['hook-recipe-missing', 'hook-recipe-missing']);
    expect(e.repositoryChecked).toBe(true);
    expect(e.summary.repository?.recipes.map((r) => r.exists)).toEqual([false, false]);
  });

  it('keeps the evidence small: at most 80 findings per topic, the rest counted', async () => {
    const e = await run({ file: 'many.yml', domains: ['shop.com'] });
    expect(e.findings.filter((f) => f.topic === 'endpoints')).toHaveLength(80);
    expect(e.omitted).toEqual({ endpoints: 20 });
    expect(e.findings.some((f) => f.topic === 'mail')).toBe(true);
  });

  it.each([
    ['a missing file', 'missing.yml', /^missing\.yml: cannot be read \(ENOENT\)/],
    ['a YAML error', 'broken.yml', /^broken\.yml:4:1: /],
  ])('rejects %s as INVALID_TARGET naming the file and line', async (_name, file, message) => {
    const r = await failure(() => run({ file }));
    expect(r.code).toBe('INVALID_TARGET');
    expect(r.message).toMatch(message);
    expect(r.hint).toBeTruthy();
  });

  it('ends within the time limit + 1 s on a file that never answers (a named pipe nobody writes)', async () => {
    const r = await failure(() => run({ file: 'never.yml' }));
    expect({ code: r.code, inTime: r.ms < 2000, message: r.message }).toEqual({ code: 'INVALID_TARGET', inTime: true, message: 'never.yml: is not a regular file' });
  });

  it('stops at once when the run is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await failure(() => run({ file: 'deploy.yml' }, dir, controller.signal));
    expect({ code: r.code, fast: r.ms < 1000 }).toEqual({ code: 'ABORTED', fast: true });
  });
});
