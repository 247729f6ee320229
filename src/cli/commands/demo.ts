import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import type { DemoNet } from '../../demo/net.js';
import { GoliveError, UsageError } from '../../errors.js';
import { renderChecksText } from '../../report/checks.js';
import { renderGateText } from '../../report/gate.js';
import { renderPlanText } from '../../report/plan.js';
import { renderStatusText } from '../../report/status.js';
import { runProjectChecks } from '../../services/checks.js';
import { DEMO_ZONE, demoGoLive, demoHistory, recordHistory, writeDemoProject } from '../../services/demo.js';
import { completeHistory, writeSprykerDemoProject } from '../../services/demo-spryker.js';
import { openSession, withStore, type Session } from '../../services/session.js';
import { gateChecksOf, gateOf, statusOf } from '../../services/views.js';
import { localToInstant } from '../../plan/time.js';
import { contextFor } from '../io.js';
import { style } from '../common.js';
import { examples, type Register, type Run } from '../program.js';
import { withDocs } from './check.js';

function demoDir(cwd: string, dir?: string): string {
  if (!dir) return mkdtempSync(path.join(tmpdir(), 'golive-demo-'));
  const abs = path.resolve(cwd, dir);
  if (existsSync(abs) && readdirSync(abs).length > 0) throw new UsageError(`${dir} is not empty`, { hint: 'give a new or empty directory, or leave out --dir for a temporary one' });
  mkdirSync(abs, { recursive: true });
  return abs;
}

const DAY = 86_400_000;

/** Validity of a demo certificate: issued a month ago, running out `daysAfterGoLive` after the demo's go-live. */
function certValidity(now: Date, daysAfterGoLive: number): { from: Date; to: Date } {
  const goLive = localToInstant(demoGoLive(now), DEMO_ZONE);
  const goLiveMs = 'instant' in goLive ? goLive.instant.getTime() : now.getTime() + 21 * DAY;
  return { from: new Date(now.getTime() - 30 * DAY), to: new Date(goLiveMs + daysAfterGoLive * DAY) };
}

/** The demo's servers, with a certificate that runs out twelve days after go-live (a real finding). */
async function startNet(run: Run, dir: string, now: Date): Promise<DemoNet | undefined> {
  try {
    // The loopback servers (and their certificates) load only for the demo, not at every golive start.
    const { startDemoNet } = await import('../../demo/net.js');
    return await startDemoNet(dir, certValidity(now, 12));
  } catch (err) {
    if (!(err instanceof GoliveError)) throw err;
    run.io.err(`warning: ${err.message}; the demo goes on without its checks${err.hint ? ` (${err.hint})` : ''}`);
    return undefined;
  }
}

async function checkSection(run: Run, s: Session, cmd: Command): Promise<string[]> {
  const result = await runProjectChecks(s, { net: {}, onResult: (r, done, total) => s.ctx.progress(`[${done}/${total}] ${r.status.padEnd(7)} ${r.rule} ${r.target}`) });
  const report = { title: `${s.project.name}: checks`, environment: result.environment, startedAt: result.startedAt, finishedAt: result.finishedAt, cancelled: result.cancelled, counts: result.counts, results: withDocs(result.results), tasks: result.tasks };
  return [style(run, cmd).bold('=== Checks (against the demo\'s loopback servers) ==='), renderChecksText(report, style(run, cmd)), ''];
}

function waitForInterrupt(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** `golive demo spryker`: every task ticked, and the checks of the deploy file's endpoints decide. */
async function sprykerDemo(run: Run, cmd: Command, opts: { dir?: string; fixed?: boolean; serve?: boolean }): Promise<void> {
  const dir = demoDir(run.io.cwd, opts.dir);
  const ctx = contextFor({ ...run.io, cwd: dir }, {});
  run.io.err(`Building a Spryker-like demo launch in ${dir} …`);
  const { startSprykerLaunch } = await import('../../demo/spryker-launch.js');
  const launch = await startSprykerLaunch(dir, certValidity(ctx.now, 90), opts.fixed === true);
  try {
    const file = writeSprykerDemoProject(dir, ctx.now, launch, opts.fixed === true);
    const s = openSession({ ...ctx, progress: (m) => run.io.err(m) });
    await withStore(s, 'golive demo', (store) => recordHistory(store, s, completeHistory(s)));
    const checks = await checkSection(run, s, cmd);
    if (!ctx.env.GOLIVE_NOW) s.ctx.now = new Date();
    const { state, gateChecks } = await withStore(s, 'golive demo', async (store) => ({ state: await store.state(s.project.id), gateChecks: await gateChecksOf(s, store, 'production') }));
    const st = style(run, cmd);
    run.io.out([
      ...checks,
      st.bold('=== Gate ==='), renderGateText(s.project, gateOf(s, state, gateChecks), st), '',
      `The demo project is ${file}; every task due so far is ticked done, so what the gate finds, it found in reality.`,
      `  golive spryker analyze ${launch.deployFile} --domains ${launch.vars.apex}   # the deploy file, statically`,
      ...(opts.fixed ? [] : ['  golive demo spryker --fixed                                 # the same shop with the problems fixed']),
      '(The shop is golive\'s loopback stand-in that answers like the documented endpoints; it is not Spryker.)',
    ].join('\n'));
    if (opts.serve) {
      run.io.err(`The demo shop is up at ${launch.url} (DNS ${launch.network.resolvers[0]}). Run golive check in ${dir}; Ctrl-C stops it.`);
      await waitForInterrupt();
    }
  } finally {
    await launch.close();
  }
}

export const demoCommand: Register = (program, run) => {
  program
    .command('demo [variant]')
    .description('build a throw-away sample launch (Spryker + Sitecore playbooks, go-live in three weeks, some work done, some late), run its checks against loopback servers it starts, and show plan, status, checks and verdict; `golive demo spryker` builds a Spryker Cloud launch on a Spryker-like loopback shop instead')
    .option('--dir <path>', 'where to create the demo project (default: a new temporary directory)')
    .option('--no-checks', 'skip the loopback servers and the checks (no openssl needed)')
    .option('--serve', 'keep the demo\'s servers running until Ctrl-C, to try golive check and golive probe against them')
    .option('--fixed', 'with the spryker variant: the same shop with its problems fixed (GO)')
    .addHelpText('after', examples([
      'golive demo',
      'golive demo --dir ./demo && cd demo && golive task web.dns-access',
      '# a Spryker-like shop on loopback with planted problems (demo admin logs in, apex CNAME, ...): NO-GO with reasons',
      'golive demo spryker',
      'golive demo spryker --fixed',
      '# keep the demo shop up and check it yourself from another terminal',
      'golive demo --dir ./demo --serve',
      'cd demo && golive check --only \'tls/*\' && golive gate',
      '# exits 0 once the demo is built, whatever its verdict',
    ]))
    .action(async (variant: string | undefined, opts: { dir?: string; checks: boolean; serve?: boolean; fixed?: boolean }, cmd: Command) => {
      if (variant !== undefined && variant !== 'spryker') throw new UsageError(`unknown demo "${variant}"`, { hint: 'golive demo (a web launch with both vendor playbooks) or golive demo spryker' });
      if (variant === 'spryker') return sprykerDemo(run, cmd, opts);
      if (opts.fixed) throw new UsageError('--fixed belongs to golive demo spryker', { hint: 'golive demo spryker --fixed' });
      const dir = demoDir(run.io.cwd, opts.dir);
      const ctx = contextFor({ ...run.io, cwd: dir }, {});
      run.io.err(`Building a demo project in ${dir} …`);
      const net = opts.checks ? await startNet(run, dir, ctx.now) : undefined;
      try {
        const file = writeDemoProject(dir, ctx.now, net);
        const s = openSession({ ...ctx, progress: (m) => run.io.err(m) });
        await withStore(s, 'golive demo', (store) => recordHistory(store, s, demoHistory(s)));
        const checks = net ? await checkSection(run, s, cmd) : [];
        // The verdict as of now, after the checks ran (their results are younger than the session's clock).
        if (net && !ctx.env.GOLIVE_NOW) s.ctx.now = new Date();
        const { state, gateChecks } = await withStore(s, 'golive demo', async (store) => ({ state: await store.state(s.project.id), gateChecks: await gateChecksOf(s, store, 'production') }));
        const st = style(run, cmd);
        run.io.out([
          st.bold('=== Plan ==='), renderPlanText(s.project, s.plan, ctx.now, st), '',
          st.bold('=== Status ==='), renderStatusText(s.project, statusOf(s, state), st), '',
          ...checks,
          st.bold('=== Gate ==='), renderGateText(s.project, gateOf(s, state, gateChecks), st), '',
          `The demo project is ${file}. Try:`,
          `  cd ${dir}`,
          '  golive task web.tls-certificates       # one task in full, with its checks',
          '  golive rules                           # every rule a check can use',
          '  golive report --format md              # everything, for a PR comment or a status mail',
          '  golive plan --what-if <a later date>   # how the plan re-flows',
          ...(net && !opts.serve ? ['  golive demo --serve                    # keep the demo shop up, then golive check against it'] : []),
        ].join('\n'));
        if (net && opts.serve) {
          run.io.err(`The demo shop is up at ${net.url} (DNS ${net.network.resolvers[0]}). Run golive check in ${dir}; Ctrl-C stops the servers.`);
          await waitForInterrupt();
        }
      } finally {
        await net?.close();
      }
    });
};
