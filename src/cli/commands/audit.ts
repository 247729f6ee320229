import type { Command } from 'commander';
import { auditReport, verifyAudit } from '../../services/audit.js';
import { emptyState } from '../../state/events.js';
import { readStore } from '../../services/session.js';
import { dayTime } from '../../report/text.js';
import { printJson, session, style } from '../common.js';
import { EXIT, examples, type Register } from '../program.js';

export const auditCommand: Register = (program, run) => {
  const audit = program.command('audit').description('the append-only, hash-chained record of every change');
  audit
    .command('verify')
    .description('walk the hash chain and check the tables against a replay of the log; exit 1 if anything is off')
    .option('--head <hash>', 'also check that this earlier head hash is still in the log (entries after it may follow)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', examples(['golive audit verify', '# keep the printed head hash somewhere else (CI logs, a ticket); later, prove nothing before it was cut off:', 'golive audit verify --head 3f5a…']))
    .action(async (opts: { json?: boolean; head?: string }, cmd: Command) => {
      const s = session(run, cmd);
      const result = await readStore(s, 'golive audit verify', (store) => verifyAudit(store, s.project.id, opts.head), () => auditReport({ state: emptyState(), entries: [] }, opts.head));
      run.exitCode = result.ok ? EXIT.ok : EXIT.noGo;
      if (opts.json) return printJson(run, { schema: 'golive.audit-verify/1', ...result });
      const st = style(run, cmd);
      if (result.ok) return run.io.out(`${st.green('audit log verified')}: ${result.entries} entries, chain intact, tables match the log; head ${result.head ?? 'none'}`);
      run.io.out(st.red(`audit log verification failed (${result.entries} entries)`));
      for (const p of result.chain) run.io.out(`  entry ${p.seq}: ${p.problem}`);
      for (const p of result.state) run.io.out(`  ${p}`);
    });
  audit
    .command('log')
    .description('list recorded changes, newest last')
    .option('-n, --limit <n>', 'only the last n entries', (v) => Number.parseInt(v, 10))
    .option('--json', 'print the entries as JSON')
    .addHelpText('after', examples(['golive audit log -n 20', 'golive audit log --json | jq \'.[] | select(.action=="signoff.add")\'']))
    .action(async (opts: { limit?: number; json?: boolean }, cmd: Command) => {
      const s = session(run, cmd);
      const all = await readStore(s, 'golive audit log', (store) => store.entries(s.project.id), () => []);
      const entries = opts.limit && opts.limit > 0 ? all.slice(-opts.limit) : all;
      if (opts.json) return printJson(run, entries);
      for (const e of entries) {
        const { action: _a, task: _t, ...details } = e.payload;
        run.io.out(`${String(e.seq).padStart(5)}  ${dayTime(e.at, s.project.timeZone)}  ${e.actor.padEnd(10)} ${e.action.padEnd(15)} ${e.subject}  ${JSON.stringify(details)}`);
      }
    });
};
