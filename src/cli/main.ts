import { Command, CommanderError } from 'commander';
import { ConfigError, GoliveError, UsageError } from '../errors.js';
import { renderDiagnosticsText } from '../report/diagnostics.js';
import { validateDocument } from '../report/json.js';
import { auditCommand } from './commands/audit.js';
import { checkCommand } from './commands/check.js';
import { dataCommand } from './commands/data.js';
import { probeCommand } from './commands/probe.js';
import { rulesCommand } from './commands/rules.js';
import { demoCommand } from './commands/demo.js';
import { experimentCommand } from './commands/experiment.js';
import { gateCommand } from './commands/gate.js';
import { initCommand } from './commands/init.js';
import { loadCommand } from './commands/load.js';
import { planCommand } from './commands/plan.js';
import { playbooksCommand } from './commands/playbooks.js';
import { reportCommand } from './commands/report.js';
import { signoffCommand, waiveCommand } from './commands/approvals.js';
import { sprykerCommand } from './commands/spryker.js';
import { statusCommand } from './commands/status.js';
import { taskCommand } from './commands/task.js';
import { validateCommand } from './commands/validate.js';
import { nodeIo, styleFor, type Io } from './io.js';
import { EXIT, examples, type Run } from './program.js';

export const VERSION = '0.1.0';

function buildProgram(run: Run): Command {
  const output = {
    writeOut: (s: string) => run.io.out(s.replace(/\n$/, '')),
    writeErr: (s: string) => run.io.err(s.replace(/\n$/, '')),
    getOutHelpWidth: () => run.io.columns ?? 80,
    getErrHelpWidth: () => run.io.columns ?? 80,
  };
  const program = new Command('golive')
    .description('Turn vendor go-live checklists into a dated, owned, verified launch plan, and answer one question with reasons: can we go live?')
    .version(VERSION, '-V, --version')
    .option('-p, --project <file>', 'project file (default: golive.yaml here or in a parent directory)')
    .option('--no-color', 'no colours, even on a terminal (NO_COLOR does the same)')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput(output)
    .exitOverride()
    .addHelpText('after', examples([
      '# try it: a sample launch with both vendor playbooks, no setup',
      'golive demo',
      '# start your own',
      'golive init --name "Acme shop" --go-live 2027-03-01T09:00 --time-zone Europe/Berlin --playbook spryker-cloud',
      'golive validate && golive plan',
      'golive task web.dns-access done --evidence https://wiki.example.com/dns',
      'golive check && golive gate || echo "not ready"',
      'golive probe tls/cert-expiry shop.example.com --with minDaysAfterGoLive=30',
      '',
      '# exit codes: 0 success or GO, 1 NO-GO or a failed check, 2 invalid input or usage, 3 internal failure, 130 interrupted',
      '# environment: DATABASE_URL (shared PostgreSQL), GOLIVE_ACTOR (who you are), GOLIVE_NOW (pin the clock), NO_COLOR',
    ]));
  for (const register of [demoCommand, initCommand, validateCommand, planCommand, statusCommand, taskCommand, signoffCommand, waiveCommand, checkCommand, probeCommand, rulesCommand, gateCommand, reportCommand, auditCommand, playbooksCommand, sprykerCommand, dataCommand, experimentCommand, loadCommand]) register(program, run);
  return program;
}

function wantsJson(argv: string[]): boolean {
  return argv.includes('--json') || argv.some((a, i) => (a === '--format' && argv[i + 1] === 'json') || a === '--format=json');
}

/** Print an error the way users should see it, and pick the exit code. */
function report(err: unknown, run: Run, argv: string[]): number {
  const io = run.io;
  const style = styleFor(io, { color: !argv.includes('--no-color') });
  if (err instanceof ConfigError) {
    if (wantsJson(argv)) io.out(JSON.stringify(validateDocument(err.diagnostics), null, 2));
    else io.err(renderDiagnosticsText(err.diagnostics, style));
    return EXIT.usage;
  }
  if (err instanceof GoliveError) {
    io.err(`${style.red('error:')} ${err.message}${err.hint ? `\n${style.dim(`hint: ${err.hint}`)}` : ''}`);
    return err instanceof UsageError ? EXIT.usage : EXIT.internal;
  }
  const e = err as Error;
  // Driver errors can carry a whole statement and its parameters: the first line says enough.
  const message = (e?.message ?? String(err)).split('\n')[0]!;
  io.err(`${style.red('internal error:')} ${message.length > 300 ? `${message.slice(0, 300)}…` : message}`);
  io.err(io.env.GOLIVE_DEBUG ? String(e?.stack) : style.dim('this is a bug in golive; run again with GOLIVE_DEBUG=1 for details and report it'));
  return EXIT.internal;
}

/** Run the CLI with `argv` (without node and the script) and return the exit code. */
export async function main(argv: string[], io: Io = nodeIo()): Promise<number> {
  const run: Run = { io, exitCode: EXIT.ok };
  const program = buildProgram(run);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return run.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return report(err, run, argv);
  }
}
