import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdpFacts } from '../../playbook/cdp.js';
import type { ProbeContext } from '../types.js';
import { DataFilesInput, dataFilesProbe } from './files.probe.js';

const UUID = '0b9f3f4a-1111-4222-8333-444455556666';
const event = (over: Record<string, unknown> = {}) => JSON.stringify({ type: 'VIEW', channel: 'WEB', language: 'EN', currency: 'EUR', browser_id: UUID, pos: 'shop-de', page: 'home', ...over });
const ndjson = (lines: string[]) => `${lines.join('\n')}\n`;

function ctx(cwd: string, facts = cdpFacts({ pointsOfSale: [{ name: 'shop-de' }], languages: ['EN', 'DE'] })): ProbeContext {
  return { signal: new AbortController().signal, net: { resolvers: [], resolve: {}, ca: [], timeoutMs: 5000 }, log: { debug: () => undefined }, now: new Date('2026-11-20T10:00:00Z'), cwd, allowLogin: false, cdp: facts };
}

async function failure(run: () => Promise<unknown>): Promise<{ code?: string; message: string; hint?: string }> {
  try {
    await run();
  } catch (err) {
    return err as { code?: string; message: string; hint?: string };
  }
  throw new Error('expected the probe to fail');
}

/** The data/files probe on real files: paths and globs relative to the project, declared facts from the context. */
describe('data/files', () => {
  let dir: string;
  const run = (input: Record<string, unknown>, c = ctx(dir)) => dataFilesProbe.run(DataFilesInput.parse(input), c);
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'golive-data-probe-'));
    mkdirSync(path.join(dir, 'exports'));
    writeFileSync(path.join(dir, 'exports', 'day1.ndjson'), ndjson([event(), event({ language: 'FR' }), '{"broken": ']));
    writeFileSync(path.join(dir, 'exports', 'day2.ndjson.gz'), gzipSync(ndjson([event({ pos: 'shop-xx' }), event()])));
    writeFileSync(path.join(dir, 'exports', 'cut.ndjson.gz'), gzipSync(ndjson([event(), event()])).subarray(0, 20));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('validates every file a glob matches, in name order, with paths relative to the project', async () => {
    const e = await run({ kind: 'events', files: 'exports/day*.ndjson*' });
    expect(e.files.map((f) => f.file)).toEqual([path.join('exports', 'day1.ndjson'), path.join('exports', 'day2.ndjson.gz')]);
    expect(e.lines).toBe(5);
    expect(e.validLines).toBe(4);
    expect(e.invalidLines).toEqual([{ file: path.join('exports', 'day1.ndjson'), line: 3, reason: 'not valid JSON' }]);
    const language = e.rules.find((r) => r.id === 'events/language-code');
    expect(language).toMatchObject({ violations: 1, failing: true, examples: [{ file: path.join('exports', 'day1.ndjson'), line: 2, value: 'FR' }] });
    expect(e.rules.find((r) => r.id === 'events/pos-present')).toMatchObject({ violations: 1, examples: [{ line: 1, value: 'shop-xx' }] });
    expect(e.rules.find((r) => r.id === 'events/channel-enum')).toMatchObject({ violations: 0, failing: false });
    expect(e.declared).toEqual({ languages: 2, currencies: null, pointsOfSale: 1, identityRules: null });
  });

  it('checks against the platform lists only when nothing is declared', async () => {
    const e = await run({ kind: 'events', files: 'exports/day1.ndjson' }, ctx(dir, cdpFacts(undefined)));
    expect(e.rules.find((r) => r.id === 'events/language-code')).toMatchObject({ violations: 0 });
    expect(e.declared.languages).toBeNull();
  });

  it('reports a missing file and an empty glob as FILE_NOT_FOUND, naming where it looked', async () => {
    const missing = await failure(() => run({ kind: 'events', files: 'exports/nope.ndjson' }));
    expect(missing).toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect(missing.message).toContain(dir);
    expect(missing.hint).toMatch(/export/);
    expect(await failure(() => run({ kind: 'events', files: 'exports/*.csv' }))).toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('reports FILE_UNREADABLE when no file can be read, and keeps a readable file of a set', async () => {
    const cut = await failure(() => run({ kind: 'events', files: 'exports/cut.ndjson.gz' }));
    expect(cut.code).toBe('FILE_UNREADABLE');
    expect(cut.message).toContain('cut.ndjson.gz');
    const mixed = await run({ kind: 'events', files: 'exports/*.gz' });
    expect(mixed.files.find((f) => f.file.endsWith('cut.ndjson.gz'))?.error).toBeTruthy();
    expect(mixed.validLines).toBe(2);
  });

  it('validates batch files and gives their size and MD5', async () => {
    const record = JSON.stringify({ ref: UUID, schema: 'guest', mode: 'upsert', value: { guestType: 'customer', identifiers: [{ provider: 'email', id: 'a@b.co' }] } });
    const body = gzipSync(ndjson([record]));
    writeFileSync(path.join(dir, 'guests.json.gz'), body);
    const e = await run({ kind: 'batch', files: 'guests.json.gz' });
    expect(e.kind).toBe('batch');
    expect(e.files[0]).toMatchObject({ file: 'guests.json.gz', bytes: body.length });
    expect(e.files[0]?.md5).toMatch(/^[0-9a-f]{32}$/);
    expect(e.rules.filter((r) => r.failing)).toEqual([]);
  });
});
