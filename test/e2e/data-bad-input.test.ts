import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const UUID = '0b9f3f4a-1111-4222-8333-444455556666';
const event = (over: Record<string, unknown> = {}) => JSON.stringify({ type: 'VIEW', channel: 'WEB', language: 'EN', currency: 'EUR', browser_id: UUID, pos: 'shop-de', page: 'home', ...over });
const RECORD = JSON.stringify({ ref: UUID, schema: 'guest', mode: 'upsert', value: { guestType: 'customer', identifiers: [{ provider: 'email', id: 'a@b.co' }] } });

interface Doc {
  ok: boolean;
  files: { file: string; lines: number; error?: string }[];
  lines: number;
  validLines: number;
  invalidLineCount: number;
  invalidLines: { file: string; line: number; reason: string }[];
  rules: { id: string; violations: number; examples: { file: string; line: number }[] }[];
}

/**
 * The bad-data corpus through `golive data validate` as a user runs it: every kind of broken input in
 * one run, each reported with its file (and line where it has one), the rest still validated.
 */
describe('golive data validate on bad data', () => {
  let dir: string;
  const at = (name: string) => path.join(dir, name);
  beforeAll(() => {
    // The run's cwd is a fresh directory, so no golive.yaml above it applies.
    dir = mkdtempSync(path.join(tmpdir(), 'golive-e2e-bad-data-'));
    writeFileSync(at('broken.ndjson'), `${event()}\n{"type":"VIEW","channel":\n${event({ language: 'en' })}\n`);
    writeFileSync(at('utf8.ndjson'), Buffer.concat([Buffer.from(`${event()}\n{"type":"VIEW","page":"`), Buffer.from([0xc3, 0x28]), Buffer.from(`"}\n${event()}\n`)]));
    writeFileSync(at('bom-crlf.ndjson'), `\uFEFF${event()}\r\n${event()}\r\n`);
    writeFileSync(at('cut.ndjson.gz'), gzipSync(`${event()}\n${event()}\n`).subarray(0, 25));
    writeFileSync(at('long.ndjson'), `${event({ page: 'x'.repeat(10 * 1024 * 1024) })}\n{"broken": "${'y'.repeat(10 * 1024 * 1024)}\n${event({ currency: 'eur' })}\n`);
    writeFileSync(at('empty.ndjson'), '');
    writeFileSync(at('batch.json'), `${RECORD}\n`);
    writeFileSync(at('crm.csv'), 'id,email\n1,a@b.co\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports every bad input by file and line, validates the rest and exits 1', async () => {
    const files = ['broken.ndjson', 'utf8.ndjson', 'bom-crlf.ndjson', 'cut.ndjson.gz', 'long.ndjson', 'empty.ndjson', 'batch.json', 'crm.csv'];
    const r = await runCli(['data', 'validate', '--kind', 'events', '--json', ...files], dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    const doc = JSON.parse(r.stdout) as Doc;
    const file = (name: string) => doc.files.find((f) => f.file === name);
    expect(doc.files.map((f) => f.file)).toEqual(files);
    expect(file('cut.ndjson.gz')?.error).toMatch(/truncated or corrupt gzip/);
    expect(file('empty.ndjson')?.error).toMatch(/empty file/);
    expect(file('batch.json')?.error).toMatch(/--kind batch/);
    expect(file('crm.csv')?.error).toMatch(/looks like CSV/);
    expect(doc.invalidLines).toEqual([
      { file: 'broken.ndjson', line: 2, reason: 'not valid JSON' },
      { file: 'utf8.ndjson', line: 2, reason: expect.stringMatching(/UTF-8/) as unknown },
      { file: 'long.ndjson', line: 2, reason: 'not valid JSON' },
    ]);
    // Every line of the readable files is accounted for: 3 + 3 + 2 + 3 lines, 3 of them invalid.
    expect(doc.lines).toBe(11);
    expect(doc.validLines).toBe(8);
    const examples = (id: string) => doc.rules.find((x) => x.id === id)?.examples.map((e) => `${e.file}:${e.line}`);
    expect(examples('events/language-code')).toEqual(['broken.ndjson:3']);
    expect(examples('events/currency-code')).toEqual(['long.ndjson:3']);
  });

  it('exits 2 with the reason when no file can be read', async () => {
    const r = await runCli(['data', 'validate', '--kind', 'events', 'empty.ndjson', 'batch.json', 'cut.ndjson.gz'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('empty.ndjson (empty file');
    expect(r.stderr).toContain('batch.json (looks like a batch upload file');
    expect(r.stderr).toMatch(/cut\.ndjson\.gz \(truncated or corrupt gzip/);
    expect(r.stdout).toBe('');
  });

  it('expands a quoted glob like the shell would, and names a glob that matches nothing', async () => {
    writeFileSync(at('day-1.ndjson'), `${event()}\n`);
    writeFileSync(at('day-2.ndjson'), `${event({ language: 'xx' })}\n`);
    const r = await runCli(['data', 'validate', '--kind', 'events', '--json', 'day-*.ndjson'], dir);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.files.map((f) => f.file)).toEqual(['day-1.ndjson', 'day-2.ndjson']);
    expect(doc.rules.find((x) => x.id === 'events/language-code')?.examples.map((e) => `${e.file}:${e.line}`)).toEqual(['day-2.ndjson:1']);
    const none = await runCli(['data', 'identities', '--events', 'night-*.ndjson'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no file matches night-*.ndjson');
  });

  it('tells an event export given as a batch file', async () => {
    writeFileSync(at('events.json.gz'), gzipSync(`${event()}\n`));
    const r = await runCli(['data', 'validate', '--kind', 'batch', 'events.json.gz'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/looks like an event export .*--kind events/);
  });
});
