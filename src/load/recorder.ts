import { build, type Histogram } from 'hdr-histogram-js';
import { statusErrorKind, statusExpected } from './status.js';
import type { LoadStats, StatusRange } from './types.js';

/**
 * When the generator, not the server, set the pace: it fell behind its schedule for good (the
 * achieved rate is under 95 % of the offered one), or more than a quarter of requests left late.
 * A few late starts are a busy machine's hiccups; they are reported, not called a bottleneck.
 */
export const GENERATOR_BOUND = { achievedShare: 0.95, lateShare: 0.25, minRequests: 20 };

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * Counts of one measured phase. Latencies go into an HDR histogram in microseconds with three
 * significant digits (0.1 % resolution at any size), so a 300 ms stall and a 2 ms answer are both
 * kept exactly enough without storing every sample.
 */
export class Recorder {
  private readonly histogram: Histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3, autoResize: true });
  private requests = 0;
  private answered = 0;
  private timeouts = 0;
  private failed = 0;
  private readonly statuses = new Map<string, number>();
  private readonly errors = new Map<string, number>();
  private late = { count: 0, worstMs: 0 };
  private queued = { count: 0, worstMs: 0 };
  private firstIntended = Number.NaN;
  private lastSent = Number.NaN;

  constructor(private readonly expect: StatusRange[], private readonly lateThresholdMs: number) {}

  /** A request went to the pool `sent − intended` ms after its intended time. */
  started(intended: number, sent: number): void {
    if (this.requests === 0) this.firstIntended = intended;
    this.requests++;
    this.lastSent = sent;
    const lateMs = sent - intended;
    if (lateMs > this.lateThresholdMs) {
      this.late.count++;
      this.late.worstMs = Math.max(this.late.worstMs, lateMs);
    }
  }

  /** It found every connection busy and got one `waitedMs` after it was sent to the pool. */
  queuedFor(waitedMs: number): void {
    this.queued.count++;
    this.queued.worstMs = Math.max(this.queued.worstMs, waitedMs);
  }

  /** A complete response after `latencyMs`; a status outside the expected ones is an error too. */
  answer(status: number, latencyMs: number): void {
    this.answered++;
    this.histogram.recordValue(Math.max(1, Math.round(latencyMs * 1000)));
    bump(this.statuses, String(status));
    if (!statusExpected(status, this.expect)) {
      this.failed++;
      bump(this.errors, statusErrorKind(status));
    }
  }

  /** No complete response: `kind` is `timeout` or a connection error such as `connection-refused`. */
  failure(kind: string): void {
    this.failed++;
    if (kind === 'timeout') this.timeouts++;
    bump(this.errors, kind);
  }

  get count(): number {
    return this.requests;
  }

  stats(periodMs: number): LoadStats {
    const h = this.histogram;
    const ms = (us: number) => round3(us / 1000);
    // HDR reports the top of a value's bucket (up to 0.1% above it): never above the largest value seen.
    const pct = (p: number) => ms(Math.min(h.getValueAtPercentile(p), h.maxValue));
    const n = this.requests;
    // Start to start: n requests kept to the schedule span (n − 1) periods, so this equals the offered rate.
    const spanMs = n === 0 ? 0 : this.lastSent - this.firstIntended + periodMs;
    const achieved = spanMs > 0 ? (n * 1000) / spanMs : 0;
    const behind = periodMs > 0 && n >= GENERATOR_BOUND.minRequests && achieved < (GENERATOR_BOUND.achievedShare * 1000) / periodMs;
    return {
      requests: n,
      answered: this.answered,
      latency: this.answered === 0 ? null : { mean: ms(h.mean), p50: pct(50), p95: pct(95), p99: pct(99), max: ms(h.maxValue) },
      errorRate: n === 0 ? 0 : this.failed / n,
      errors: Object.fromEntries([...this.errors].sort(([a], [b]) => a.localeCompare(b))),
      timeoutRate: n === 0 ? 0 : this.timeouts / n,
      statuses: Object.fromEntries([...this.statuses].sort(([a], [b]) => a.localeCompare(b))),
      achievedRate: round3(achieved),
      late: { thresholdMs: this.lateThresholdMs, count: this.late.count, worstMs: round3(this.late.worstMs) },
      queued: { count: this.queued.count, worstMs: round3(this.queued.worstMs) },
      generatorBound: behind || (n >= GENERATOR_BOUND.minRequests && this.late.count / n > GENERATOR_BOUND.lateShare),
    };
  }
}
