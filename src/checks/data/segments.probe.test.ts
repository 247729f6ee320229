import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdpFacts } from '../../playbook/cdp.js';
import type { ProbeContext } from '../types.js';
import { segmentsProbe } from './segments.probe.js';

/** The data/segments probe on real audience exports, with the segments a project declares. */
describe('data/segments probe', () => {
  let dir: string;
  const facts = cdpFacts({
    segments: [
      { name: 'vip', export: 'exports/vip.csv', includes: ['anna@x.io'], excludes: ['olga@x.io'] },
      { name: 'news', export: 'exports/news.csv', size: { min: 3 } },
    ],
  });
  const ctx = (cdp = facts): ProbeContext => ({ signal: new AbortController().signal, net: { resolvers: [], resolve: {}, ca: [], timeoutMs: 5000 }, log: { debug: () => undefined }, now: new Date(), cwd: dir, allowLogin: false, cdp });
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'golive-segments-probe-'));
    mkdirSync(path.join(dir, 'exports'));
    writeFileSync(path.join(dir, 'exports', 'vip.csv'), 'email,tier\nAnna@x.io,gold\nolga@x.io,gold\n');
    writeFileSync(path.join(dir, 'exports', 'news.csv'), 'email\na@x.io\nb@x.io\nc@x.io\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('checks the named segment only, with the export relative to the project', async () => {
    const e = await segmentsProbe.run({ segment: 'vip' }, ctx());
    expect(e.declared).toEqual(['vip', 'news']);
    expect(e.segments.map((s) => s.name)).toEqual(['vip']);
    expect(e.segments[0]?.checks.map((c) => [c.kind, c.ok])).toEqual([['includes', true], ['excludes', false]]);
  });

  it('checks every segment for *', async () => {
    const e = await segmentsProbe.run({ segment: '*' }, ctx());
    expect(e.segments.map((s) => [s.name, s.checks.every((c) => c.ok)])).toEqual([['vip', false], ['news', true]]);
  });

  it('says which name is unknown, and that none is declared', async () => {
    expect(await segmentsProbe.run({ segment: 'vipp' }, ctx())).toEqual({ declared: ['vip', 'news'], unknown: 'vipp', segments: [] });
    expect(await segmentsProbe.run({ segment: '*' }, ctx(cdpFacts(undefined)))).toEqual({ declared: [], segments: [] });
  });
});
