import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { signoff, waive } from '../../services/approvals.js';
import { withStore } from '../../services/session.js';
import { findTask } from '../../services/tasks.js';
import { session } from '../common.js';
import { examples, type Register } from '../program.js';

interface SignoffOptions {
  as?: string;
  role?: string;
  evidence?: string;
  expires?: string;
  revoke?: boolean;
  reason?: string;
}

export const signoffCommand: Register = (program, run) => {
  program
    .command('signoff')
    .description('approve a task in a role the task requires, with evidence and an optional expiry (or revoke it)')
    .argument('<task>', 'task id')
    .requiredOption('--as <person>', 'the person signing off (a person id from golive.yaml)')
    .option('--role <role>', 'the role signed in, when the person holds several that the task needs')
    .option('-e, --evidence <url>', 'what was reviewed (a link)')
    .option('--expires <date>', 'last day the sign-off is valid (YYYY-MM-DD, project time zone)')
    .option('--revoke', 'withdraw this person\'s sign-off instead')
    .option('-r, --reason <text>', 'why, when revoking')
    .addHelpText('after', examples([
      'golive signoff sitecore.consent-management --as lena --evidence https://wiki.example.com/dpia --expires 2026-12-31',
      'golive signoff web.go-no-go --as dana --role delivery-lead',
      'golive signoff sitecore.consent-management --as lena --revoke --reason "new data source added"',
      '# a sign-off lapses when its task is reopened, and stops counting after --expires',
    ]))
    .action(async (taskId: string, opts: SignoffOptions, cmd: Command) => {
      const s = session(run, cmd);
      const task = findTask(s.project, taskId);
      if (!opts.as) throw new UsageError('--as <person> is required');
      const entry = await withStore(s, `golive signoff ${task.id}`, (store) => signoff(store, s.project, task, { person: opts.as as string, ...opts }, s.ctx.now));
      const payload = entry.payload as { role?: string };
      run.io.out(opts.revoke ? `${task.id}: sign-off by ${opts.as} revoked` : `${task.id}: signed off by ${opts.as} as ${payload.role ?? ''} (audit entry ${entry.seq})`);
    });
};

interface WaiveOptions {
  as?: string;
  reason?: string;
  until?: string;
  revoke?: boolean;
}

export const waiveCommand: Register = (program, run) => {
  program
    .command('waive')
    .description('accept a risk on a task until a date: the gate then says GO-WITH-RISKS instead of NO-GO for it (or revoke)')
    .argument('<task>', 'task id')
    .requiredOption('--as <person>', 'who accepts the risk (policy.waiverRoles may restrict this)')
    .option('-r, --reason <text>', 'the risk being accepted, and why it is acceptable')
    .option('--until <date>', 'last day the waiver holds (YYYY-MM-DD; at most policy.maxWaiverDays ahead, default 30)')
    .option('--revoke', 'withdraw the waiver in force instead')
    .addHelpText('after', examples([
      'golive waive web.load-test --reason "peak test after launch; traffic ramps slowly" --until 2026-12-31 --as dana',
      'golive waive web.load-test --revoke --reason "test done" --as dana',
    ]))
    .action(async (taskId: string, opts: WaiveOptions, cmd: Command) => {
      const s = session(run, cmd);
      const task = findTask(s.project, taskId);
      const entry = await withStore(s, `golive waive ${task.id}`, (store) => waive(store, s.project, task, { person: opts.as as string, ...opts }, s.ctx.now));
      run.io.out(opts.revoke ? `${task.id}: waiver revoked` : `${task.id}: risk accepted by ${opts.as} until ${opts.until} (audit entry ${entry.seq})`);
    });
};
