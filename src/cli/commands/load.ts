import { Option, type Command } from 'commander';
import { UsageError } from '../../errors.js';
import { brokenBudgets, parseRateStep, type Budgets } from '../../load/budgets.js';
import type { LoadPlan } from '../../load/run.js';
import type { LoadReport, PeakReport } from '../../load/types.js';
import type { NetOptions } from '../../checks/types.js';
import { formatDuration } from '../../load/units.js';
import { redactEvidence } from '../../lib/redact.js';
import { loadDocument, peakDocument, renderLoadMarkdown, renderLoadText, renderPeakMarkdown, renderPeakText, type LoadOutcome } from '../../report/load.js';
import { netOptions } from '../../services/network.js';
import { format, globals, printJson, style } from '../common.js';
import { contextFor } from '../io.js';
import { interruptible, netFlags } from '../net-options.js';
import { collect, EXIT, examples, withFormats, type Register, type Run } from '../program.js';
import { connectionsFlag, durationFlag, expectFlag, MAX_RATE, rateFlag, requestFrom, shareFlag } from './load-args.js';

export interface LoadCliOptions {
  rate: string; duration: string; warmup: string; connections: string; timeout: string; method?: string; body?: string; header?: string[];
  expectStatus: string; lateThreshold: string; p99Under?: string; meanUnder?: string; maxErrorRate?: string;
  findPeak?: boolean; startRate: string; step: string; maxRate: string; stepDuration: string;
}

const INTERRUPTED = 130;

const DESCRIPTION = 'send HTTP requests at a constant rate and report latency (mean, p50, p95, p99, max), errors, timeouts, the achieved rate and late starts; '
  + 'or raise the rate step by step to find the highest one within a p99 budget (--find-peak). '
  + 'Open loop: requests leave on a fixed schedule whatever the server does, as independent visitors arrive; a closed-loop tool waits for each answer before sending the next, so a stalling server quietly gets less traffic and its stall is under-counted. '
  + 'Latency runs from the moment each request was due, not from when it left, so waiting behind a stall counts the way a visitor feels it. '
  + 'Point it only at systems you own or are allowed to load.';

function budgetsFrom(o: LoadCliOptions): Budgets {
  return {
    ...(o.p99Under !== undefined ? { p99UnderMs: durationFlag('--p99-under', o.p99Under, 1, 'required') } : {}),
    ...(o.meanUnder !== undefined ? { meanUnderMs: durationFlag('--mean-under', o.meanUnder, 1, 'required') } : {}),
    // A latency budget alone would pass a server that fails fast: it comes with an error budget of 1% unless one is given.
    ...(o.maxErrorRate !== undefined ? { maxErrorRate: shareFlag('--max-error-rate', o.maxErrorRate) } : o.p99Under !== undefined || o.meanUnder !== undefined ? { maxErrorRate: 0.01 } : {}),
  };
}

/** Flags that only one mode reads: giving them to the other is a mistake worth saying. */
function refuseOtherMode(c: Command, o: LoadCliOptions): void {
  const given = (name: string) => c.getOptionValueSource(name) === 'cli';
  const [wrong, hint] = o.findPeak
    ? [['rate', 'duration', 'meanUnder'].filter(given), 'peak search takes --start-rate, --step, --max-rate and --step-duration, and judges each step by --p99-under and --max-error-rate']
    : [['startRate', 'step', 'maxRate', 'stepDuration'].filter(given), 'add --find-peak to search for the peak rate, or use --rate and --duration for one run'];
  const flag = (n: string) => `--${n.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`)}`;
  if (wrong.length > 0) throw new UsageError(`${wrong.map(flag).join(', ')} ${o.findPeak ? 'do not apply to --find-peak' : 'only apply to --find-peak'}`, { hint });
  if (o.findPeak && o.p99Under === undefined) throw new UsageError('--find-peak needs --p99-under: the budget each step must keep', { hint: 'e.g. --find-peak --p99-under 300ms' });
}

export const loadCommand: Register = (program, run) => {
  const cmd = program.command('load <url>').description(DESCRIPTION)
    .option('--rate <n>', 'requests per second, sent on schedule (fractions allowed)', '10')
    .option('--duration <time>', 'measured time: 500ms, 60s, 2m', '30s')
    .option('--warmup <time>', 'send at the same rate this long first and leave it out of the numbers (connections, caches, JIT)', '1s')
    .option('--connections <n>', 'most connections open at once; each carries one request at a time, and only as many open as are needed', '100')
    .option('--timeout <time>', 'per request, from its intended start; a slower answer counts as a timeout', '2s')
    .option('--method <method>', 'HTTP method (default GET, or POST with --body)')
    .option('--body <file>', 'request body from a file, sent as application/json unless --header content-type says otherwise; {{uuid}} (a new UUID) and {{n}} (the request\'s number) in it are filled per request, so no cache answers a repeat')
    .addOption(new Option('--header <"name: value">', 'request header (repeatable); ${env.NAME} takes the value from the environment, and such values and secret headers are never printed').argParser(collect))
    .option('--expect-status <list>', 'statuses that count as success: 2xx, 200,204, 2xx,304 or 200-299', '2xx')
    .option('--late-threshold <time>', 'a request leaving later than this after its intended time counts as a late start', '1ms')
    .option('--p99-under <time>', 'budget: exit 1 unless p99 is under this (with --find-peak: each step\'s budget)')
    .option('--mean-under <time>', 'budget: exit 1 unless the mean is under this')
    .option('--max-error-rate <share>', 'budget: exit 1 if more than this share of requests fail (status, timeout or connection), e.g. 1% (default 1% when --p99-under or --mean-under is given, and for --find-peak)')
    .option('--find-peak', 'peak search: step the rate up until a step breaks --p99-under or --max-error-rate')
    .option('--start-rate <n>', 'peak search: first rate', '10')
    .option('--step <step>', 'peak search: next rate, times a factor (1.5x) or plus a number (+10)', '1.5x')
    .option('--max-rate <n>', 'peak search: stop here even within budget', '10000')
    .option('--step-duration <time>', 'peak search: measured time per step (after --warmup)', '10s')
    .addOption(new Option('--resolve <host:port:addr>', 'connect to addr for host:port, like curl --resolve (repeatable)').argParser(collect))
    .addOption(new Option('--resolver <ip[:port]>', 'DNS server to ask instead of the system\'s (repeatable)').argParser(collect))
    .option('--ca-file <pem>', 'extra trusted CA certificates (PEM), e.g. a staging CA');
  withFormats(cmd, ['text', 'md', 'json']).addHelpText('after', examples([
    'golive load https://edge.example.com/v1/personalize --rate 50 --duration 60s --body flow.json',
    "golive load https://api.example.com/v2/callFlows --rate 20 --duration 2m --body flow.json --header 'authorization: Bearer ${env.EDGE_TOKEN}' --p99-under 300ms --max-error-rate 0.5%",
    'golive load https://edge.example.com/v1/personalize --body flow.json --find-peak --p99-under 300ms --start-rate 10 --step 1.5x --step-duration 10s',
    '# rehearse against the new platform before the DNS switch, report as JSON',
    'golive load https://shop.example.com/api/offers --rate 100 --duration 30s --warmup 5s --resolve shop.example.com:443:203.0.113.10 --json',
    '',
    '# exit codes: 0 done and every given budget kept, 1 a budget broken (peak search: not even the first step kept it), 2 usage, 130 interrupted (Ctrl-C: the report covers what finished)',
  ]));
  cmd.action(async (url: string, o: LoadCliOptions, c: Command) => {
    const fmt = format(c, ['text', 'md', 'json']);
    refuseOtherMode(c, o);
    const { request, secrets } = requestFrom(url, { ...o, header: o.header ?? [] }, run.io.env, run.io.cwd);
    const timeoutMs = durationFlag('--timeout', o.timeout, 1, 'required');
    const { net } = netOptions(netFlags(c.opts()), {}, run.io.cwd);
    const common = { request, timeoutMs, connections: connectionsFlag(o.connections), warmupMs: durationFlag('--warmup', o.warmup, 0), lateThresholdMs: durationFlag('--late-threshold', o.lateThreshold, 0, 'required'), expect: expectFlag(o.expectStatus) };
    const { signal, dispose } = interruptible();
    try {
      const out: Emit = { run, fmt, c, secrets, signal, progress: contextFor(run.io, globals(c)).progress };
      // The connect time limit is the per-request one: a connection slower than that is a timeout anyway.
      if (o.findPeak) await peak(o, common, { ...net, timeoutMs }, out);
      else await single(o, common, { ...net, timeoutMs }, out);
    } finally {
      dispose();
    }
  });
};

/** What both modes share: the request and how each one is sent and judged. */
type Common = Omit<LoadPlan, 'rate' | 'durationMs'>;
/** Where and how the report goes, and the values to blank out of it. */
interface Emit { run: Run; fmt: string; c: Command; secrets: string[]; signal: AbortSignal; progress: (m: string) => void }

async function single(o: LoadCliOptions, common: Common, net: NetOptions, out: Emit): Promise<void> {
  const rate = rateFlag('--rate', o.rate);
  const durationMs = durationFlag('--duration', o.duration);
  if ((rate * durationMs) / 1000 < 1) throw new UsageError(`--duration ${o.duration} at --rate ${o.rate} is too short for a single request`, { hint: `at ${o.rate} req/s one request is due every ${formatDuration(1000 / rate)}: give --duration ${formatDuration(Math.ceil(1000 / rate) * 10)} or more` });
  const budgets = budgetsFrom(o);
  const { runLoad } = await import('../../load/run.js');
  out.progress(`sending ${o.rate} req/s for ${formatDuration(durationMs)}${common.warmupMs ? ` after ${formatDuration(common.warmupMs)} of warm-up` : ''}; Ctrl-C stops and reports what finished`);
  const report = redactEvidence<LoadReport>(await runLoad({ ...common, rate, durationMs }, net, out.signal), out.secrets);
  const outcome: LoadOutcome = { report, budgets, broken: brokenBudgets(report.stats, budgets) };
  if (out.fmt === 'json') printJson(out.run, loadDocument(outcome));
  else out.run.io.out(out.fmt === 'md' ? renderLoadMarkdown(outcome) : renderLoadText(outcome, style(out.run, out.c)));
  out.run.exitCode = report.interrupted ? INTERRUPTED : outcome.broken.length > 0 ? EXIT.noGo : EXIT.ok;
}

async function peak(o: LoadCliOptions, common: Common, net: NetOptions, out: Emit): Promise<void> {
  const step = parseRateStep(o.step);
  if (!step) throw new UsageError(`--step ${o.step} is neither a factor nor an increment`, { hint: 'e.g. --step 1.5x (times 1.5 each step, the default) or --step +10 (10 req/s more each step)' });
  const startRate = rateFlag('--start-rate', o.startRate);
  const maxRate = rateFlag('--max-rate', o.maxRate);
  if (maxRate < startRate) throw new UsageError(`--max-rate ${o.maxRate} is below --start-rate ${o.startRate}`, { hint: `raise --max-rate (up to ${MAX_RATE}) or lower --start-rate` });
  const stepDurationMs = durationFlag('--step-duration', o.stepDuration);
  if ((startRate * stepDurationMs) / 1000 < 1) throw new UsageError(`--step-duration ${o.stepDuration} at --start-rate ${o.startRate} is too short for a single request`, { hint: 'give a longer --step-duration or a higher --start-rate' });
  const budgets = budgetsFrom(o);
  const { findPeak } = await import('../../load/peak.js');
  out.progress(`peak search from ${o.startRate} req/s, ${formatDuration(stepDurationMs)} per step; Ctrl-C stops and reports the steps so far`);
  const plan = { ...common, startRate, step, maxRate, stepDurationMs, p99UnderMs: budgets.p99UnderMs!, maxErrorRate: budgets.maxErrorRate ?? 0.01, maxSteps: 40 };
  const report = redactEvidence<PeakReport>(await findPeak(plan, net, out.signal, (s) => out.progress(`${s.rate} req/s: p99 ${s.stats.latency?.p99 ?? '–'} ms, errors ${(s.stats.errorRate * 100).toFixed(2)}% ${s.pass ? 'pass' : 'fail'}`)), out.secrets);
  if (out.fmt === 'json') printJson(out.run, peakDocument(report));
  else out.run.io.out(out.fmt === 'md' ? renderPeakMarkdown(report) : renderPeakText(report, style(out.run, out.c)));
  out.run.exitCode = report.interrupted ? INTERRUPTED : report.peakRate === null ? EXIT.noGo : EXIT.ok;
}
