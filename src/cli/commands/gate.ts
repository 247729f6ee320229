import { renderGateMarkdown, renderGateText } from '../../report/gate.js';
import { gateDocument } from '../../report/json.js';
import { readStore } from '../../services/session.js';
import { emptyState } from '../../state/events.js';
import { gateChecksOf, gateEnvironment, gateOf } from '../../services/views.js';
import { format, printJson, session, style } from '../common.js';
import { EXIT, examples, withFormats, type Register } from '../program.js';

export const gateCommand: Register = (program, run) => {
  withFormats(program
    .command('gate')
    .description('GO, GO-WITH-RISKS or NO-GO from the project policy, with reasons; exit 0, 0 or 1'), ['text', 'md', 'json'])
    .option('--env <name>', 'environment whose check results count (default: policy.checks.environment, production)')
    .addHelpText('after', examples([
      'golive gate',
      '# in CI: fail the pipeline on NO-GO, and show why in the job summary',
      'golive gate --format md >> "$GITHUB_STEP_SUMMARY"',
      '# rehearse: what will the gate say at the freeze point?',
      'GOLIVE_NOW=2026-12-07T09:00:00+01:00 golive gate',
      '',
      '# the policy (policy: in golive.yaml): (a) every blocker due by now is done or waived; (b) every required',
      '# sign-off of a task due by now is present and unexpired; (c) from the freeze point (default T-7d) every',
      '# pre-launch task due by it is done; (d) waivers in force make GO into GO-WITH-RISKS; (e) a blocking task whose',
      '# latest check result from the last 24 h (policy.checks.freshness) is fail or error is NO-GO; warnings are listed.',
    ]))
    .action(async (_opts, cmd) => {
      const s = session(run, cmd);
      const env = gateEnvironment(s, cmd.opts().env as string | undefined);
      const { state, checks } = await readStore(
        s,
        'golive gate',
        async (store) => ({ state: await store.state(s.project.id), checks: await gateChecksOf(s, store, env) }),
        () => ({ state: emptyState(), checks: undefined }),
      );
      const gate = gateOf(s, state, checks ?? (env === undefined ? undefined : await gateChecksOf(s, undefined, env)));
      const fmt = format(cmd, ['text', 'md', 'json']);
      if (fmt === 'json') printJson(run, gateDocument(gate, s.project));
      else run.io.out(fmt === 'md' ? renderGateMarkdown(s.project, gate) : renderGateText(s.project, gate, style(run, cmd)));
      run.exitCode = gate.verdict === 'NO-GO' ? EXIT.noGo : EXIT.ok;
    });
};
