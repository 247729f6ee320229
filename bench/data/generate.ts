/**
 * A seeded, reproducible Sitecore-CDP-like event export for `golive data validate`, with planted
 * defects at recorded line numbers: for every event rule the lines that break it, plus broken lines
 * (truncated JSON, invalid UTF-8, blank, not an object), a BOM, CRLF endings and one long line.
 *
 *   npx tsx bench/data/generate.ts [--events 10000000 | --bytes 5G] [--seed 42] [--out /tmp/golive-bench-data/events.ndjson]
 *
 * Writes the NDJSON file, `<out>.manifest.json` (counts, rule id -> lines, broken lines) and
 * `golive.yaml` beside it declaring the tenant facts the events are checked against.
 */
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mulberry32 } from '../../src/lib/prng.js';

export interface Manifest {
  seed: number;
  events: number;
  lines: number;
  bytes: number;
  /** Lines that are JSON objects. */
  validLines: number;
  /** Rule id -> every line that breaks it (sorted). */
  defects: Record<string, number[]>;
  /** Line -> why it is not a JSON object. */
  brokenLines: { line: number; kind: string }[];
}

/** Tenant facts the generated events follow (written to golive.yaml). */
export const DECLARED = {
  languages: ['EN', 'DE', 'RU', 'JA'],
  currencies: ['EUR', 'USD', 'GBP', 'JPY'],
  pointsOfSale: [{ name: 'shop-eu', channel: 'WEB' }, { name: 'shop-m', channel: 'MOBILE_WEB' }, { name: 'shop-jp' }],
  identityRules: ['email', 'loyalty'],
  customEvents: ['NEWSLETTER_SIGNUP'],
  extensions: [{ name: 'tier', minFillRate: 0.99 }],
};

export const GOLIVE_YAML = `id: bench-shop
name: Bench shop
goLive: 2027-01-11T09:00
timeZone: Europe/Berlin
playbooks: [web-launch]
people:
  - { id: dana, name: Dana Ruiz, roles: [delivery-lead, product, marketing, ops, security, tech-lead, qa, developer, support, seo, legal] }
cdp:
  languages: [${DECLARED.languages.join(', ')}]
  currencies: [${DECLARED.currencies.join(', ')}]
  pointsOfSale:
    - { name: shop-eu, channel: WEB }
    - { name: shop-m, channel: MOBILE_WEB }
    - { name: shop-jp }
  identityRules: [${DECLARED.identityRules.join(', ')}]
  customEvents: [${DECLARED.customEvents.join(', ')}]
  extensions:
    - { name: tier, minFillRate: 0.99 }
`;


const PAGES: Record<string, string[]> = {
  EN: ['Home', 'Running shoes', 'Checkout', 'My account', 'Shop news Москва', 'Sale AB-1234'],
  DE: ['Startseite', 'Laufschuhe', 'Kasse', 'Mein Konto'],
  RU: ['Главная', 'Кроссовки', 'Оформление заказа'],
  JA: ['ホーム', '商品一覧', 'ランニングシューズ'],
};
const PRODUCTS: Record<string, string[]> = { EN: ['Trail runner', 'Rain jacket'], DE: ['Laufschuh', 'Regenjacke'], RU: ['Кроссовки', 'Куртка'], JA: ['靴', '上着'] };
const SITES = [
  { pos: 'shop-eu', channel: 'WEB', languages: ['EN', 'DE'], currency: 'EUR' },
  { pos: 'shop-m', channel: 'MOBILE_WEB', languages: ['EN', 'RU'], currency: 'USD' },
  { pos: 'shop-jp', channel: 'WEB', languages: ['JA', 'EN'], currency: 'JPY' },
];

/** One event as a plain object; `fix` applies a planted defect. */
interface Ctx { r: () => number; i: number; browsers: string[]; added: Map<number, string[]> }

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

function uuid(r: () => number): string {
  const h = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
  return `${h(8)}-${h(4)}-4${h(3)}-${pick(r, ['8', '9', 'a', 'b'])}${h(3)}-${h(12)}`;
}

function base(c: Ctx, type: string): Record<string, unknown> {
  const site = pick(c.r, SITES);
  const language = pick(c.r, site.languages);
  const b = Math.floor(c.r() * c.browsers.length);
  return {
    type, channel: site.channel, language, currency: site.currency, page: pick(c.r, PAGES[language] ?? []), pos: site.pos,
    browser_id: c.browsers[b], session_data: { b }, ext: { tier: pick(c.r, ['gold', 'silver', 'bronze']), source: 'web' },
  };
}

function product(c: Ctx, e: Record<string, unknown>, item: string): Record<string, unknown> {
  return {
    type: 'SHOES', item_id: item, name: pick(c.r, PRODUCTS[e.language as string] ?? []), productId: `P${item}`, referenceId: `R${item}`,
    orderedAt: '2026-11-02T10:15:00.000Z', quantity: 1 + Math.floor(c.r() * 3), price: Math.round(c.r() * 20000) / 100, currency: e.currency,
  };
}

/** A valid event of a random type; ADD remembers its item for the browser so a later CONFIRM can name it. */
function validEvent(c: Ctx): Record<string, unknown> {
  const x = c.r();
  const e = base(c, 'VIEW');
  const b = (e.session_data as { b: number }).b;
  if (x < 0.6) return e;
  if (x < 0.75) {
    const item = `i${Math.floor(c.r() * 5000)}`;
    c.added.set(b, [...(c.added.get(b) ?? []).slice(-3), item]);
    return { ...e, type: 'ADD', product: product(c, e, item) };
  }
  if (x < 0.8) {
    const items = c.added.get(b);
    return items === undefined ? e : { ...e, type: 'CONFIRM', product: items.map((item_id) => ({ item_id })) };
  }
  if (x < 0.84) return { ...e, type: 'CHECKOUT', reference_id: `ORD-${c.i}`, status: pick(c.r, ['PURCHASED', 'CONFIRMED', 'PAYMENT_PENDING']) };
  if (x < 0.9) {
    const id = `user${Math.floor(c.r() * 1e6)}`;
    return { ...e, type: 'IDENTITY', identifiers: [{ provider: 'email', id: `${id}@example.com` }, { provider: 'loyalty', id, expiry_date: '2030-01-01T10:30' }], dob: '1990-04-01T00:00' };
  }
  if (x < 0.93) return { ...e, type: 'ORDER_CHECKOUT', order: order(c, e, 0) };
  if (x < 0.96) return { ...e, type: 'NEWSLETTER_SIGNUP' };
  return { ...e, type: 'SEARCH', product_name: 'shoe' };
}

function order(c: Ctx, e: Record<string, unknown>, off: number): Record<string, unknown> {
  const items = Array.from({ length: 1 + Math.floor(c.r() * 3) }, (_v, k) => ({ type: 'SHOES', productId: `P${k}`, price: 5 + k * 2.5, quantity: 1 + k, currencyCode: e.currency }));
  const total = items.reduce((s, it) => s + it.price * it.quantity, 0);
  return { referenceId: `O${c.i}`, currencyCode: e.currency, price: Math.round((total + off) * 100) / 100, paymentType: 'Card', orderItems: items };
}

/** Planted defects: each makes a valid event break exactly the rules listed. */
const DEFECTS: { rules: string[]; make: (c: Ctx) => Record<string, unknown> }[] = [
  { rules: ['events/type-uppercase', 'events/type-known'], make: (c) => ({ ...base(c, 'view') }) },
  { rules: ['events/type-known'], make: (c) => base(c, 'SC_PROMO') },
  { rules: ['events/channel-enum'], make: (c) => ({ ...base(c, 'VIEW'), pos: 'shop-jp', channel: 'APP' }) },
  { rules: ['events/pos-channel'], make: (c) => ({ ...base(c, 'VIEW'), pos: 'shop-m', channel: 'WEB', language: 'EN', page: 'Home' }) },
  { rules: ['events/language-code'], make: (c) => ({ ...base(c, 'VIEW'), language: 'FR', page: 'Accueil' }) },
  { rules: ['events/currency-code'], make: (c) => ({ ...base(c, 'VIEW'), currency: 'eur' }) },
  { rules: ['events/browser-id-uuid'], make: (c) => ({ ...base(c, 'VIEW'), browser_id: 'not-a-uuid' }) },
  { rules: ['events/pos-present'], make: (c) => ({ ...base(c, 'VIEW'), pos: '' }) },
  { rules: ['events/add-product-fields'], make: (c) => { const e = base(c, 'ADD'); const { referenceId: _r, ...p } = product(c, e, 'd1'); return { ...e, product: p }; } },
  { rules: ['events/add-quantity'], make: (c) => { const e = base(c, 'ADD'); return { ...e, product: { ...product(c, e, 'd2'), quantity: 0 } }; } },
  { rules: ['events/add-price'], make: (c) => { const e = base(c, 'ADD'); return { ...e, product: { ...product(c, e, 'd3'), price: '9.99' } }; } },
  { rules: ['events/product-name-script'], make: (c) => { const e = { ...base(c, 'ADD'), language: 'EN', page: 'Home' }; return { ...e, product: { ...product(c, e, 'd4'), name: 'حذاء رياضي' } }; } },
  { rules: ['events/page-script'], make: (c) => ({ ...base(c, 'VIEW'), language: 'EN', page: 'Главная страница' }) },
  { rules: ['events/identity-identifiers'], make: (c) => ({ ...base(c, 'IDENTITY'), identifiers: [] }) },
  { rules: ['events/identity-provider'], make: (c) => ({ ...base(c, 'IDENTITY'), identifiers: [{ provider: 'Email', id: 'a@example.com' }] }) },
  { rules: ['events/identity-email'], make: (c) => ({ ...base(c, 'IDENTITY'), identifiers: [{ provider: 'email', id: 'nobody@nodot' }] }) },
  { rules: ['events/identity-dates'], make: (c) => ({ ...base(c, 'IDENTITY'), identifiers: [{ provider: 'email', id: 'a@example.com' }], dob: '1990-04-01' }) },
  { rules: ['events/checkout-status'], make: (c) => ({ ...base(c, 'CHECKOUT'), reference_id: 'ORD-X', status: 'PAID' }) },
  { rules: ['events/confirm-after-add'], make: (c) => ({ ...base(c, 'CONFIRM'), product: [{ item_id: 'never-added' }] }) },
  { rules: ['events/ext-keys'], make: (c) => ({ ...base(c, 'VIEW'), ext: { tier: 'gold', ...Object.fromEntries(Array.from({ length: 51 }, (_v, k) => [`k${k}`, k])) } }) },
  { rules: ['events/ext-fill-rate'], make: (c) => ({ ...base(c, 'VIEW'), ext: { source: 'web' } }) },
  { rules: ['events/order-total'], make: (c) => { const e = base(c, 'ORDER_CHECKOUT'); return { ...e, order: order(c, e, 3) }; } },
];

/** Lines that are not JSON objects (the truncated one is trap 1: the next line must survive). */
const BROKEN: { kind: string; bytes: Buffer }[] = [
  { kind: 'not valid JSON', bytes: Buffer.from('{"type":"VIEW","channel":') },
  { kind: 'invalid UTF-8', bytes: Buffer.from([...Buffer.from('{"type":"VIEW","page":"'), 0xff, 0xfe, ...Buffer.from('"}')]) },
  { kind: 'empty line', bytes: Buffer.alloc(0) },
  { kind: 'valid JSON but not an object', bytes: Buffer.from('[1,2,3]') },
];

export interface GenerateOptions {
  events: number;
  seed: number;
  out: string;
  /** Events per defect kind; default scales with events (2 to 200, so --examples 1000 lists them all). */
  perDefect?: number;
  /** One valid line of about 2 MB in the middle (default true). */
  longLine?: boolean;
}

/** Evenly spread, seeded positions for defects and broken lines, keyed by event index. */
function plan(n: number, r: () => number, perDefect: number): { defects: Map<number, number>; broken: Map<number, number> } {
  const defects = new Map<number, number>();
  const broken = new Map<number, number>();
  const free = (i: number) => i > 1 && i < n - 1 && !defects.has(i) && !broken.has(i);
  for (let d = 0; d < DEFECTS.length; d += 1) {
    for (let k = 0; k < perDefect; k += 1) {
      let i = Math.floor(r() * n);
      while (!free(i)) i = (i + 7) % n;
      defects.set(i, d);
    }
  }
  // At most 100 broken lines, so `golive data validate` lists every one of them.
  for (let k = 0; k < Math.min(96, BROKEN.length * perDefect); k += 1) {
    let i = Math.floor(r() * n);
    while (!free(i)) i = (i + 11) % n;
    broken.set(i, k % BROKEN.length);
  }
  return { defects, broken };
}

export function generate(o: GenerateOptions): Manifest {
  const r = mulberry32(o.seed);
  const perDefect = o.perDefect ?? Math.max(2, Math.min(200, Math.floor(o.events / 20_000)));
  const c: Ctx = { r, i: 0, browsers: Array.from({ length: Math.max(100, Math.floor(o.events / 50)) }, () => uuid(r)), added: new Map() };
  const { defects, broken } = plan(o.events, r, perDefect);
  const longAt = o.longLine === false ? -1 : Math.floor(o.events / 2);
  // golive.yaml goes beside the export; in the temp root it would apply to every golive run under it.
  if (path.resolve(path.dirname(o.out)) === path.resolve(tmpdir())) throw new Error(`--out ${o.out}: give the export a directory of its own (a golive.yaml is written beside it), e.g. ${DEFAULT_OUT}`);
  mkdirSync(path.dirname(o.out), { recursive: true });
  const fd = openSync(o.out, 'w');
  const m: Manifest = { seed: o.seed, events: o.events, lines: 0, bytes: 0, validLines: 0, defects: {}, brokenLines: [] };
  let chunk: Buffer[] = [Buffer.from('\ufeff')];
  let size = 3;
  const push = (b: Buffer, eol: string) => {
    chunk.push(b, Buffer.from(eol));
    size += b.length + eol.length;
    m.lines += 1;
    if (size > 1 << 22) flush();
  };
  const flush = () => {
    const all = Buffer.concat(chunk);
    writeSync(fd, all);
    m.bytes += all.length;
    chunk = [];
    size = 0;
  };
  for (let i = 0; i < o.events; i += 1) {
    c.i = i;
    const b = broken.get(i);
    if (b !== undefined) {
      push((BROKEN[b] as { bytes: Buffer }).bytes, '\n');
      m.brokenLines.push({ line: m.lines, kind: (BROKEN[b] as { kind: string }).kind });
    }
    const d = defects.get(i);
    const event = d === undefined ? validEvent(c) : (DEFECTS[d] as (typeof DEFECTS)[number]).make(c);
    if (i === longAt) event.ext = { ...(event.ext as object), blob: 'x'.repeat(2 * 1024 * 1024) };
    delete event.session_data;
    // Every 97th line ends in CRLF, as exports written on Windows do.
    push(Buffer.from(JSON.stringify(event)), i % 97 === 0 ? '\r\n' : '\n');
    m.validLines += 1;
    if (d !== undefined) for (const rule of (DEFECTS[d] as (typeof DEFECTS)[number]).rules) (m.defects[rule] ??= []).push(m.lines);
  }
  flush();
  closeSync(fd);
  writeFileSync(`${o.out}.manifest.json`, JSON.stringify(m));
  writeFileSync(path.join(path.dirname(o.out), 'golive.yaml'), GOLIVE_YAML);
  return m;
}

/** Every rule id the planted defects cover. */
export const DEFECT_RULES = [...new Set(DEFECTS.flatMap((d) => d.rules))].sort();

/** "5G", "500M", "10k" -> bytes. */
export function parseBytes(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([kMG]?)$/i.exec(text);
  if (!match) throw new Error(`--bytes: expected a size like 5G or 500M, got ${text}`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? '').toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * unit);
}

/** Events needed for about `bytes` bytes, from the size of a sample. */
export function eventsForBytes(bytes: number, seed: number): number {
  const dir = path.join(tmpdir(), `golive-bench-sample-${process.pid}`);
  try {
    const m = generate({ events: 20_000, seed, out: path.join(dir, 'sample.ndjson'), perDefect: 2, longLine: false });
    return Math.round(bytes / (m.bytes / m.lines));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const DEFAULT_OUT = path.join(tmpdir(), 'golive-bench-data', 'events.ndjson');

/** --events N | --bytes SIZE, --seed, --out. */
export function generateFromArgs(args: string[]): { options: GenerateOptions; manifest: Manifest; seconds: number } {
  const { values } = parseArgs({ args, options: { events: { type: 'string' }, bytes: { type: 'string' }, seed: { type: 'string', default: '42' }, out: { type: 'string', default: DEFAULT_OUT } }, strict: true });
  const seed = Number(values.seed);
  const events = values.bytes !== undefined ? eventsForBytes(parseBytes(values.bytes), seed) : Number(values.events ?? 10_000_000);
  if (!Number.isInteger(events) || events < 1000) throw new Error('--events: expected a whole number of at least 1000');
  const options = { events, seed, out: path.resolve(values.out) };
  const started = performance.now();
  const manifest = generate(options);
  return { options, manifest, seconds: (performance.now() - started) / 1000 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { options, manifest, seconds } = generateFromArgs(process.argv.slice(2));
  process.stdout.write(`wrote ${options.out}: ${manifest.events} events, ${manifest.lines} lines, ${(manifest.bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s (seed ${options.seed})\n`);
}
