import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DECLARED, generate } from '../../bench/data/generate.js';
import { EVENT_RULES, type EventRule } from './event-rules.js';
import { nativeEngine } from './native.js';
import { useTempFiles } from './test-helpers.js';
import { validateEvents, type ValidateOptions, type ValidationResult } from './validate.js';

const files = useTempFiles('golive-native-');

const FACTS: ValidateOptions = {
  languages: DECLARED.languages, currencies: DECLARED.currencies, pointsOfSale: DECLARED.pointsOfSale.map((p) => p.name),
  identityRules: DECLARED.identityRules, customEvents: DECLARED.customEvents,
  posChannels: DECLARED.pointsOfSale.flatMap((p) => ('channel' in p ? [{ name: p.name, channel: p.channel as string }] : [])),
  extensions: [...DECLARED.extensions, { name: 'a/b~c' }, { name: 'list' }],
};
const NO_FACTS: ValidateOptions = { languages: [], currencies: [], pointsOfSale: [] };

async function both(paths: string[], options: ValidateOptions): Promise<{ duckdb: ValidationResult; native: ValidationResult }> {
  const duckdb = await validateEvents(paths, { ...options, engine: 'duckdb' });
  const native = await validateEvents(paths, { ...options, engine: 'native' });
  return { duckdb, native };
}

const BID = '0b4f8c4e-7d5a-4a8e-9a43-8b3f0a4f7e21';
const BASE = { type: 'VIEW', channel: 'WEB', language: 'EN', currency: 'EUR', browser_id: BID, pos: 'shop-eu', page: 'home', ext: { tier: 'gold' } };
const PRODUCT = { type: 'SHOES', item_id: 'i1', name: 'Shoe', productId: 'p1', referenceId: 'r1', orderedAt: '2024-05-01T10:00:00Z', quantity: 2, price: 9.99, currency: 'EUR' };
const IDS = [{ id: 'a@b.co', provider: 'email', expiry_date: '2030-01-01T10:30' }];

/** Events that reach every branch of every rule, one JSON value (or raw line) each. */
const EDGE_EVENTS: (object | string)[] = [
  BASE, { ...BASE, type: 'view' }, { ...BASE, type: '' }, { ...BASE, type: null }, { ...BASE, type: 5 }, { ...BASE, type: 1.5 },
  { ...BASE, type: { a: 1 } }, { ...BASE, type: 'SC_MINE' }, { ...BASE, type: 'NEWSLETTER_SIGNUP' }, { ...BASE, type: 'UNKNOWN_ONE' },
  { ...BASE, type: 'STRAßE' }, { ...BASE, type: 'ÉTÉ' }, { ...BASE, type: 'été' }, { ...BASE, type: 'ORDER_CHECKOUT' },
  { ...BASE, channel: 'web' }, { ...BASE, channel: null }, { ...BASE, channel: 'MOBILE_WEB' }, { ...BASE, channel: ['WEB'] },
  { ...BASE, language: 'en' }, { ...BASE, language: 'EN-GB' }, { ...BASE, language: 'FR' }, { ...BASE, language: 7 }, { ...BASE, language: ' ru_RU ' },
  { ...BASE, currency: 'eur' }, { ...BASE, currency: 978 }, { ...BASE, currency: 'CHF' }, { ...BASE, currency: 'EURO' },
  { ...BASE, browser_id: BID.toUpperCase() }, { ...BASE, browser_id: `{${BID}}` }, { ...BASE, browser_id: 'abc' }, { ...BASE, browser_id: 12 },
  { ...BASE, pos: '' }, { ...BASE, pos: '   ' }, { ...BASE, pos: 'shop-us' }, { ...BASE, pos: 'shop-m' }, { ...BASE, pos: 'shop-jp', channel: 'KIOSK' },
  { ...BASE, pos: 'shop-m', channel: null },
  { ...BASE, type: 'ADD', product: PRODUCT }, { ...BASE, type: 'ADD' }, { ...BASE, type: 'ADD', product: 'shoe' }, { ...BASE, type: 'ADD', product: [PRODUCT] },
  { ...BASE, type: 'ADD', product: { ...PRODUCT, item_id: '' } }, { ...BASE, type: 'ADD', product: { ...PRODUCT, name: null } },
  { ...BASE, type: 'ADD', product: { ...PRODUCT, quantity: 0 } }, { ...BASE, type: 'ADD', product: { ...PRODUCT, quantity: -1 } },
  { ...BASE, type: 'ADD', product: { ...PRODUCT, quantity: 1.5 } }, { ...BASE, type: 'ADD', product: { ...PRODUCT, quantity: '2' } },
  { ...BASE, type: 'ADD', product: { ...PRODUCT, quantity: 4294967296 } }, { ...BASE, type: 'ADD', product: { ...PRODUCT, price: '9.99' } },
  { ...BASE, type: 'ADD', product: { ...PRODUCT, price: 10 } }, { ...BASE, type: 'ADD', product: { ...PRODUCT, price: null, item_id: 7 } },
  { ...BASE, type: 'ADD', product: { ...PRODUCT, name: 'Кроссовки' } }, { ...BASE, type: 'ADD', language: 'RU', product: { ...PRODUCT, name: 'Кроссовки' } },
  { ...BASE, type: 'ADD', language: 'RU', product: { ...PRODUCT, name: 'Running shoes', item_id: 'i2' } },
  { ...BASE, type: 'CONFIRM', product: [{ item_id: 'i1' }, { item_id: 'i2' }, { item_id: 'i9' }, {}] },
  { ...BASE, type: 'CONFIRM', product: { item_id: 'i1' } }, { ...BASE, type: 'CONFIRM' }, { ...BASE, type: 'CONFIRM', product: [] },
  { ...BASE, type: 'CONFIRM', product: [{ item_id: null }, { item_id: '' }, { item_id: 7 }, { item_id: 'b' }, { item_id: 'a' }] },
  { ...BASE, type: 'CONFIRM', browser_id: null, product: { item_id: 'i1' } }, { ...BASE, type: 'CONFIRM', product: 'i1' },
  { ...BASE, type: 'CHECKOUT', status: 'PURCHASED' }, { ...BASE, type: 'CHECKOUT' }, { ...BASE, type: 'CHECKOUT', status: 'purchased' },
  { ...BASE, type: 'IDENTITY', identifiers: IDS }, { ...BASE, type: 'IDENTITY' }, { ...BASE, type: 'IDENTITY', identifiers: [] },
  { ...BASE, type: 'IDENTITY', identifiers: { id: 'x', provider: 'email' } }, { ...BASE, type: 'IDENTITY', identifiers: [{ id: 'x' }, 5, null] },
  { ...BASE, type: 'IDENTITY', identifiers: [{ id: '', provider: 'email' }, { id: 3, provider: 'loyalty' }] },
  { ...BASE, type: 'IDENTITY', identifiers: [{ id: 'not-an-email', provider: 'EMAIL' }, { id: 'x', provider: 'Email_Hashed' }, { id: 'y', provider: 'crm' }] },
  { ...BASE, type: 'IDENTITY', identifiers: IDS, email: 'bad@mail' }, { ...BASE, type: 'IDENTITY', identifiers: IDS, email: '' },
  { ...BASE, type: 'IDENTITY', identifiers: IDS, email: 'a b@c.de' }, { ...BASE, type: 'IDENTITY', identifiers: IDS, email: 'a@b@c.de' },
  { ...BASE, type: 'IDENTITY', identifiers: IDS, email: 'a@.de' }, { ...BASE, type: 'IDENTITY', identifiers: IDS, email: 'a@b.' },
  { ...BASE, type: 'IDENTITY', identifiers: IDS, dob: '1990-04-01T00:00' }, { ...BASE, type: 'IDENTITY', identifiers: IDS, dob: '1990-04-01T00:00:00' },
  { ...BASE, type: 'IDENTITY', identifiers: IDS, dob: '1990-13-01T00:00' }, { ...BASE, type: 'IDENTITY', identifiers: IDS, dob: 19900401 },
  { ...BASE, type: 'IDENTITY', identifiers: [{ id: 'a@b.co', provider: 'email', expiryDate: '2030-1-1' }, { id: 'q', provider: 'loyalty', expiry_date: null, expiryDate: '2030-01-01T24:00' }] },
  { ...BASE, ext: null }, { ...BASE, ext: 'x' }, { ...BASE, ext: [] }, { ...BASE, ext: {} }, { ...BASE, ext: { tier: '' } }, { ...BASE, ext: { tier: [] } },
  { ...BASE, ext: { tier: {} } }, { ...BASE, ext: { tier: 0 } }, { ...BASE, ext: { tier: false } }, { ...BASE, ext: { tier: null } }, { ...BASE, ext: { 'a/b~c': 1, list: [1] } },
  { ...BASE, ext: Object.fromEntries(Array.from({ length: 51 }, (_v, i) => [`k${i}`, i])) },
  { ...BASE, ext: { nested: Object.fromEntries(Array.from({ length: 50 }, (_v, i) => [`k${i}`, { a: i, b: [] }])) } },
  { ...BASE, page: 'Главная' }, { ...BASE, page: 'Главная', language: 'RU' }, { ...BASE, page: 'Home', language: 'RU' }, { ...BASE, page: '  ' },
  { ...BASE, page: 'ホーム', language: 'JA' }, { ...BASE, page: 'Startseite Москва', language: 'DE' }, { ...BASE, page: 'SKU-123 Москва', language: 'EN' },
  { ...BASE, page: 42, language: 'RU' }, { ...BASE, page: 'Home', language: 'xx' }, { ...BASE, page: 'مرحبا', language: 'ar-SA' },
  { ...BASE, type: 'ORDER_CHECKOUT', order: { price: 20, currencyCode: 'EUR', orderItems: [{ price: 10, quantity: 2, currencyCode: 'EUR' }] } },
  { ...BASE, type: 'ORDER_CHECKOUT', order: { price: 25.5, currencyCode: 'EUR', orderItems: [{ price: 10, quantity: 2 }, { price: 2.25 }] } },
  { ...BASE, type: 'ORDER_CHECKOUT', order: { price: 20, currencyCode: 'EUR', orderItems: [{ price: 10, quantity: 2, currencyCode: 'USD' }, { price: 0, currencyCode: 'GBP' }, { price: 0, currencyCode: null }] } },
  { ...BASE, type: 'ORDER_CHECKOUT', order: { price: 20, orderItems: [{ price: 10, quantity: 2, currencyCode: 'USD' }] } },
  { ...BASE, type: 'ORDER_CHECKOUT', order: { price: '20', orderItems: [{ price: 10, quantity: null }] } },
  { ...BASE, type: 'ORDER_CHECKOUT', order: { price: 1e21, orderItems: [{ price: 1e-7, quantity: 3 }] } },
  { ...BASE, type: 'ORDER_CHECKOUT', order: { price: 5, orderItems: [] } }, { ...BASE, type: 'ORDER_CHECKOUT', order: { price: 5, orderItems: 'x' } },
  { ...BASE, type: 'ORDER_CHECKOUT', order: [1] },
  '{"type":"VIEW","type":"view","channel":"WEB","language":"EN","currency":"EUR","browser_id":"' + BID + '","pos":"shop-eu"}',
  '  {"type":"VIEW","channel":"WEB"}  ', '{"type":"VIEW","big":123456789012345678901234}', '{"type":"VIEW","neg":-9223372036854775809}',
  '{"type":"VIEW","page":"x\\u0000y","channel":"WEB"}', '{"type":"VIEW","page":"caf\\u00e9 \\"quoted\\" \\\\ tab\\t","language":"RU"}',
  '', '   ', '[1,2]', '"text"', 'null', '{"type":', '{"type":"VIEW"}\r',
];

const lines = (events: readonly (object | string)[]) => events.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('\n');

describe('native event engine', () => {
  it('is built and loads (npm run build needs g++, libsimdjson-dev and zlib1g-dev)', () => {
    const { module, problem } = nativeEngine();
    expect(problem).toBeUndefined();
    expect(typeof module?.validate).toBe('function');
    // Every rule the project defines is implemented natively; a rule added in TS only would send auto to DuckDB.
    expect([...(module?.ruleIds ?? [])].sort()).toEqual([...new Set(EVENT_RULES.map((r) => r.id))].sort());
  });

  it('gives the same result as the DuckDB engine on a generated export with planted defects in every rule', async () => {
    const out = files.at('generated.ndjson');
    const manifest = generate({ events: 30_000, seed: 11, out, perDefect: 4, longLine: true });
    const { duckdb, native } = await both([out], { ...FACTS, examples: 40 });
    expect(native).toEqual(duckdb);
    // The comparison means something: every planted rule and broken line is in it.
    expect(native.invalidLineCount).toBe(manifest.brokenLines.length);
    for (const [id, planted] of Object.entries(manifest.defects)) {
      expect(native.rules.filter((r) => r.id === id).reduce((n, r) => n + r.violations, 0), id).toBeGreaterThanOrEqual(planted.length);
    }
  });

  it('gives the same result on edge-case events, with and without declared facts', async () => {
    const file = files.fixture('edge.ndjson', `\uFEFF${lines(EDGE_EVENTS)}\n`);
    for (const facts of [FACTS, NO_FACTS]) {
      const { duckdb, native } = await both([file], { ...facts, examples: 100 });
      expect(native).toEqual(duckdb);
      expect(native.rules.every((r) => r.violations === 0 || r.examples.length > 0)).toBe(true);
    }
    const counted = (await validateEvents([file], { ...FACTS, engine: 'native' })).rules.filter((r) => r.violations > 0).map((r) => r.id);
    expect(new Set(counted)).toEqual(new Set(EVENT_RULES.map((r) => r.id)));
  });

  it('gives the same result over several files (gzip, CRLF, a missing file) with ADDs in one file and CONFIRMs in the next', async () => {
    const adds = lines([{ ...BASE, type: 'ADD', product: PRODUCT }, { ...BASE, type: 'CONFIRM', product: [{ item_id: 'i1' }, { item_id: 'i2' }] }]);
    const first = files.fixture('a.ndjson.gz', gzipSync(Buffer.from(`${adds.replaceAll('\n', '\r\n')}\r\n`)));
    const second = files.fixture('b.ndjson', `${lines([{ ...BASE, type: 'CONFIRM', product: { item_id: 'i1' } }, { ...BASE, type: 'CONFIRM', product: { item_id: 'i3' } }])}`);
    const twoMembers = files.fixture('c.ndjson.gz', Buffer.concat([gzipSync(Buffer.from(`${JSON.stringify(BASE)}\n`)), gzipSync(Buffer.from(`${JSON.stringify({ ...BASE, type: 'x' })}\n`))]));
    const paths = [first, files.at('missing.ndjson'), second, twoMembers, first];
    const { duckdb, native } = await both(paths, { ...FACTS, examples: 10 });
    expect(native).toEqual(duckdb);
    const confirm = native.rules.find((r) => r.id === 'events/confirm-after-add');
    expect(confirm?.examples.map((e) => [e.file, e.line, e.value])).toEqual([
      [first, 2, 'no earlier ADD for item_id i2'], [second, 2, 'no earlier ADD for item_id i3'],
    ]);
    expect(native.files.map((f) => f.lines)).toEqual([2, 0, 2, 2]);
  });

  it('gives the same result for lines over the maximum line size, short files and empty files', async () => {
    const long = files.fixture('long.ndjson', [JSON.stringify(BASE), JSON.stringify({ ...BASE, page: 'x'.repeat(5000) }), JSON.stringify(BASE)].join('\n'));
    const empty = files.fixture('empty.ndjson', '');
    const blank = files.fixture('blank.ndjson', '\n\n');
    const { duckdb, native } = await both([long, empty, blank], { ...FACTS, maxLineBytes: 4096 });
    expect(native).toEqual(duckdb);
    expect(native.invalidLines).toContainEqual({ file: long, line: 2, reason: 'line longer than the maximum line size' });
  });

  it('reads JSON strictly: a trailing comma or NaN is not valid JSON (DuckDB accepts both)', async () => {
    const file = files.fixture('strict.ndjson', `${JSON.stringify(BASE)}\n{"type":"VIEW",}\n{"type":"VIEW","price":NaN}\n`);
    const native = await validateEvents([file], { ...FACTS, engine: 'native' });
    expect(native.invalidLines).toEqual([
      { file, line: 2, reason: 'not valid JSON' }, { file, line: 3, reason: 'not valid JSON' },
    ]);
    const duckdb = await validateEvents([file], { ...FACTS, engine: 'duckdb' });
    expect(duckdb.validLines).toBe(3);
  });

  it('reads an integer beyond 64 bits as a number (a double), as DuckDB does, shown as a double', async () => {
    const line = `{"type":"ADD","product":{"quantity":123456789012345678901234,"price":-9223372036854775809}}`;
    // A long fraction or exponent beside a big integer stays one number (no ".0" inside it).
    const mixed = '{"type":"VIEW","a":18446744073709551616,"b":1.123456789012345678901,"c":1e00000000000000000000001}';
    const file = files.fixture('big.ndjson', `${line}\n${mixed}\n`);
    const rules = EVENT_RULES.filter((r) => r.id === 'events/add-quantity' || r.id === 'events/add-price');
    const { duckdb, native } = await both([file], { ...NO_FACTS, rules });
    expect(native.validLines).toBe(2);
    expect(duckdb.validLines).toBe(2);
    expect(native.rules.map((r) => [r.id, r.violations])).toEqual(duckdb.rules.map((r) => [r.id, r.violations]));
    expect(native.rules.map((r) => r.violations)).toEqual([1, 0]);
    // DuckDB keeps the integer's own digits for display; the native engine shows the double.
    expect(native.rules[0]?.examples[0]?.value).toBe('1.2345678901234569e23');
    expect(duckdb.rules[0]?.examples[0]?.value).toBe('123456789012345678901234');
  });

  it('reads gzip as Node does: zero bytes after the last member are ignored, other trailing bytes refuse the file with the same words', async () => {
    const member = gzipSync(Buffer.from(`${JSON.stringify(BASE)}\n`));
    const zeros = files.fixture('zeros.ndjson.gz', Buffer.concat([member, Buffer.alloc(64)]));
    const garbage = files.fixture('garbage.ndjson.gz', Buffer.concat([member, Buffer.from('trailing')]));
    const cut = files.fixture('cut2.ndjson.gz', member.subarray(0, member.length - 5));
    const { duckdb, native } = await both([garbage, cut], FACTS);
    expect(native).toEqual(duckdb);
    expect(native.files.map((f) => f.error)).toEqual([
      'truncated or corrupt gzip (incorrect header check); the file was not validated',
      'truncated or corrupt gzip (unexpected end of file); the file was not validated',
    ]);
    // DuckDB's reader refuses trailing zero bytes ("Input is not a GZIP stream"); gunzip and Node accept them.
    expect((await validateEvents([zeros], { ...FACTS, engine: 'native' })).files).toEqual([{ file: zeros, lines: 1 }]);
  });

  it('refuses a gzip file that ends inside a member, without counting any of its lines', async () => {
    const whole = gzipSync(Buffer.from(`${JSON.stringify(BASE)}\n`.repeat(5000)));
    const cut = files.fixture('cut.ndjson.gz', whole.subarray(0, whole.length - 20));
    const { module } = nativeEngine();
    // Called directly: validateEvents checks gzip files in JS first, so this is the engine's own guard.
    const result = await module?.validate({
      files: [cut], rules: [{ id: 'events/type-uppercase' }], examples: 1, maxInvalid: 1, maxLineBytes: 1 << 20, threads: 2,
      facts: { languages: [], currencies: [], pointsOfSale: [], identityRules: [], customEvents: [], posChannels: [], channels: [], knownTypes: [], checkoutStatuses: [], judged: [], withLatin: [], productFields: [], reservedPrefix: 'SC_', maxExtKeys: 50 },
    });
    expect(result?.files[0]).toMatchObject({ lines: 0, error: expect.stringMatching(/truncated or corrupt gzip/) });
    expect(result?.rules[0]).toMatchObject({ applicable: 0, violations: 0 });
  });

  it('is chosen by auto only for rules it knows; asking for it with other rules is an error', async () => {
    const file = files.fixture('one.ndjson', JSON.stringify({ ...BASE, type: 'view' }));
    const custom: EventRule = { id: 'events/custom-test', title: 'custom', severity: 'fail', reads: ['type'], violation: "type = 'view'", value: 'type' };
    const auto = await validateEvents([file], { ...NO_FACTS, rules: [custom] });
    expect(auto.rules.map((r) => [r.id, r.violations])).toEqual([['events/custom-test', 1]]);
    await expect(validateEvents([file], { ...NO_FACTS, rules: [custom], engine: 'native' })).rejects.toThrow(/does not know every rule/);
  });
});
