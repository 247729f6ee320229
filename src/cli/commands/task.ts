import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { emptyState, taskRow } from '../../state/events.js';
import { renderTaskText } from '../../report/task.js';
import { STATUS_LABEL } from '../../report/text.js';
import { defaultActor } from '../../services/context.js';
import { readStore, withStore } from '../../services/session.js';
import { assignTask, changeStatus, findPerson, findTask, noteTask, openRequirements, TASK_ACTIONS, type TaskAction } from '../../services/tasks.js';
import { printJson, session } from '../common.js';
import { examples, type Register, type Run } from '../program.js';

const ACTIONS = [...Object.keys(TASK_ACTIONS), 'assign', 'note', 'show'];

interface TaskOptions {
  reason?: string;
  evidence?: string[];
  as?: string;
  to?: string;
  message?: string;
  json?: boolean;
}

async function act(run: Run, cmd: Command, id: string, action: string, opts: TaskOptions): Promise<void> {
  if (!ACTIONS.includes(action)) throw new UsageError(`unknown action "${action}"`, { hint: `one of: ${ACTIONS.join(', ')}` });
  const s = session(run, cmd);
  const task = findTask(s.project, id);
  const actor = opts.as ? findPerson(s.project, opts.as).id : defaultActor(s.ctx.env);
  const who = { actor, at: s.ctx.now };
  if (action === 'show') {
    const state = await readStore(s, `golive task ${task.id}`, (store) => store.state(s.project.id), emptyState);
    return opts.json ? printJson(run, { task, state: taskRow(state, task.id) }) : run.io.out(renderTaskText(s.project, s.plan, task, state, s.ctx.now));
  }
  await withStore(s, `golive task ${task.id} ${action}`, async (store) => {
    if (action === 'assign') {
      if (!opts.to) throw new UsageError('assign needs --to <person> (or --to none)');
      await assignTask(store, s.project, task, opts.to === 'none' ? null : opts.to, who);
      return run.io.out(opts.to === 'none' ? `${task.id}: unassigned` : `${task.id}: assigned to ${opts.to}`);
    }
    if (action === 'note') {
      await noteTask(store, s.project, task, opts.message ?? opts.reason ?? '', who);
      return run.io.out(`${task.id}: note added`);
    }
    const entry = await changeStatus(store, s.project, task, { action: action as TaskAction, ...(opts.reason ? { reason: opts.reason } : {}), evidence: opts.evidence ?? [] }, who);
    const open = action === 'done' ? openRequirements(task, await store.state(s.project.id)) : [];
    run.io.out(`${task.id}: ${STATUS_LABEL[TASK_ACTIONS[action as TaskAction].to]} (recorded as audit entry ${entry.seq} by ${actor})`);
    if (open.length) run.io.err(`note: ${task.id} requires ${open.join(', ')}, which ${open.length === 1 ? 'is' : 'are'} not done yet`);
  });
}

export const taskCommand: Register = (program, run) => {
  program
    .command('task')
    .description('show a task, or change it: start, done, block, reopen, na (not applicable), assign, note')
    .argument('<id>', 'task id; the part after the playbook prefix is enough when unique (dns-access for web.dns-access)')
    .argument('[action]', ACTIONS.join(' | '), 'show')
    .option('-r, --reason <text>', 'why: required for block and na')
    .option('-e, --evidence <url>', 'link to proof (repeatable); secrets in the URL are masked before storing', (v: string, acc: string[] = []) => [...acc, v])
    .option('--as <person>', 'who makes the change (a person id from golive.yaml; default GOLIVE_ACTOR or your login)')
    .option('--to <person>', 'assign: the person to assign, or "none"')
    .option('-m, --message <text>', 'note: the text of the note')
    .option('--json', 'show: print the task and its state as JSON')
    .addHelpText('after', examples([
      'golive task web.dns-access',
      'golive task dns-access start --as oskar',
      'golive task web.tls-certificates done --evidence https://ci.example.com/tls-report/812',
      'golive task spryker.email-domain-validated block --reason "waiting for the DKIM records from IT"',
      'golive task sitecore.experiment-kpis na --reason "no experiments in the first release"',
      'golive task web.load-test assign --to tomas',
      'golive task web.load-test note -m "peak test moved to Thursday"',
      'golive task web.redirect-map reopen --reason "new URLs from the SEO audit"',
    ]))
    .action((id: string, action: string, opts: TaskOptions, cmd: Command) => act(run, cmd, id, action, opts));
};
