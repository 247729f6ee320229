import type { LoadStats, RateStep } from './types.js';

/** Pure: which latency and error budgets a run broke, and how peak search steps the rate. */

export interface Budgets {
  p99UnderMs?: number;
  meanUnderMs?: number;
  /** 0..1: failed requests of every kind (unexpected status, timeout, connection error) over requests. */
  maxErrorRate?: number;
}

export const percent = (share: number) => `${Number((share * 100).toFixed(2))}%`;
const ms = (n: number) => `${Number(n.toFixed(1))} ms`;

/** One sentence per broken budget; empty when every given budget holds. */
export function brokenBudgets(stats: LoadStats, budgets: Budgets): string[] {
  const out: string[] = [];
  const latency = stats.latency;
  const wantsLatency = budgets.p99UnderMs !== undefined || budgets.meanUnderMs !== undefined;
  if (wantsLatency && !latency) out.push('no request was answered, so there is no latency to compare');
  if (latency && budgets.p99UnderMs !== undefined && latency.p99 >= budgets.p99UnderMs) out.push(`p99 ${ms(latency.p99)} is not under ${ms(budgets.p99UnderMs)}`);
  if (latency && budgets.meanUnderMs !== undefined && latency.mean >= budgets.meanUnderMs) out.push(`mean ${ms(latency.mean)} is not under ${ms(budgets.meanUnderMs)}`);
  if (budgets.maxErrorRate !== undefined && stats.errorRate > budgets.maxErrorRate) out.push(`error rate ${percent(stats.errorRate)} is above ${percent(budgets.maxErrorRate)}`);
  return out;
}

/** "1.5x" or "+10". */
export function parseRateStep(text: string): RateStep | undefined {
  const factor = /^(\d+(?:\.\d+)?)x$/i.exec(text.trim());
  if (factor && Number(factor[1]) > 1) return { kind: 'factor', value: Number(factor[1]) };
  const add = /^\+(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (add && Number(add[1]) > 0) return { kind: 'add', value: Number(add[1]) };
  return undefined;
}

export const describeRateStep = (s: RateStep) => (s.kind === 'factor' ? `${s.value}x` : `+${s.value}`);

/** The next rate of a peak search: always higher, two decimals, never above `maxRate`. */
export function nextRate(rate: number, step: RateStep, maxRate: number): number {
  const raw = step.kind === 'factor' ? rate * step.value : rate + step.value;
  const rounded = Math.round(raw * 100) / 100;
  return Math.min(maxRate, rounded > rate ? rounded : rate + 0.01);
}
