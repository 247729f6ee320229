/**
 * The shapes of a load run: what to send, at what rate, and what came back. Plain data, no I/O:
 * the report renderers, the budget checks and the latency rules import these types.
 */

/** A status range the run accepts as success, e.g. 200–299 for "2xx". */
export interface StatusRange {
  from: number;
  to: number;
}

/** One request, sent again and again. */
export interface LoadRequest {
  url: string;
  method: string;
  /** Lower-case names. Values may be secrets: they are never reported. */
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** Numbers of a latency distribution in milliseconds (µs precision), from an HDR histogram. */
export interface LatencyStats {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Why requests did not succeed: `status-5xx`, `status-unexpected`, `timeout`, or a connection error such as `connection-refused`. */
export type ErrorCounts = Record<string, number>;

/** What one measured phase of load saw. Latency counts only answered requests; errors and timeouts are rates of all requests. */
export interface LoadStats {
  /** Requests sent in the measured window (warm-up excluded). */
  requests: number;
  /** Requests with a complete response within the timeout, whatever its status. */
  answered: number;
  /** Null when nothing was answered. */
  latency: LatencyStats | null;
  /** Failed requests of every kind (unexpected status, timeout, connection error) over requests. */
  errorRate: number;
  errors: ErrorCounts;
  /** Requests not answered within the per-request timeout, counted from their intended start, over requests. */
  timeoutRate: number;
  /** Responses by status code. */
  statuses: Record<string, number>;
  /** Requests started per second in the measured window. */
  achievedRate: number;
  /** Requests the generator sent later than `thresholdMs` after their intended time (its event loop was behind). */
  late: { thresholdMs: number; count: number; worstMs: number };
  /** Requests sent while all `connections` were busy, so they waited for one to free up (worst wait). */
  queued: { count: number; worstMs: number };
  /** The generator could not keep to its schedule: the numbers describe the generator as much as the server. */
  generatorBound: boolean;
}

/** The settings of one run, as reported (the URL without secrets, header names without values). */
export interface LoadSettings {
  url: string;
  method: string;
  headerNames: string[];
  bodyBytes: number;
  rate: number;
  durationMs: number;
  warmupMs: number;
  connections: number;
  timeoutMs: number;
  expectStatus: string;
}

export interface LoadReport {
  settings: LoadSettings;
  stats: LoadStats;
  /** Wall time of the measured phase and the drain after it. */
  elapsedMs: number;
  /** Stopped early (Ctrl-C or a time limit): the numbers cover what finished. */
  interrupted: boolean;
  /** Requests in flight when the run was stopped early; not counted anywhere else. */
  abandoned: number;
}

/** How peak search raises the rate: times a factor (`1.5x`) or plus a number (`+10`). */
export type RateStep = { kind: 'factor'; value: number } | { kind: 'add'; value: number };

export interface PeakStep {
  rate: number;
  stats: LoadStats;
  pass: boolean;
  /** Why the step failed its budget, for people. Empty when it passed. */
  broken: string[];
}

export interface PeakReport {
  settings: Omit<LoadSettings, 'rate' | 'durationMs'> & { startRate: number; step: string; maxRate: number; stepDurationMs: number; p99UnderMs: number; maxErrorRate: number };
  steps: PeakStep[];
  /** The highest rate whose step kept every budget; null when even the first step broke one. */
  peakRate: number | null;
  stoppedBecause: 'budget' | 'max-rate' | 'generator' | 'interrupted' | 'max-steps';
  elapsedMs: number;
  interrupted: boolean;
}
