import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { makeProject } from '../support/cli.js';

function fakeIo(overrides: Partial<Io> = {}): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(t: string) { io.stdout += t.endsWith('\n') ? t : `${t}\n`; },
    err(t: string) { io.stderr += t.endsWith('\n') ? t : `${t}\n`; },
    isTTY: false,
    stdinIsTTY: false,
    env: { GOLIVE_NOW: '2026-12-01T10:00:00Z' } as NodeJS.ProcessEnv,
    cwd: process.cwd(),
    ...overrides,
  };
  return io;
}

const COMMANDS = ['demo', 'init', 'validate', 'plan', 'status', 'task', 'signoff', 'waive', 'check', 'probe', 'rules', 'gate', 'report', 'audit', 'audit verify', 'audit log', 'playbooks', 'spryker analyze', 'data validate', 'experiment plan', 'experiment srm', 'load'];

describe('help that teaches', () => {
  it('golive --help lists every command, the exit codes and examples', async () => {
    const io = fakeIo();
    expect(await main(['--help'], io)).toBe(0);
    for (const c of COMMANDS.filter((c) => !c.includes(' '))) expect(io.stdout).toMatch(new RegExp(`\\n  ${c}\\b`));
    expect(io.stdout).toMatch(/Examples:\n  # try it/);
    expect(io.stdout).toMatch(/exit codes: 0 success or GO, 1 NO-GO or a failed check, 2 invalid input or usage, 3 internal failure, 130 interrupted/);
  });

  for (const command of COMMANDS) {
    it(`golive ${command} --help shows usage${command === 'audit' ? '' : ' and an example'}`, async () => {
      const io = fakeIo();
      expect(await main([...command.split(' '), '--help'], io)).toBe(0);
      expect(io.stdout).toMatch(new RegExp(`^Usage: golive ${command}`));
      if (command !== 'audit') expect(io.stdout).toMatch(new RegExp(`Examples:\\n(.*\\n)*  \\$ golive ${command.split(' ')[0]}`));
    });
  }

  it('examples name tasks that exist in the built-in playbooks', async () => {
    const { loadProject } = await import('../../src/playbook/load.js');
    const dir = makeProject();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/golive.yaml`, 'id: x\nname: X\ngoLive: 2030-01-07T09:00\ntimeZone: UTC\nplaybooks: [spryker-cloud, sitecore-cdp-personalize]\n');
    const known = new Set(loadProject(`${dir}/golive.yaml`, { now: new Date('2026-01-01T00:00:00Z') }).project.tasks.map((t) => t.id));
    let help = '';
    for (const command of COMMANDS) {
      const io = fakeIo();
      await main([...command.split(' '), '--help'], io);
      help += io.stdout;
    }
    const used = [...new Set(help.match(/\b(?:web|spryker|sitecore)\.[a-z0-9-]+[a-z0-9]/g) ?? [])];
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((id) => !known.has(id))).toEqual([]);
  });

  it('golive with no command prints help and exits 2', async () => {
    const io = fakeIo();
    expect(await main([], io)).toBe(2);
    expect(io.stderr).toMatch(/Usage: golive/);
  });

  it('--version prints the version', async () => {
    const io = fakeIo();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('colour', () => {
  const dir = makeProject();
  it('only on a terminal', async () => {
    const tty = fakeIo({ isTTY: true, cwd: dir });
    await main(['plan'], tty);
    expect(tty.stdout).toMatch(/\u001b\[1m/);
    const pipe = fakeIo({ isTTY: false, cwd: dir });
    await main(['plan'], pipe);
    expect(pipe.stdout).not.toMatch(/\u001b\[/);
  });

  it('never with NO_COLOR or --no-color', async () => {
    const noColor = fakeIo({ isTTY: true, cwd: dir, env: { GOLIVE_NOW: '2026-12-01T10:00:00Z', NO_COLOR: '1' } });
    await main(['plan'], noColor);
    expect(noColor.stdout).not.toMatch(/\u001b\[/);
    const flag = fakeIo({ isTTY: true, cwd: dir });
    await main(['--no-color', 'plan'], flag);
    expect(flag.stdout).not.toMatch(/\u001b\[/);
  });
});

describe('docs/cli.md', () => {
  it('is the current help of every command (npm run docs regenerates it)', async () => {
    const { readFileSync } = await import('node:fs');
    const { cliReference } = await import('../../src/cli/reference.js');
    expect(readFileSync('docs/cli.md', 'utf8')).toBe(await cliReference());
  });
});

describe('golive init on a terminal', () => {
  it('asks for what flags did not give, asks again after a wrong answer, and writes a valid file', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/golive-init-`);
    const answers = ['Tty shop', 'Europe/Berln', 'Europe/Berlin', '2027-03-28T02:30', '2027-04-12T10:00', 'web-launch', 'dana:Dana Ruiz:delivery-lead,ops', 'not a person', ''];
    const questions: string[] = [];
    const io = fakeIo({ isTTY: true, stdinIsTTY: true, cwd: dir, ask: async (q) => (questions.push(q), answers.shift() ?? '') });
    expect(await main(['init'], io)).toBe(0);
    expect(answers).toEqual([]);
    expect(io.stderr).toMatch(/"Europe\/Berln" is not an IANA time zone/);
    expect(io.stderr).toMatch(/2027-03-28T02:30 does not exist in Europe\/Berlin/);
    expect(io.stderr).toMatch(/expected id:Name:role/);
    const text = readFileSync(`${dir}/golive.yaml`, 'utf8');
    expect(text).toMatch(/goLive: 2027-04-12T10:00\ntimeZone: Europe\/Berlin\nplaybooks: \[web-launch\]/);
    expect(text).toMatch(/- \{id: dana, name: Dana Ruiz, roles: \[delivery-lead, ops\]\}/);
  });
});
