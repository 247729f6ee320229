import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { NetOptions } from '../checks/types.js';
import { runLoad } from './run.js';
import { bodyTemplate } from './template.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('body placeholders', () => {
  it('fills {{uuid}} and {{n}} afresh per request and leaves a body without them alone', () => {
    const body = bodyTemplate('{"browserId":"{{uuid}}","seq":{{n}},"again":"{{uuid}}","kept":"{{other}}"}')!;
    const [a, b] = [JSON.parse(body(1)), JSON.parse(body(2))];
    expect([a.seq, b.seq, a.kept]).toEqual([1, 2, '{{other}}']);
    expect([a.browserId, a.again, b.browserId].every((u: string) => UUID.test(u))).toBe(true);
    expect(new Set([a.browserId, a.again, b.browserId]).size).toBe(3);
    expect(bodyTemplate('{"browserId":"fixed"}')).toBeUndefined();
    // A body read from a file is bytes: filled when UTF-8, never when binary.
    expect(JSON.parse(bodyTemplate(Buffer.from('{"n":{{n}},"city":"Zürich"}'))!(7))).toEqual({ n: 7, city: 'Zürich' });
    expect(bodyTemplate(Buffer.from([0xff, 0x7b, 0x7b, 0x6e, 0x7d, 0x7d]))).toBeUndefined();
  });

  it('sends every request of a load with its own body (a loopback server records what arrived)', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString('utf8')));
      req.on('end', () => {
        seen.push(text);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/personalize`;
      const net: NetOptions = { resolvers: [], resolve: {}, ca: [], timeoutMs: 5000 };
      const r = await runLoad({
        request: { url, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"browserId":"{{uuid}}","n":{{n}}}' },
        rate: 40, durationMs: 500, warmupMs: 0, connections: 5, timeoutMs: 2000, lateThresholdMs: 1, expect: [{ from: 200, to: 299 }],
      }, net);
      const bodies = seen.map((t) => JSON.parse(t) as { browserId: string; n: number });
      expect(bodies.length).toBe(r.stats.requests);
      expect(bodies.length).toBeGreaterThan(5);
      expect(new Set(bodies.map((b) => b.browserId)).size).toBe(bodies.length);
      expect(bodies.map((b) => b.n).sort((x, y) => x - y)).toEqual(bodies.map((_b, i) => i + 1));
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
