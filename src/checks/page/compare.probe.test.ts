import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startFaultServer } from '../../../test/support/http-servers.js';
import { startPageSite, type PageSite } from '../../../test/support/page-site.js';
import type { NetOptions, ProbeContext, ProbeError } from '../types.js';
import { compareProbe } from './compare.probe.js';
import { pageInput, pageOptionShape } from './inputs.js';

// page/compare: the page with and without personalisation, in real Chromium. Figures are not
// asserted (timings belong in bench/); what each load saw is.

let site: PageSite;
let cwd: string;
beforeAll(async () => {
  site = await startPageSite();
  cwd = mkdtempSync(path.join(tmpdir(), 'golive-page-compare-'));
});
afterAll(async () => {
  await site?.close();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

const input = (url: string) => {
  const { blocked: _b, ...rest } = pageInput(url, z.object(pageOptionShape).parse({ consent: '#accept', slots: [{ name: 'hero', selector: '#hero' }] }), true);
  return rest;
};
const ctx = (net: Partial<NetOptions>, timeoutMs = 20_000): ProbeContext => ({
  signal: AbortSignal.timeout(timeoutMs), net: { resolvers: [], resolve: {}, ca: [], timeoutMs, ...net }, log: { debug: () => undefined }, now: new Date(), cwd, allowLogin: false,
});

describe('page/compare', () => {
  it('measures both loads: Sitecore calls in the normal one, blocked requests in the other', async () => {
    const e = await compareProbe.run(input(site.url('/')), ctx(site.net));
    expect([e.normal.calls, e.blocked.blockedRequests > 0]).toEqual([3, true]);
    for (const m of [e.normal.metrics, e.blocked.metrics]) expect(m).toEqual({ lcpMs: expect.any(Number), fcpMs: expect.any(Number), cls: expect.any(Number), tbtMs: expect.any(Number), longTasks: expect.any(Number) });
    expect(e.normal.screenshot?.sha256).not.toBe(e.blocked.screenshot?.sha256);
  });

  it('ends against a server that never answers as TIMEOUT within the time limit + 1 s', async () => {
    const hang = await startFaultServer('hang');
    const t0 = Date.now();
    try {
      const error = await compareProbe.run(input(hang.url), ctx({}, 3000)).then(() => undefined, (err: unknown) => err as ProbeError);
      expect({ code: error?.code, inTime: Date.now() - t0 < 3000 + 1000 }).toEqual({ code: 'TIMEOUT', inTime: true });
    } finally {
      await hang.close();
    }
  });
});
