import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_KINDS, startFaultServers, type FaultServer } from '../../../test/support/http-servers.js';
import { fetchInput, fetchProbe } from './fetch.probe.js';
import { timingProbe } from './timing.probe.js';
import { failure, probeCtx } from './test-helpers.js';

// Every fault server, all started at once, must end http/fetch and http/timing with its code within
// the time limit + 1 s. The limit is short so a hang costs little; the margin absorbs a loaded machine.
const TIMEOUT_MS = 800;

describe('http probes against misbehaving servers', () => {
  let faults: Awaited<ReturnType<typeof startFaultServers>>;
  beforeAll(async () => {
    faults = await startFaultServers();
  });
  afterAll(() => faults.close());

  const server = (kind: string): FaultServer => faults.servers.find((s) => s.kind === kind)!;

  it.each(FAULT_KINDS)('http/fetch: %s', async (kind) => {
    const s = server(kind);
    const r = await failure(() => fetchProbe.run(fetchInput(s.url), probeCtx({ timeoutMs: TIMEOUT_MS })));
    expect({ code: r.code, inTime: r.ms < TIMEOUT_MS + 1000 }).toEqual({ code: s.expect, inTime: true });
  });

  it.each(FAULT_KINDS)('http/timing: %s', async (kind) => {
    const s = server(kind);
    const input = { url: s.url, method: 'GET' as const, samples: 2, warmup: 0, follow: true, headers: {} };
    const r = await failure(() => timingProbe.run(input, probeCtx({ timeoutMs: TIMEOUT_MS })));
    expect({ code: r.code, inTime: r.ms < TIMEOUT_MS + 1000 }).toEqual({ code: s.expect, inTime: true });
  });
});
