import { canonicalJson } from '../lib/canonical.js';
import { redactEvidence } from '../lib/redact.js';
import { abortable } from '../net/dns.js';
import { toProbeError } from '../net/errors.js';
import type { Registry } from '../checks/registry.js';
import { ProbeError, type AnyRule, type Finding, type Logger, type NetOptions, type ProbeContext, type ProbeErrorCode, type RunResources, type VerdictStatus } from '../checks/types.js';
import type { CdpFacts } from '../playbook/cdp.js';
import { limiter } from './limit.js';

/** One rule applied to one target, as the runner receives it (targets and options already validated). */
export interface CheckSpec {
  /** Unique within a run, e.g. "web.tls-certificates#0". */
  key: string;
  task?: string;
  rule: AnyRule;
  target: unknown;
  /** The target as people read it ("shop.example.com:443"). */
  label: string;
  options: unknown;
}

export interface CheckResult {
  key: string;
  task?: string;
  rule: string;
  target: string;
  status: VerdictStatus;
  summary: string;
  findings: Finding[];
  code?: ProbeErrorCode;
  /** What the probe saw (redacted); for an error, the probe's message and hint. */
  evidence: unknown;
  startedAt: Date;
  durationMs: number;
  /** How often the probe ran (more than once only after a transient error). */
  attempts: number;
}

export interface RunOptions {
  registry: Registry;
  net: NetOptions;
  /** Probes running at once. */
  concurrency: number;
  /** Retries after a transient probe error, within the probe's time limit. */
  retries: number;
  now: () => Date;
  goLive: Date;
  cwd: string;
  /** Ctrl-C: probes in flight end as ABORTED, nothing new starts. */
  signal?: AbortSignal;
  log?: Logger;
  /** Secret values to blank out of evidence and messages. */
  secrets?: string[];
  /** Probes may log in (demo-user checks): the user opted in. Default false. */
  allowLogin?: boolean;
  /** The project's declared CDP tenant facts, handed to probes that check exported data. */
  cdp?: CdpFacts;
  onResult?: (result: CheckResult, done: number, total: number) => void;
}

type ProbeOutcome = { ok: true; evidence: unknown; attempts: number; startedAt: Date; durationMs: number } | { ok: false; error: ProbeError; attempts: number; startedAt: Date; durationMs: number };

const silent: Logger = { debug: () => undefined };

/**
 * Run checks: each distinct probe input runs once (shared by every rule that asks for it), at
 * most `concurrency` at a time, each within the network time limit; rules judge the evidence.
 * A probe failure makes its rules `error` with the probe's code, and the run goes on.
 */
export async function runChecks(specs: CheckSpec[], options: RunOptions): Promise<{ results: CheckResult[]; cancelled: boolean }> {
  const limit = limiter(Math.max(1, options.concurrency));
  // Per shared resource, outside the run's limit: a probe waiting for the browser holds no run slot.
  const shared = new Map<string, ReturnType<typeof limiter>>();
  const gate = (probeId: string) => {
    const s = options.registry.probes.get(probeId)?.shares;
    if (!s) return <T>(task: () => Promise<T>) => task();
    if (!shared.has(s.resource)) shared.set(s.resource, limiter(Math.max(1, s.max)));
    return shared.get(s.resource)!;
  };
  const cache = new Map<string, Promise<ProbeOutcome>>();
  const results: CheckResult[] = [];
  const resources = runResources(options.log ?? silent);
  let done = 0;
  try {
    await Promise.all(
      specs.map(async (spec) => {
        const probeId = spec.rule.meta.probe;
        const input: unknown = spec.rule.probeInput(spec.target, spec.options);
        const cacheKey = `${probeId} ${canonicalJson(input)}`;
        let outcome = cache.get(cacheKey);
        if (!outcome) {
          outcome = gate(probeId)(() => limit(() => runProbe(probeId, input, options, resources)));
          cache.set(cacheKey, outcome);
        }
        const result = judge(spec, await outcome, options);
        if (options.signal?.aborted && result.code === 'ABORTED') return;
        results.push(result);
        options.onResult?.(result, ++done, specs.length);
      }),
    );
  } finally {
    // Finished, timed out or cancelled: what the probes shared (a browser) ends with the run.
    await resources.closeAll();
  }
  const order = new Map(specs.map((s, i) => [s.key, i]));
  results.sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
  return { results, cancelled: options.signal?.aborted ?? false };
}

async function runProbe(probeId: string, input: unknown, options: RunOptions, resources: RunResources): Promise<ProbeOutcome> {
  const probe = options.registry.probes.get(probeId);
  const startedAt = options.now();
  const t0 = performance.now();
  const elapsed = () => Math.round(performance.now() - t0);
  if (!probe) return { ok: false, error: new ProbeError('INVALID_TARGET', `no probe ${probeId}`), attempts: 0, startedAt, durationMs: 0 };
  if (options.signal?.aborted) return { ok: false, error: new ProbeError('ABORTED', 'cancelled before it started'), attempts: 0, startedAt, durationMs: 0 };
  const parsed = probe.input.safeParse(input);
  if (!parsed.success) return { ok: false, error: new ProbeError('INVALID_TARGET', `invalid input for ${probeId}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`), attempts: 0, startedAt, durationMs: 0 };
  // One time limit for every attempt: a retry never stretches the check past --timeout.
  const own = typeof probe.timeoutMs === 'function' ? probe.timeoutMs(parsed.data) : probe.timeoutMs ?? 0;
  const timeout = AbortSignal.timeout(Math.max(options.net.timeoutMs, own));
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      const ctx: ProbeContext = { signal, net: options.net, log: options.log ?? silent, now: options.now(), cwd: options.cwd, allowLogin: options.allowLogin ?? false, resources, ...(options.cdp ? { cdp: options.cdp } : {}) };
      // abortable(): even a probe that ignores its signal cannot hold the run past the limit.
      const evidence = await abortable(probe.run(parsed.data, ctx), signal);
      return { ok: true, evidence, attempts, startedAt, durationMs: elapsed() };
    } catch (err) {
      const error = toProbeError(err, probeId, signal);
      if (error.transient && attempts <= options.retries && !signal.aborted) continue;
      return { ok: false, error, attempts, startedAt, durationMs: elapsed() };
    }
  }
}

/** The run's shared resources: each made once on first use; all closed, newest first, when the run ends. */
function runResources(log: Logger): RunResources & { closeAll(): Promise<void> } {
  const made: { key: string; value: Promise<unknown>; close: (value: never) => Promise<void> }[] = [];
  let closed = false;
  return {
    use<T>(key: string, open: () => Promise<T>, close: (value: T) => Promise<void>): Promise<T> {
      // A probe still running after its run ended (it ignored its signal) gets nothing new to leak.
      if (closed) return Promise.reject(new ProbeError('ABORTED', 'the run has ended'));
      let entry = made.find((m) => m.key === key);
      if (!entry) {
        const added = { key, value: open() as Promise<unknown>, close };
        // A failed opening is not kept: a retry (or the next probe) opens it again instead of getting the old failure.
        added.value.catch(() => {
          const at = made.indexOf(added);
          if (at >= 0) made.splice(at, 1);
        });
        made.push(added);
        entry = added;
      }
      return entry.value as Promise<T>;
    },
    async closeAll() {
      closed = true;
      // A copy: failed openings leave `made` as their promises settle, which must not skip any other.
      const all = made.splice(0).reverse();
      for (const m of all) {
        try {
          await (m.close as (value: unknown) => Promise<void>)(await m.value);
        } catch (err) {
          log.debug('a shared resource did not close cleanly', { key: m.key, error: err instanceof Error ? err.message : String(err) });
        }
      }
    },
  };
}

function judge(spec: CheckSpec, outcome: ProbeOutcome, options: RunOptions): CheckResult {
  const base = { key: spec.key, ...(spec.task ? { task: spec.task } : {}), rule: spec.rule.meta.id, target: spec.label, startedAt: outcome.startedAt, durationMs: outcome.durationMs, attempts: outcome.attempts };
  const secrets = options.secrets ?? [];
  if (!outcome.ok) {
    const e = outcome.error;
    const finding: Finding = { severity: 'fail', code: e.code.toLowerCase().replaceAll('_', '-'), message: e.message, ...(e.hint ? { hint: e.hint } : {}), subject: spec.label };
    return redactEvidence({ ...base, status: 'error', code: e.code, summary: `Could not verify: ${e.message}`, findings: [finding], evidence: { error: e.code, message: e.message } }, secrets);
  }
  try {
    const v = spec.rule.judge(outcome.evidence, spec.options, { now: options.now(), goLive: options.goLive });
    return redactEvidence({ ...base, status: v.status, summary: v.summary, findings: v.findings, ...(v.code ? { code: v.code } : {}), evidence: outcome.evidence }, secrets);
  } catch (err) {
    // A rule that throws is a bug in golive; say so rather than pass silently.
    const message = err instanceof Error ? err.message : String(err);
    return { ...base, status: 'error', code: 'NETWORK', summary: `Internal error in rule ${spec.rule.meta.id}: ${message}`, findings: [{ severity: 'fail', code: 'rule-crashed', message, hint: 'this is a bug in golive; please report it with the evidence below' }], evidence: redactEvidence(outcome.evidence, secrets) };
  }
}
