/**
 * The event rules as a plain Node loop (readline + JSON.parse), the reference `golive data validate`
 * is compared with: same rules, same declared facts, one event at a time. Also a cross-check: its
 * violation counts should equal the engine's.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { flattenedKeyCount } from '../../src/data/event-rules-functions.js';
import { CHANNELS, ADD_PRODUCT_FIELDS } from '../../src/data/event-rules.js';
import { CHECKOUT_STATUSES, MAX_EXT_KEYS, PLATFORM_EVENT_TYPES, RESERVED_EVENT_TYPES } from '../../src/data/event-rules-journey.js';
import { EMAIL_PATTERN, IDENTITY_DATE_PATTERN } from '../../src/data/event-rules-identity.js';
import { normaliseLanguage } from '../../src/data/codes.js';
import { LANGUAGE_SCRIPTS, scriptMismatch } from '../../src/data/script.js';
import type { DECLARED } from './generate.js';

type Event = Record<string, unknown>;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const EMAIL = new RegExp(`^${EMAIL_PATTERN}$`);
const DATE = new RegExp(`^${IDENTITY_DATE_PATTERN}$`);
const KNOWN = new Set<string>([...PLATFORM_EVENT_TYPES, ...RESERVED_EVENT_TYPES]);
const isObject = (v: unknown): v is Event => typeof v === 'object' && v !== null && !Array.isArray(v);
const empty = (v: unknown) => v === undefined || v === null || v === '';
const isNumber = (v: unknown) => typeof v === 'number';

export async function nodeLoop(file: string, d: typeof DECLARED): Promise<{ lines: number; valid: number; violations: Record<string, number> }> {
  const sets = { languages: new Set(d.languages), currencies: new Set(d.currencies), pos: new Set(d.pointsOfSale.map((p) => p.name)), rules: new Set(d.identityRules), custom: new Set(d.customEvents) };
  const posChannel = new Map(d.pointsOfSale.flatMap((p) => ('channel' in p ? [[p.name, p.channel as string] as const] : [])));
  const added = new Set<string>();
  const script = new Map<string, boolean>();
  const violations: Record<string, number> = {};
  const hit = (id: string) => { violations[id] = (violations[id] ?? 0) + 1; };
  const mismatch = (text: unknown, language: unknown) => {
    if (typeof text !== 'string' || text.trim() === '' || typeof language !== 'string' || !LANGUAGE_SCRIPTS.has(normaliseLanguage(language) ?? '')) return false;
    const key = `${language}\u0000${text}`;
    let found = script.get(key);
    if (found === undefined) script.set(key, (found = scriptMismatch(text, language) !== null));
    return found;
  };
  let lines = 0;
  let valid = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    lines += 1;
    // Invalid UTF-8 decodes to U+FFFD: such a line is not valid, as in the engine.
    if (line.includes('\uFFFD')) continue;
    let e: unknown;
    try { e = JSON.parse(lines === 1 && line.startsWith('\uFEFF') ? line.slice(1) : line); } catch { continue; }
    if (!isObject(e)) continue;
    valid += 1;
    const { type, channel, language, currency, pos, ext } = e;
    const product = e.product as Event | Event[] | undefined;
    if (typeof type !== 'string' || type === '' || type !== type.toUpperCase()) hit('events/type-uppercase');
    if (!CHANNELS.includes(channel as never)) hit('events/channel-enum');
    if (typeof language !== 'string' || !/^[A-Z]{2}$/.test(language) || !sets.languages.has(language)) hit('events/language-code');
    if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency) || !sets.currencies.has(currency)) hit('events/currency-code');
    if (typeof e.browser_id !== 'string' || !UUID.test(e.browser_id)) hit('events/browser-id-uuid');
    if (typeof pos !== 'string' || pos.trim() === '' || !sets.pos.has(pos)) hit('events/pos-present');
    if (typeof type === 'string' && (type.startsWith('SC_') || (!KNOWN.has(type) && !sets.custom.has(type)))) hit('events/type-known');
    if (posChannel.has(pos as string) && posChannel.get(pos as string) !== channel) hit('events/pos-channel');
    if (type === 'ADD') {
      const p = isObject(product) ? product : undefined;
      if (p === undefined || ADD_PRODUCT_FIELDS.some((k) => empty(p[k]))) hit('events/add-product-fields');
      if (!Number.isInteger(p?.quantity) || (p?.quantity as number) <= 0) hit('events/add-quantity');
      if (!isNumber(p?.price)) hit('events/add-price');
      if (mismatch(p?.name, language)) hit('events/product-name-script');
      if (p !== undefined && typeof e.browser_id === 'string') added.add(`${e.browser_id}\u0000${String(p.item_id)}`);
    }
    if (type === 'CONFIRM') {
      const items = Array.isArray(product) ? product.map((x) => x?.item_id) : isObject(product) ? [product.item_id] : [];
      if (items.length === 0 || items.some((i) => empty(i) || !added.has(`${String(e.browser_id)}\u0000${String(i)}`))) hit('events/confirm-after-add');
    }
    if (type === 'CHECKOUT' && !CHECKOUT_STATUSES.includes(e.status as never)) hit('events/checkout-status');
    if (type === 'IDENTITY') identity(e, sets.rules, hit);
    if (ext !== undefined && ext !== null && (!isObject(ext) || flattenedKeyCount(ext) > MAX_EXT_KEYS)) hit('events/ext-keys');
    if (mismatch(e.page, language)) hit('events/page-script');
    for (const x of d.extensions) {
      const v = isObject(ext) ? ext[x.name] : undefined;
      if (empty(v) || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0)) hit('events/ext-fill-rate');
    }
    if (isObject(e.order)) order(e.order, hit);
  }
  return { lines, valid, violations };
}

function identity(e: Event, rules: Set<string>, hit: (id: string) => void): void {
  const ids = Array.isArray(e.identifiers) ? (e.identifiers as Event[]) : undefined;
  if (ids === undefined || ids.length === 0 || ids.some((x) => empty(x?.id) || empty(x?.provider))) hit('events/identity-identifiers');
  const list = ids ?? [];
  if (rules.size > 0 && list.some((x) => typeof x?.provider === 'string' && !rules.has(x.provider))) hit('events/identity-provider');
  const emails = [...list.filter((x) => String(x?.provider ?? '').toLowerCase().includes('email') && typeof x?.id === 'string').map((x) => x.id as string), ...(empty(e.email) ? [] : [String(e.email)])];
  if (emails.some((m) => !EMAIL.test(m))) hit('events/identity-email');
  const dates = [...list.map((x) => x?.expiry_date ?? x?.expiryDate).filter((v) => v !== undefined && v !== null), ...(e.dob === undefined || e.dob === null ? [] : [e.dob])];
  if (dates.some((v) => !DATE.test(String(v)))) hit('events/identity-dates');
}

function order(o: Event, hit: (id: string) => void): void {
  const items = Array.isArray(o.orderItems) ? (o.orderItems as Event[]) : undefined;
  if (items === undefined) return;
  const numeric = items.length > 0 && items.every((x) => isNumber(x?.price) && (x?.quantity === undefined || isNumber(x.quantity)));
  const total = items.reduce((s, x) => s + Number(x?.price) * (isNumber(x?.quantity) ? (x.quantity as number) : 1), 0);
  const off = isNumber(o.price) && numeric && Math.abs(total - (o.price as number)) > 0.01 + 1e-9;
  if (off || items.some((x) => x?.currencyCode !== undefined && x.currencyCode !== o.currencyCode)) hit('events/order-total');
}
