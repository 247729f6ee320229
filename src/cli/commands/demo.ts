import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { renderGateText } from '../../report/gate.js';
import { renderPlanText } from '../../report/plan.js';
import { renderStatusText } from '../../report/status.js';
import { demoHistory, recordHistory, writeDemoProject } from '../../services/demo.js';
import { openSession, withStore } from '../../services/session.js';
import { gateOf, statusOf } from '../../services/views.js';
import { contextFor } from '../io.js';
import { style } from '../common.js';
import { examples, type Register } from '../program.js';

function demoDir(cwd: string, dir?: string): string {
  if (!dir) return mkdtempSync(path.join(tmpdir(), 'golive-demo-'));
  const abs = path.resolve(cwd, dir);
  if (existsSync(abs) && readdirSync(abs).length > 0) throw new UsageError(`${dir} is not empty`, { hint: 'give a new or empty directory, or leave out --dir for a temporary one' });
  mkdirSync(abs, { recursive: true });
  return abs;
}

export const demoCommand: Register = (program, run) => {
  program
    .command('demo')
    .description('build a throw-away sample launch (Spryker + Sitecore playbooks, go-live in three weeks, some work done, some late) and show its plan, status and verdict')
    .option('--dir <path>', 'where to create the demo project (default: a new temporary directory)')
    .addHelpText('after', examples(['golive demo', 'golive demo --dir ./demo && cd demo && golive task web.dns-access', '# exits 0 once the demo is built, whatever its verdict']))
    .action(async (opts: { dir?: string }, cmd: Command) => {
      const dir = demoDir(run.io.cwd, opts.dir);
      const ctx = contextFor({ ...run.io, cwd: dir }, {});
      const file = writeDemoProject(dir, ctx.now);
      run.io.err(`Building a demo project in ${dir} …`);
      const s = openSession({ ...ctx, progress: (m) => run.io.err(m) });
      const state = await withStore(s, 'golive demo', async (store) => {
        await recordHistory(store, s, demoHistory(s));
        return store.state(s.project.id);
      });
      const st = style(run, cmd);
      run.io.out([
        st.bold('=== Plan ==='), renderPlanText(s.project, s.plan, ctx.now, st), '',
        st.bold('=== Status ==='), renderStatusText(s.project, statusOf(s, state), st), '',
        st.bold('=== Gate ==='), renderGateText(s.project, gateOf(s, state), st), '',
        `The demo project is ${file}. Try:`,
        `  cd ${dir}`,
        '  golive task web.launch-plan            # one task in full',
        '  golive report --format md              # everything, for a PR comment or a status mail',
        '  golive plan --what-if <a later date>   # how the plan re-flows',
      ].join('\n'));
    });
};
