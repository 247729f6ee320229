import { UsageError } from '../../errors.js';
import { localToInstant } from '../../plan/time.js';
import { diffPlans } from '../../plan/what-if.js';
import { renderIcs } from '../../report/ics.js';
import { planDocument, whatIfDocument } from '../../report/json.js';
import { renderPlanMarkdown, renderPlanText, renderWhatIfText } from '../../report/plan.js';
import { PLAIN } from '../../report/style.js';
import { planOf } from '../../services/session.js';
import { format, printJson, session, style } from '../common.js';
import { examples, withFormats, type Register } from '../program.js';

/** `2026-12-20` keeps the go-live's time of day; `2026-12-20T14:00` sets both. */
function whatIfInstant(value: string, goLiveLocal: string, zone: string): Date {
  const local = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${goLiveLocal.slice(11, 16)}` : value;
  const r = localToInstant(local, zone);
  if ('problem' in r) throw new UsageError(`--what-if ${value}: ${r.problem}`, { hint: 'give a date (YYYY-MM-DD) or a local date and time (YYYY-MM-DDTHH:MM)' });
  return r.instant;
}

export const planCommand: Register = (program, run) => {
  withFormats(program
    .command('plan')
    .description('every task with its due date, grouped by week, from the go-live instant and the working calendar'), ['text', 'md', 'json', 'ics'], ' (ics: a calendar with one event per due date)')
    .option('--what-if <date>', 'show how every due date moves if go-live moves to this date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)')
    .addHelpText('after', examples(['golive plan', 'golive plan --what-if 2026-12-20', 'golive plan --format ics > launch.ics', 'golive plan --format md >> "$GITHUB_STEP_SUMMARY"']))
    .action((opts: { whatIf?: string }, cmd) => {
      const s = session(run, cmd);
      const fmt = format(cmd, ['text', 'md', 'json', 'ics']);
      const { project, plan } = s;
      const now = s.ctx.now;
      if (opts.whatIf) {
        if (fmt === 'ics') throw new UsageError('--what-if has no calendar form', { hint: 'use --format text, md or json' });
        const diff = diffPlans(plan, planOf(project, whatIfInstant(opts.whatIf, project.goLiveLocal, project.timeZone)), now);
        if (fmt === 'json') return printJson(run, whatIfDocument(diff, project));
        return run.io.out(renderWhatIfText(project, diff, fmt === 'md' ? PLAIN : style(run, cmd), fmt === 'md'));
      }
      if (fmt === 'json') return printJson(run, planDocument(plan, project));
      if (fmt === 'ics') return run.io.out(renderIcs(project, plan, now));
      if (fmt === 'md') return run.io.out(renderPlanMarkdown(project, plan, now));
      run.io.out(renderPlanText(project, plan, now, style(run, cmd)));
    });
};
