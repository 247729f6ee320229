import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, ROOT, runCli } from '../support/cli.js';
import { parseDocument as parseDocumentAs } from '../support/json-document.js';

const UUID = '0b9f3f4a-1111-4222-8333-444455556666';
const event = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ type: 'VIEW', channel: 'WEB', language: 'EN', currency: 'EUR', browser_id: UUID, pos: 'shop-de', ...over });
const ndjson = (lines: string[]) => `${lines.join('\n')}\n`;

const parseDocument = (stdout: string) => parseDocumentAs('data-validate', stdout);

const rule = (doc: ReturnType<typeof parseDocument>, id: string) => doc.rules.find((r) => r.id === id);

/** `golive data validate` as a user runs it: the built CLI (npm run build) on NDJSON files the test writes. */
describe('golive data validate', () => {
  let dir: string;
  const projects: string[] = [];
  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'dist', 'cli', 'commands', 'data.js'))) throw new Error('the CLI is not built with the data command: run npm run build first');
    dir = mkdtempSync(path.join(tmpdir(), 'golive-data-'));
    writeFileSync(path.join(dir, 'good.ndjson'), ndjson([event(), event({ type: 'ADD', product: { type: 'x', item_id: 'i', name: 'n', productId: 'p', referenceId: 'r', orderedAt: '2026-11-01T10:00', quantity: 1, price: 9.5, currency: 'EUR' } })]));
    writeFileSync(path.join(dir, 'bad.ndjson'), ndjson([event(), event({ type: 'view' }), '{"type": "VIEW", broken', event({ browser_id: 'not-a-uuid', pos: '' })]));
    writeFileSync(path.join(dir, 'good.ndjson.gz'), gzipSync(ndjson([event(), event({ language: 'DE' })])));
    writeFileSync(path.join(dir, 'bad.ndjson.gz'), gzipSync(ndjson([event(), event(), event({ currency: 'eur' })])));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    for (const p of projects) rmSync(p, { recursive: true, force: true });
  });

  it('exits 0 on valid plain and gzipped files, without a project', async () => {
    const r = await runCli(['data', 'validate', '--kind', 'events', 'good.ndjson', 'good.ndjson.gz'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^events: valid · 2 files, 4 lines, 4 valid\n/);
    expect(r.stdout).toMatch(/checked against no golive\.yaml: languages ISO 639-1 · currencies ISO 4217/);
    expect(r.stdout).not.toMatch(/FAIL|invalid lines/);
  });

  it('names violations and invalid lines by file:line and exits 1', async () => {
    const r = await runCli(['data', 'validate', '--kind', 'events', 'bad.ndjson', 'bad.ndjson.gz'], dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^events: not valid · 2 files, 7 lines, 6 valid \(4 rules failing, 1 invalid line\)/);
    expect(r.stdout).toMatch(/ {2}FAIL events\/type-uppercase {2}1 of 6 \(16\.7%\)[^\n]*\n {7}bad\.ndjson:2 "view"\n/);
    expect(r.stdout).toMatch(/FAIL events\/browser-id-uuid[^\n]*\n {7}bad\.ndjson:4 "not-a-uuid"\n/);
    expect(r.stdout).toMatch(/FAIL events\/currency-code {2}1 of 6[^\n]*\n {7}bad\.ndjson\.gz:3 "eur"\n/);
    expect(r.stdout).toMatch(/\ninvalid lines \(1\)\n {2}bad\.ndjson:3 {2}not valid JSON/);
  });

  it('prints the golive.data-validate/1 document with --json, valid against its schema', async () => {
    const r = await runCli(['data', 'validate', 'bad.ndjson', '--json', '--examples', '1'], dir);
    expect(r.code, r.stderr).toBe(1);
    const doc = parseDocument(r.stdout);
    expect([doc.ok, doc.kind, doc.project, doc.lines, doc.validLines, doc.invalidLineCount]).toEqual([false, 'events', undefined, 4, 3, 1]);
    expect(doc.declared).toEqual({ languages: null, currencies: null, pointsOfSale: null });
    expect(doc.invalidLines).toEqual([{ file: 'bad.ndjson', line: 3, reason: 'not valid JSON' }]);
    expect(rule(doc, 'events/pos-present')).toMatchObject({ severity: 'fail', applicable: 3, violations: 1, examples: [{ file: 'bad.ndjson', line: 4, value: '' }] });
    expect(rule(doc, 'events/channel-enum')).toMatchObject({ violations: 0, rate: 0, examples: [] });
  });

  it('checks languages, currencies and points of sale against cdp: in golive.yaml', async () => {
    const project = makeProject('cdp:\n  languages: [EN]\n  currencies: [EUR]\n  pointsOfSale:\n    - { name: shop-de, channel: WEB, language: EN }\n');
    projects.push(project);
    writeFileSync(path.join(project, 'events.ndjson'), ndjson([event(), event({ language: 'DE' }), event({ pos: 'shop-fr' })]));
    const r = await runCli(['data', 'validate', '--kind', 'events', 'events.ndjson', '--json'], project);
    expect(r.code, r.stderr).toBe(1);
    const doc = parseDocument(r.stdout);
    expect(doc.project).toBe(path.join(project, 'golive.yaml'));
    expect(doc.declared).toEqual({ languages: ['EN'], currencies: ['EUR'], pointsOfSale: ['shop-de'] });
    expect(rule(doc, 'events/language-code')).toMatchObject({ violations: 1, examples: [{ file: 'events.ndjson', line: 2, value: 'DE' }] });
    expect(rule(doc, 'events/pos-present')).toMatchObject({ violations: 1, examples: [{ file: 'events.ndjson', line: 3, value: 'shop-fr' }] });
    // The same DE event passes without a project: DE is in ISO 639-1.
    const plain = await runCli(['data', 'validate', '--json', 'good.ndjson.gz'], dir);
    expect(plain.code, plain.stderr).toBe(0);
    expect(rule(parseDocument(plain.stdout), 'events/language-code')?.violations).toBe(0);
  });

  it('checks pos channels and extension fill rates from golive.yaml; a fill rate at its minimum passes, an order mismatch warns', async () => {
    const project = makeProject('cdp:\n  pointsOfSale:\n    - { name: shop-de, channel: WEB }\n    - { name: shop-m, channel: MOBILE_WEB }\n  extensions:\n    - { name: tier, minFillRate: 0.75 }\n');
    projects.push(project);
    const order = { currencyCode: 'EUR', price: 30, orderItems: [{ price: 10, quantity: 2, currencyCode: 'EUR' }] };
    writeFileSync(path.join(project, 'events.ndjson'), ndjson([
      event({ ext: { tier: 'gold' } }), event({ pos: 'shop-m', ext: { tier: 'gold' } }), event({ type: 'ORDER_CHECKOUT', order, ext: { tier: 'x' } }), event(),
    ]));
    const r = await runCli(['data', 'validate', 'events.ndjson', '--json'], project);
    expect(r.code, r.stderr).toBe(1);
    const doc = parseDocument(r.stdout);
    expect(rule(doc, 'events/pos-channel')).toMatchObject({ ok: false, applicable: 4, violations: 1, examples: [{ line: 2, value: 'WEB (shop-m is declared MOBILE_WEB)' }] });
    expect(rule(doc, 'events/ext-fill-rate')).toMatchObject({ ok: true, subject: 'ext.tier', violations: 1, threshold: { measure: 'fill rate', value: 0.75, min: 0.75 }, examples: [{ line: 4, value: 'no ext object' }] });
    expect(rule(doc, 'events/order-total')).toMatchObject({ ok: false, severity: 'warn', violations: 1, examples: [{ line: 3, value: 'order.price 30 but items sum to 20.00' }] });
    const text = await runCli(['data', 'validate', 'events.ndjson'], project);
    expect(text.stdout).toMatch(/\(1 rule failing, 1 rule warning\)/);
    expect(text.stdout).toMatch(/ok {3}events\/ext-fill-rate {2}fill rate 75\.0%, minimum 75\.0% \(1 of 4 without\) {2}ext\.tier is on at least 75% of events\n {7}events\.ndjson:4 "no ext object"/);
    writeFileSync(path.join(project, 'golive.yaml'), readFileSync(path.join(project, 'golive.yaml'), 'utf8').replace('0.75', '0.8'));
    const below = await runCli(['data', 'validate', 'events.ndjson', '--json'], project);
    expect(rule(parseDocument(below.stdout), 'events/ext-fill-rate')).toMatchObject({ ok: false, threshold: { value: 0.75, min: 0.8 } });
  });

  it('rejects an invalid cdp: section like any configuration error (exit 2)', async () => {
    const project = makeProject('cdp:\n  languages: [en]\n');
    projects.push(project);
    const r = await runCli(['data', 'validate', path.join(dir, 'good.ndjson')], project);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/uppercase ISO 639-1/);
  });

  it('writes Markdown with a rules table and the invalid lines', async () => {
    const r = await runCli(['data', 'validate', 'bad.ndjson', '--format', 'md'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^## ❌ events: not valid/);
    expect(r.stdout).toMatch(/\| fail \| `events\/type-uppercase` \| 1 of 3 \| 33\.3% \| `bad\.ndjson:2` "view" \|/);
    expect(r.stdout).toMatch(/### Invalid lines \(1\)\n\n[^\n]*\n[^\n]*\n\| `bad\.ndjson:3` \| not valid JSON \|/);
  });

  it('exits 2 naming the file when no file can be read, 1 when only some cannot', async () => {
    const none = await runCli(['data', 'validate', 'missing.ndjson'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/error: no input file could be read: missing\.ndjson \(cannot read the file: ENOENT/);
    const some = await runCli(['data', 'validate', 'good.ndjson', 'missing.ndjson'], dir);
    expect(some.code).toBe(1);
    expect(some.stdout).toMatch(/1 file not read/);
    expect(some.stdout).toMatch(/FILE missing\.ndjson {2}cannot read the file/);
  });

  it('--kind batch: record rules by file:line, the MD5 the upload asks for, JSON valid against its schema', async () => {
    const guest = (over: Record<string, unknown>) => JSON.stringify({ ref: UUID, schema: 'guest', mode: 'upsert', value: { guestType: 'customer', identifiers: [{ provider: 'email', id: 'a@example.com' }] }, ...over });
    const upload = gzipSync(ndjson([guest({}), guest({ ref: '0b9f3f4a-1111-4222-8333-444455556667', mode: 'insert' })]));
    writeFileSync(path.join(dir, 'guests.json.gz'), upload);
    const r = await runCli(['data', 'validate', '--kind', 'batch', 'guests.json.gz', '--json'], dir);
    expect(r.code, r.stderr).toBe(1);
    const doc = parseDocument(r.stdout);
    expect(doc.kind).toBe('batch');
    const { createHash } = await import('node:crypto');
    expect(doc.files[0]).toMatchObject({ file: 'guests.json.gz', md5: createHash('md5').update(upload).digest('hex'), members: 1 });
    expect(rule(doc, 'batch/guest-no-insert')?.examples).toEqual([expect.objectContaining({ file: 'guests.json.gz', line: 2 })]);
    const text = await runCli(['data', 'validate', '--kind', 'batch', 'guests.json.gz'], dir);
    expect(text.stdout).toMatch(/guests\.json\.gz {2}md5 [0-9a-f]{32}/);
  });

  it('refuses unknown kinds and bad --examples as usage errors (exit 2)', async () => {
    const kind = await runCli(['data', 'validate', '--kind', 'profiles', 'good.ndjson'], dir);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/argument 'profiles' is invalid\. Allowed choices are events, batch/);
    const n = await runCli(['data', 'validate', '--examples', 'lots', 'good.ndjson'], dir);
    expect(n.code).toBe(2);
    expect(n.stderr).toMatch(/expected a whole number from 0 to 1000/);
  });
});
