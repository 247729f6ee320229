import { main } from './main.js';
import type { Io } from './io.js';

const COMMANDS = ['demo', 'init', 'validate', 'plan', 'status', 'task', 'signoff', 'waive', 'check', 'probe', 'rules', 'gate', 'report', 'audit verify', 'audit log', 'playbooks', 'spryker analyze', 'data', 'data validate', 'data identities', 'data reconcile', 'data segments', 'experiment', 'experiment plan', 'experiment srm', 'load'];

async function help(args: string[]): Promise<string> {
  let out = '';
  const io: Io = { out: (t) => void (out += `${t}\n`), err: () => undefined, isTTY: false, stdinIsTTY: false, env: {}, cwd: '/' };
  await main([...args, '--help'], io);
  return out.trimEnd();
}

/** docs/cli.md: the help of every command, so the reference can never drift from the code. */
export async function cliReference(): Promise<string> {
  const parts = [
    '# golive command-line reference',
    '',
    'Generated from `golive <command> --help` by `npm run docs`; a test fails when it is out of date.',
    '',
    'Exit codes: **0** success or GO (also GO-WITH-RISKS), **1** NO-GO or a failed verification, **2** invalid input or usage, **3** internal failure (for example an unreachable database).',
    '',
    'Environment: `DATABASE_URL` (use a shared PostgreSQL server instead of the embedded store), `GOLIVE_ACTOR` (who you are in the audit log when `--as` is not given), `GOLIVE_NOW` (pin the clock to an ISO instant, to rehearse what the gate will say on a given day), `NO_COLOR` (no colours).',
    '',
    '## golive',
    '',
    '```text',
    await help([]),
    '```',
  ];
  for (const c of COMMANDS) parts.push('', `## golive ${c}`, '', '```text', await help(c.split(' ')), '```');
  return `${parts.join('\n')}\n`;
}
