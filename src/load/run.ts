import type { NetOptions } from '../checks/types.js';
import { redactUrl } from '../lib/redact.js';
import { runOpenLoop, type OpenLoopPlan } from './generator.js';
import { openPool } from './pool.js';
import { describeExpectStatus } from './status.js';
import type { LoadReport, LoadSettings } from './types.js';

export type LoadPlan = OpenLoopPlan;

/** The settings as a report shows them: no secrets from the URL, header names only, the body's size only. */
export function reportedSettings(plan: Omit<LoadPlan, 'lateThresholdMs'>): LoadSettings {
  const body = plan.request.body;
  return {
    url: redactUrl(plan.request.url),
    method: plan.request.method,
    headerNames: Object.keys(plan.request.headers).sort(),
    bodyBytes: body === undefined ? 0 : Buffer.byteLength(body),
    rate: plan.rate,
    durationMs: plan.durationMs,
    warmupMs: plan.warmupMs,
    connections: plan.connections,
    timeoutMs: plan.timeoutMs,
    expectStatus: describeExpectStatus(plan.expect),
  };
}

/** One open-loop run against one URL: its own connection pool, closed at the end, whatever happened. */
export async function runLoad(plan: LoadPlan, net: NetOptions, signal?: AbortSignal): Promise<LoadReport> {
  const pool = openPool(plan.request.url, net, plan.connections, plan.timeoutMs, signal);
  try {
    const r = await runOpenLoop(pool, plan, signal);
    return { settings: reportedSettings(plan), stats: r.stats, elapsedMs: r.elapsedMs, interrupted: r.interrupted, abandoned: r.abandoned };
  } finally {
    await pool.destroy().catch(() => undefined);
  }
}
