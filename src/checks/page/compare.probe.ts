import type { PageCapture } from '../../browser/types.js';
import { PAGES_AT_ONCE } from '../../browser/session.js';
import type { Probe, ProbeContext } from '../types.js';
import type { CompareEvidence } from './evidence.js';
import { CompareInput } from './inputs.js';
import { loadOnce } from './load.probe.js';
import { sitecoreCalls } from './analyse.js';

/**
 * The same page loaded twice, with personalisation and with Sitecore's calls and scripts blocked,
 * one after the other (never at once, so they do not slow each other down). The loads are the
 * ones page/load makes for the same page options, so the other rules' loads are reused.
 */
async function run(input: CompareInput, ctx: ProbeContext): Promise<CompareEvidence> {
  const normal: PageCapture = await loadOnce({ ...input, blocked: false, block: [] }, ctx);
  const blocked: PageCapture = await loadOnce({ ...input, blocked: true }, ctx);
  const calls = sitecoreCalls(normal.requests).length;
  return {
    url: input.url,
    normal: { metrics: normal.metrics, durationMs: normal.durationMs, calls, ...(normal.screenshot ? { screenshot: normal.screenshot } : {}) },
    blocked: { metrics: blocked.metrics, durationMs: blocked.durationMs, blockedRequests: blocked.requests.filter((r) => r.blocked).length, ...(blocked.screenshot ? { screenshot: blocked.screenshot } : {}) },
  };
}

export const compareProbe: Probe<CompareInput, CompareEvidence> = {
  id: 'page/compare',
  description: 'Loads a page with and without personalisation (Sitecore calls and scripts blocked) and records LCP, CLS and total blocking time of each.',
  input: CompareInput,
  timeoutMs: 45_000,
  shares: { resource: 'browser', max: PAGES_AT_ONCE },
  run,
};
