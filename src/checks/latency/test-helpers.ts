import type { LoadStats } from '../../load/types.js';
import type { LoadEvidence } from './evidence.js';

/** Evidence builders for the latency rule tests (free of vitest, so it compiles with src). */

export function stats(over: Partial<LoadStats> & { p99?: number; mean?: number } = {}): LoadStats {
  const { p99 = 40, mean = 20, ...rest } = over;
  return {
    requests: 300, answered: 300, latency: { mean, p50: mean, p95: (mean + p99) / 2, p99, max: p99 + 10 },
    errorRate: 0, errors: {}, timeoutRate: 0, statuses: { 200: 300 }, achievedRate: 10,
    late: { thresholdMs: 1, count: 0, worstMs: 0 }, queued: { count: 0, worstMs: 0 }, generatorBound: false,
    ...rest,
  };
}

export const failing = (kind: string, share: number): Partial<LoadStats> => ({ errorRate: share, errors: { [kind]: Math.round(300 * share) }, ...(kind === 'timeout' ? { timeoutRate: share } : {}) });

export function evidence(...runs: [number, LoadStats][]): LoadEvidence {
  return {
    configured: true,
    settings: { url: 'https://edge.example.com/v1/personalize', method: 'POST', headerNames: ['content-type', 'user-agent'], bodyBytes: 120, durationMs: 30_000, warmupMs: 2000, connections: 50, timeoutMs: 2000, expectStatus: '2xx' },
    runs: runs.map(([rate, s]) => ({ rate, stats: s, elapsedMs: 30_100 })),
  };
}
