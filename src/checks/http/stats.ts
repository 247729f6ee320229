/** Summary statistics for a handful of latency samples. Pure. */

export interface Summary {
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile (q in 0..1) of unsorted values; 0 for none. */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function summarise(values: number[]): Summary {
  const mean = values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  return { p50: percentile(values, 0.5), p95: percentile(values, 0.95), max: values.length === 0 ? 0 : Math.max(...values), mean: Math.round(mean * 10) / 10 };
}
