import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import { UsageError } from '../../errors.js';
import { renderChecksJunit, renderChecksMarkdown, renderChecksText, type CheckReport } from '../../report/checks.js';
import { checkDocument } from '../../report/json.js';
import { PLAIN } from '../../report/style.js';
import { builtinRules } from '../../checks/registry.js';
import { runProjectChecks } from '../../services/checks.js';
import type { CheckResult } from '../../runner/runner.js';
import { session, style } from '../common.js';
import { interruptible, netFlags, withNetOptions } from '../net-options.js';
import { collect, EXIT, examples, withFormats, type Register, type Run } from '../program.js';

/** The formats of a check report, for golive check and golive probe. */
export const CHECK_FORMATS = ['text', 'md', 'json', 'junit'];

/** Where to look next for a rule: its reference page. */
export function withDocs(results: CheckResult[]): CheckReport['results'] {
  const rules = builtinRules();
  return results.map((r) => ({ ...r, ...(rules.get(r.rule) ? { docs: rules.get(r.rule)!.meta.docs } : {}) }));
}

/** Print or write the report in the asked format, and add Markdown to $GITHUB_STEP_SUMMARY when it is set. */
export function emitCheckReport(run: Run, report: CheckReport, opts: { format: string; json?: boolean; output?: string; verbose?: boolean }, color: ReturnType<typeof style>): void {
  const fmt = opts.json ? 'json' : opts.format;
  const text = fmt === 'json' ? JSON.stringify(checkDocument(report), null, 2) : fmt === 'junit' ? renderChecksJunit(report) : fmt === 'md' ? renderChecksMarkdown(report) : renderChecksText(report, opts.output ? PLAIN : color, opts.verbose);
  if (opts.output) {
    try {
      writeFileSync(path.resolve(run.io.cwd, opts.output), text.endsWith('\n') ? text : `${text}\n`);
    } catch (err) {
      throw new UsageError(`cannot write ${opts.output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { hint: 'check that the directory exists and is writable' });
    }
    run.io.err(`${fmt} report written to ${opts.output}`);
  } else run.io.out(text);
  const summary = run.io.env.GITHUB_STEP_SUMMARY;
  if (summary) {
    try {
      appendFileSync(summary, renderChecksMarkdown(report));
    } catch (err) {
      run.io.err(`warning: cannot append to $GITHUB_STEP_SUMMARY (${(err as Error).message})`);
    }
  }
  const c = report.counts;
  run.exitCode = report.cancelled ? 130 : c.fail + c.error > 0 ? EXIT.noGo : EXIT.ok;
}

export const checkCommand: Register = (program, run) => {
  const cmd = withFormats(program
    .command('check')
    .description('run the checks of the plan\'s tasks against an environment, store the results with their evidence; exit 1 when any fails or errs')
    .option('--env <name>', 'environment to check (default production, or the only one declared)')
    .addOption(new Option('--only <glob>', 'only rules matching, e.g. \'tls/*\' (repeatable, or comma-separated)').argParser(collect))
    .option('--task <id>', 'only the checks of this task'), CHECK_FORMATS)
    .option('-o, --output <file>', 'write the report to a file (e.g. junit.xml) instead of standard output')
    .option('--no-store', 'do not record the results (a dry run; the gate will not see them)')
    .option('-v, --verbose', 'show passing checks\' details and informational findings too')
    .option('--allow-login-probes', 'let demo-user checks try to log in (one attempt per account; see docs/checks.md)');
  withNetOptions(cmd).addHelpText('after', examples([
    'golive check',
    'golive check --env staging --only \'tls/*\' --only \'dns/*\'',
    'golive check --task web.tls-certificates --verbose',
    '# rehearse production before the DNS switch: point the names at the new platform',
    'golive check --resolve shop.example.com:443:203.0.113.10 --resolve www.shop.example.com:443:203.0.113.10',
    '# in CI: JUnit for the test report, Markdown into the job summary (automatic when $GITHUB_STEP_SUMMARY is set)',
    'golive check --format junit -o golive-checks.xml',
    '',
    '# exit codes: 0 every check passed or warned, 1 a check failed or could not verify (error), 2 usage, 130 interrupted',
    '# Ctrl-C stops the run and keeps the results that finished; the gate counts results from the last 24 h.',
  ]));
  cmd.action(async (opts: { env?: string; only?: string[]; task?: string; format: string; json?: boolean; output?: string; store: boolean; verbose?: boolean; allowLoginProbes?: boolean }, c) => {
    const s = session(run, c);
    const { signal, dispose } = interruptible();
    try {
      const result = await runProjectChecks(s, {
        ...(opts.env ? { environment: opts.env } : {}),
        ...(opts.only ? { only: opts.only } : {}),
        ...(opts.task ? { task: opts.task } : {}),
        net: netFlags(c.opts()),
        signal,
        store: opts.store,
        allowLoginProbes: opts.allowLoginProbes === true,
        onResult: (r, done, total) => s.ctx.progress(`[${done}/${total}] ${r.status.padEnd(7)} ${r.rule} ${r.target} (${r.durationMs} ms)`),
      });
      if (result.results.length === 0) run.io.err('no checks to run: no task in the plan has checks for these filters (golive rules lists the rules; add checks: to a task)');
      const report: CheckReport = { title: `${s.project.name}: checks`, environment: result.environment, startedAt: result.startedAt, finishedAt: result.finishedAt, cancelled: result.cancelled, counts: result.counts, results: withDocs(result.results), tasks: result.tasks };
      emitCheckReport(run, report, opts, style(run, c));
    } finally {
      dispose();
    }
  });
};
