import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EVENT_RULES } from './event-rules.js';
import { validateEvents } from './validate.js';
import { useTempFiles } from './test-helpers.js';

const BID = '0b4f8c4e-7d5a-4a8e-9a43-8b3f0a4f7e21';
const view = (extra: object = {}): string => JSON.stringify({ type: 'VIEW', channel: 'WEB', language: 'EN', currency: 'EUR', browser_id: BID, pos: 'shop-eu', ...extra });

const { fixture, at } = useTempFiles('golive-validate-');


// Both engines run every test: the native one (auto's choice when built) and DuckDB (the fallback).
describe.each(['native', 'duckdb'] as const)('validateEvents (%s engine)', (engine) => {
  it('reports broken lines and rule violations with exact file and line, and validates the rest', async () => {
    const a = fixture('a.ndjson', [view(), '{"type":"VIEW","channel":', view({ language: 'en' }), '', view()].join('\n'));
    const b = fixture('b.ndjson', Buffer.concat([Buffer.from(`${view()}\n{"x":"`), Buffer.from([0xff]), Buffer.from(`"}\n${view({ language: 'xx' })}\n`)]));
    const cut = fixture('c.ndjson.gz', gzipSync(view().repeat(2000)).subarray(0, 100));
    const result = await validateEvents([a, b, cut], { engine, languages: ['EN', 'DE'] });

    expect(result.files).toEqual([
      { file: a, lines: 5 }, { file: b, lines: 3 },
      { file: cut, lines: 0, error: expect.stringMatching(/truncated or corrupt gzip/) },
    ]);
    expect(result).toMatchObject({ lines: 8, validLines: 5, invalidLineCount: 3 });
    expect(result.invalidLines).toEqual([
      { file: a, line: 2, reason: 'not valid JSON' },
      { file: a, line: 4, reason: 'empty line' },
      { file: b, line: 2, reason: 'invalid UTF-8' },
    ]);
    const language = result.rules.find((r) => r.id === 'events/language-code');
    expect(language).toMatchObject({ severity: 'fail', applicable: 5, violations: 2, rate: 0.4 });
    expect(language?.examples).toEqual([{ file: a, line: 3, value: 'en' }, { file: b, line: 3, value: 'xx' }]);
    const clean = result.rules.filter((r) => r.id !== 'events/language-code' && !r.id.startsWith('events/add-') && r.id !== 'events/identity-identifiers');
    expect(clean.map((r) => [r.id, r.violations])).toEqual(clean.map((r) => [r.id, 0]));
    // Rules scoped to other event types or fields (CHECKOUT, IDENTITY, page, ext...) apply to none of these VIEWs.
    const everyEvent = clean.filter((r) => EVENT_RULES.find((e) => e.id === r.id)?.appliesTo === undefined);
    expect(everyEvent.map((r) => [r.id, r.applicable])).toEqual(everyEvent.map((r) => [r.id, 5]));
  });

  it('reads CRLF lines without stripping them: a blank CRLF line is empty, values carry no CR', async () => {
    const crlf = fixture('crlf.ndjson', `${view()}\r\n\r\n${view({ language: 'xx' })}\r\n{"type":\r\n${view()}\r\n`);
    const result = await validateEvents([crlf], { engine, languages: ['EN'] });
    expect(result).toMatchObject({ lines: 5, validLines: 3, invalidLineCount: 2 });
    expect(result.invalidLines).toEqual([{ file: crlf, line: 2, reason: 'empty line' }, { file: crlf, line: 4, reason: 'not valid JSON' }]);
    expect(result.rules.find((r) => r.id === 'events/language-code')?.examples).toEqual([{ file: crlf, line: 3, value: 'xx' }]);
  });

  it('reads and counts the lines when no concrete rule is left (a fill-rate rule with no declared extension)', async () => {
    const file = fixture('none.ndjson', `${view()}\n{"type":\n${view()}\n`);
    const fillRate = EVENT_RULES.filter((r) => r.id === 'events/ext-fill-rate');
    const result = await validateEvents([file], { engine, rules: fillRate });
    expect(result.files).toEqual([{ file, lines: 3 }]);
    expect(result).toMatchObject({ validLines: 2, invalidLineCount: 1, rules: [] });
  });

  it('caps listed invalid lines and examples but counts them all', async () => {
    const lines = Array.from({ length: 50 }, (_v, i) => (i % 2 === 0 ? 'not json' : view({ channel: 'web' })));
    const path = fixture('many.ndjson', lines.join('\n'));
    const result = await validateEvents([path], { engine, maxInvalidLines: 3, examples: 2 });
    expect(result.invalidLineCount).toBe(25);
    expect(result.invalidLines.map((l) => l.line)).toEqual([1, 3, 5]);
    const channel = result.rules.find((r) => r.id === 'events/channel-enum');
    expect(channel).toMatchObject({ violations: 25, rate: 1 });
    expect(channel?.examples.map((e) => e.line)).toEqual([2, 4]);
  });

  it('keeps exact lines when DuckDB reads a file in parallel chunks', async () => {
    // Small lines and a small maximum line size: DuckDB splits the file into many buffers and reads them on both threads.
    const lines = Array.from({ length: 40_000 }, (_v, i) => (i % 7 === 3 ? view({ channel: 'web', type: i % 5 === 0 ? 'view' : 'VIEW' }) : view()));
    const path = fixture('parallel.ndjson', lines.join('\n'));
    const result = await validateEvents([path], { engine, examples: 10_000, maxLineBytes: 4096, threads: 2 });
    const expected = (pick: (i: number) => boolean) => lines.flatMap((_l, i) => (pick(i) ? [i + 1] : []));
    const channel = result.rules.find((r) => r.id === 'events/channel-enum');
    expect(channel?.examples.map((e) => e.line)).toEqual(expected((i) => i % 7 === 3));
    const type = result.rules.find((r) => r.id === 'events/type-uppercase');
    expect(type?.examples.map((e) => [e.line, e.value])).toEqual(expected((i) => i % 7 === 3 && i % 5 === 0).map((l) => [l, 'view']));
  });

  it('finds every line after an LF on a part boundary of DuckDB\'s parallel read, and numbers mixed LF and CRLF files exactly', async () => {
    // An LF at every multiple of 256 bytes: one on each 32 MiB boundary, where DuckDB's parallel read drops the next line.
    const count = (33 * 1024 * 1024) / 256;
    const lines = Array.from({ length: count }, (_v, i) => {
      const head = `{"type":"VIEW","channel":"${i % 9973 === 5 ? 'web' : 'WEB'}","language":"EN","currency":"EUR","browser_id":"${BID}","pos":"shop-eu","n":${String(i + 2).padStart(7, ' ')},"pad":"`;
      return `${head}${'x'.repeat(255 - head.length - 2)}"}`;
    });
    const text = `\n${lines.join('\n')}\n`;
    // Gzipped, golive cannot look at the part starts: the parallel read loses a line, its count shows it, one thread reads again.
    for (const big of [fixture('boundary.ndjson', text), fixture('boundary.ndjson.gz', gzipSync(text))]) {
      const mixed = fixture('mixed.ndjson', [view(), view(), `${view({ channel: 'web' })}\r`, view(), '', `${view()}\r`, view({ channel: 'web' })].join('\n'));
      const result = await validateEvents([big, mixed], { engine, examples: 100 });
      expect(result.files.map((f) => f.lines)).toEqual([count + 1, 7]);
      expect(result.invalidLines).toEqual([{ file: big, line: 1, reason: 'empty line' }, { file: mixed, line: 5, reason: 'empty line' }]);
      const channel = result.rules.find((r) => r.id === 'events/channel-enum');
      const planted = lines.flatMap((_l, i) => (i % 9973 === 5 ? [{ file: big, line: i + 2 }] : []));
      expect(channel?.examples.map((e) => ({ file: e.file, line: e.line }))).toEqual([...planted, { file: mixed, line: 3 }, { file: mixed, line: 7 }]);
    }
  });

  it('returns an empty result, not an error, when no file can be read', async () => {
    const result = await validateEvents([at('missing.ndjson')], { engine });
    expect(result).toMatchObject({ lines: 0, validLines: 0, invalidLineCount: 0, invalidLines: [] });
    expect(result.files[0]?.error).toMatch(/ENOENT/);
    expect(result.rules.every((r) => r.violations === 0 && r.rate === 0 && r.examples.length === 0)).toBe(true);
  });
});
