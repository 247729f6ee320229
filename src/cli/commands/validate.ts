import { ConfigError } from '../../errors.js';
import { renderDiagnosticsText } from '../../report/diagnostics.js';
import { validateDocument } from '../../report/json.js';
import { openSession } from '../../services/session.js';
import { format, globals, printJson, style } from '../common.js';
import { contextFor } from '../io.js';
import { EXIT, examples, withFormats, type Register } from '../program.js';

export const validateCommand: Register = (program, run) => {
  withFormats(program
    .command('validate')
    .description('check golive.yaml and every playbook it uses; report all problems at once with file:line:column, field and hint'), ['text', 'json'])
    .addHelpText('after', examples(['golive validate', 'golive validate --project launches/eu/golive.yaml', 'golive validate --json | jq \'.diagnostics[] | select(.severity=="error")\'', '# exit code 0 when valid (warnings allowed), 2 when there are errors']))
    .action((_opts, cmd) => {
      const fmt = format(cmd, ['text', 'json']);
      try {
        const s = openSession(contextFor(run.io, globals(cmd)));
        if (fmt === 'json') return printJson(run, validateDocument(s.warnings, s.project.tasks.length));
        run.io.out(renderDiagnosticsText(s.warnings, style(run, cmd)));
        run.io.out(`${s.project.tasks.length} tasks from ${s.project.playbooks.map((p) => `${p.id}@${p.version}`).join(', ')}; go-live ${s.project.goLiveLocal} ${s.project.timeZone}.`);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        if (fmt === 'json') printJson(run, validateDocument(err.diagnostics));
        else run.io.err(renderDiagnosticsText(err.diagnostics, style(run, cmd)));
        run.exitCode = EXIT.usage;
      }
    });
};
