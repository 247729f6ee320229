import type { NetOptions } from '../checks/types.js';
import { brokenBudgets, describeRateStep, nextRate } from './budgets.js';
import { runOpenLoop } from './generator.js';
import type { FlightSettings } from './flights.js';
import { openPool } from './pool.js';
import { reportedSettings } from './run.js';
import type { PeakReport, PeakStep, RateStep } from './types.js';

export interface PeakPlan extends FlightSettings {
  startRate: number;
  step: RateStep;
  maxRate: number;
  stepDurationMs: number;
  /** Warm-up before each step, at that step's rate. */
  warmupMs: number;
  p99UnderMs: number;
  maxErrorRate: number;
  /** A bound on the search's length whatever the step. */
  maxSteps: number;
}

/**
 * Peak search: open-loop steps at rising rates over one connection pool, until a step breaks the
 * p99 or error budget, the generator cannot keep its schedule, or the maximum rate passed. The
 * peak is the highest rate whose step kept both budgets.
 */
export async function findPeak(plan: PeakPlan, net: NetOptions, signal?: AbortSignal, onStep?: (s: PeakStep) => void): Promise<PeakReport> {
  const begun = performance.now();
  const pool = openPool(plan.request.url, net, plan.connections, plan.timeoutMs, signal);
  const steps: PeakStep[] = [];
  let peakRate: number | null = null;
  let stoppedBecause: PeakReport['stoppedBecause'] = 'max-steps';
  try {
    for (let rate = plan.startRate; steps.length < plan.maxSteps; rate = nextRate(rate, plan.step, plan.maxRate)) {
      const r = await runOpenLoop(pool, { ...plan, rate, durationMs: plan.stepDurationMs }, signal);
      if (r.interrupted) {
        stoppedBecause = 'interrupted';
        break;
      }
      // A step where the generator fell behind measured the generator as much as the server: it is
      // neither credited as a peak nor blamed on the server's budget.
      const behind = r.stats.generatorBound ? ['the generator fell behind its schedule, so this step measured it as much as the server'] : [];
      const broken = behind.length > 0 ? behind : brokenBudgets(r.stats, { p99UnderMs: plan.p99UnderMs, maxErrorRate: plan.maxErrorRate });
      const step: PeakStep = { rate, stats: r.stats, pass: broken.length === 0, broken };
      steps.push(step);
      onStep?.(step);
      if (!step.pass) {
        stoppedBecause = behind.length > 0 ? 'generator' : 'budget';
        break;
      }
      peakRate = rate;
      if (rate >= plan.maxRate) {
        stoppedBecause = 'max-rate';
        break;
      }
    }
  } finally {
    await pool.destroy().catch(() => undefined);
  }
  const { rate: _rate, durationMs: _duration, ...base } = reportedSettings({ ...plan, rate: plan.startRate, durationMs: plan.stepDurationMs });
  return {
    settings: { ...base, startRate: plan.startRate, step: describeRateStep(plan.step), maxRate: plan.maxRate, stepDurationMs: plan.stepDurationMs, p99UnderMs: plan.p99UnderMs, maxErrorRate: plan.maxErrorRate },
    steps,
    peakRate,
    stoppedBecause,
    elapsedMs: Math.round(performance.now() - begun),
    interrupted: stoppedBecause === 'interrupted',
  };
}
