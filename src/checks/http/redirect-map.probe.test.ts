import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redirect, startFaultServer, startSite, type FaultServer, type TestServer } from '../../../test/support/http-servers.js';
import { redirectMapProbe, RedirectMapInput } from './redirect-map.probe.js';
import { failure, probeCtx } from './test-helpers.js';

describe('http/redirect-map', () => {
  let site: TestServer;
  let hang: FaultServer;
  let dir: string;
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  const run = (file: string, extra: Record<string, unknown> = {}, timeoutMs = 2000) =>
    redirectMapProbe.run(RedirectMapInput.parse({ file, ...extra }), probeCtx({ timeoutMs }, undefined, dir));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'golive-map-'));
    hang = await startFaultServer('hang');
    site = await startSite({
      '/old-a': redirect('/new-a', 301),
      '/new-a': { headers: { 'content-type': 'text/html' }, body: '<link rel="canonical" href="/new-a">' },
      '/old-b': redirect('/step', 302),
      '/step': redirect('/new-b', 301),
      '/new-b': { body: 'b' },
      '/loop': redirect('/loop'),
      '/slow': { delayMs: 400, body: 'slow' },
    });
  });
  afterAll(async () => {
    await Promise.all([site.close(), hang.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows every row and records hops, final URL and status, canonical and row errors', async () => {
    write('map.csv', `old,new,note\n/old-a,/new-a,"a, b"\n/old-b,/new-b,\n\n/loop,/x,\n${hang.url}slow,/y,\n`);
    const e = await run('map.csv', { base: site.url }, 700);
    expect(e.rows.map((r) => [r.line, r.hops.length, r.finalStatus, r.error?.code ?? null])).toEqual([
      [2, 2, 200, null],
      [3, 3, 200, null],
      [5, 1, null, 'HTTP_REDIRECT_LOOP'],
      [6, 0, null, 'TIMEOUT'],
    ]);
    expect(e.rows[0]).toMatchObject({ old: `${site.origin}/old-a`, new: `${site.origin}/new-a`, finalUrl: `${site.origin}/new-a`, canonical: `${site.origin}/new-a` });
    expect(e.rows[1]!.hops.map((h) => h.status)).toEqual([302, 301, 200]);
    expect([e.totalRows, e.truncated]).toEqual([4, false]);
  });

  it('cuts the list at maxRows and says so', async () => {
    write('two.csv', `old,new\n${site.origin}/old-a,${site.origin}/new-a\n${site.origin}/old-b,/new-b\n`);
    const e = await run('two.csv', { maxRows: 1 });
    expect([e.rows.length, e.totalRows, e.truncated]).toEqual([1, 2, true]);
  });

  it.each([
    ['no header', 'bad1.csv', '/a,/b\n', 'bad1.csv:1'],
    ['an unclosed quote', 'bad2.csv', 'old,new\n"/a,/b\n/c,/d\n', 'bad2.csv:2'],
    ['a relative URL without base', 'bad3.csv', 'old,new\nhttps://x.test/a,/b\n/c,/d\n', 'bad3.csv:3'],
    ['a short row', 'bad4.csv', 'old,new\nhttps://x.test/a\n', 'bad4.csv:2'],
    ['a missing file', 'missing.csv', null, 'missing.csv'],
  ])('rejects %s as INVALID_TARGET naming the file and line', async (_name, file, text, where) => {
    if (text !== null) write(file, text);
    const r = await failure(() => run(file));
    expect(r.code).toBe('INVALID_TARGET');
    expect((r.error as Error).message.startsWith(`${where}:`)).toBe(true);
    expect((r.error as { hint?: string }).hint).toBeTruthy();
  });

  it('says how many rows were checked when the run\'s time limit stops a big map', async () => {
    write('big.csv', `old,new\n${Array.from({ length: 12 }, (_, i) => `/slow?${i},/slow?${i}`).join('\n')}\n`);
    const input = RedirectMapInput.parse({ file: 'big.csv', base: site.url });
    const r = await failure(() => redirectMapProbe.run(input, probeCtx({ timeoutMs: 5000 }, AbortSignal.timeout(600), dir)));
    expect(r.code).toBe('TIMEOUT');
    expect((r.error as Error).message).toMatch(/^big\.csv: [1-8] of 12 rows checked/);
  });

  it('ends with TIMEOUT within the time limit + 1 s when the server never answers', async () => {
    write('hang.csv', `old,new\n${hang.url}a,${hang.url}b\n`);
    const r = await failure(() => run('hang.csv', {}, 600));
    expect({ code: r.code, inTime: r.ms < 1600 }).toEqual({ code: 'TIMEOUT', inTime: true });
  });
});
