import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { reportDocument } from '../../report/json.js';
import { renderReportMarkdown, renderReportText } from '../../report/report.js';
import { PLAIN } from '../../report/style.js';
import { readStore } from '../../services/session.js';
import { emptyState } from '../../state/events.js';
import { gateChecksOf, gateEnvironment, reportOf } from '../../services/views.js';
import { format, session, style } from '../common.js';
import { examples, withFormats, type Register } from '../program.js';

export const reportCommand: Register = (program, run) => {
  withFormats(program
    .command('report')
    .description('the whole state in one document: verdict, status, burn-down from the audit log, sign-offs, waivers, plan'), ['text', 'md', 'json'])
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addHelpText('after', examples(['golive report --format md > launch-status.md', 'golive report --json -o report.json', 'gh pr comment 42 --body "$(golive report --format md)"']))
    .action(async (opts: { output?: string }, cmd) => {
      const s = session(run, cmd);
      const env = gateEnvironment(s);
      const { snapshot, checks } = await readStore(
        s,
        'golive report',
        async (store) => ({ snapshot: await store.snapshot(s.project.id), checks: await gateChecksOf(s, store, env) }),
        () => ({ snapshot: { state: emptyState(), entries: [] }, checks: undefined }),
      );
      const model = reportOf(s, snapshot, checks ?? (await gateChecksOf(s, undefined, env)));
      const fmt = format(cmd, ['text', 'md', 'json']);
      const text = fmt === 'json' ? JSON.stringify(reportDocument(model), null, 2) : fmt === 'md' ? renderReportMarkdown(model) : renderReportText(model, opts.output ? PLAIN : style(run, cmd));
      if (!opts.output) return run.io.out(text);
      const file = path.resolve(run.io.cwd, opts.output);
      try {
        writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
      } catch (err) {
        throw new UsageError(`cannot write the report to ${opts.output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { hint: 'check that the directory exists and is writable' });
      }
      run.io.err(`report written to ${opts.output}`);
    });
};
