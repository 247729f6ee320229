import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultServer, startSite, type TestServer } from '../../../test/support/http-servers.js';
import { timingProbe, TimingInput } from './timing.probe.js';
import { failure, probeCtx } from './test-helpers.js';

describe('http/timing', () => {
  let site: TestServer;
  beforeAll(async () => {
    site = await startSite({ '/slow': { delayMs: 60, body: 'ok' }, '/go': ({ origin }) => ({ status: 302, headers: { location: `${origin}/slow` } }) });
  });
  afterAll(() => site.close());

  it('records the samples after the warm-up, redirects followed, with p50/p95/max', async () => {
    const before = site.requests.length;
    const e = await timingProbe.run(TimingInput.parse({ url: `${site.origin}/go`, samples: 3, warmup: 1 }), probeCtx());
    expect(site.requests.length - before).toBe(8);
    expect(e.samples.map((s) => s.status)).toEqual([200, 200, 200]);
    expect(e.samples.every((s) => s.totalMs >= 55)).toBe(true);
    expect(e.stats.total.max).toBe(Math.max(...e.samples.map((s) => s.totalMs)));
    expect(e.stats.total.p50).toBeLessThanOrEqual(e.stats.total.p95);
  });

  it('ends with TIMEOUT within the time limit + 1 s when the server never answers', async () => {
    const hang = await startFaultServer('hang');
    try {
      const r = await failure(() => timingProbe.run(TimingInput.parse({ url: hang.url }), probeCtx({ timeoutMs: 600 })));
      expect({ code: r.code, inTime: r.ms < 1600 }).toEqual({ code: 'TIMEOUT', inTime: true });
    } finally {
      await hang.close();
    }
  });
});
