import { statusDocument } from '../../report/json.js';
import { renderStatusMarkdown, renderStatusText } from '../../report/status.js';
import { readStore } from '../../services/session.js';
import { emptyState } from '../../state/events.js';
import { statusOf } from '../../services/views.js';
import { format, printJson, session, style } from '../common.js';
import { examples, withFormats, type Register } from '../program.js';

export const statusCommand: Register = (program, run) => {
  withFormats(program
    .command('status')
    .description('what is overdue, what is due this week, what comes next, and how ready each area and owner is'), ['text', 'md', 'json'])
    .addHelpText('after', examples(['golive status', 'golive status --format md > status.md', 'golive status --json | jq .status.totals']))
    .action(async (_opts, cmd) => {
      const s = session(run, cmd);
      const state = await readStore(s, 'golive status', (store) => store.state(s.project.id), emptyState);
      const model = statusOf(s, state);
      const fmt = format(cmd, ['text', 'md', 'json']);
      if (fmt === 'json') return printJson(run, statusDocument(model, s.project));
      run.io.out(fmt === 'md' ? renderStatusMarkdown(s.project, model) : renderStatusText(s.project, model, style(run, cmd)));
    });
};
