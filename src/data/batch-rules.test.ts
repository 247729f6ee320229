import { describe, expect, it } from 'vitest';
import { loadLines, useDuckDb } from './test-helpers.js';
import { BATCH_RULES } from './batch-rules.js';
import { runBatchRules } from './batch-validate.js';

const REF = '0b4f8c4e-7d5a-4a8e-9a43-8b3f0a4f7e21';
const REF2 = '1c5a9d5f-8e6b-4b9f-8b54-9c4a1b5a8f32';
const NOW = '2026-11-01T12:00:00Z';
const GUEST_VALUE = { guestType: 'customer', identifiers: [{ provider: 'email', id: 'a@b.c' }], dateOfBirth: '1980-05-01T00:00Z' };
const GUEST = { ref: REF, schema: 'guest', mode: 'upsert', value: GUEST_VALUE };
const ITEM = { type: 'SHOES', productId: 'p1', name: 'Shoe', price: 5, quantity: 2, currencyCode: 'EUR' };
const ORDER_VALUE = {
  referenceId: 'R1', channel: 'WEB', pointOfSale: 'shop-eu', orderedAt: '2026-10-01T10:00:00Z', status: 'PURCHASED',
  currencyCode: 'EUR', price: 10, paymentType: 'Card', cardType: 'VISA', orderItems: [ITEM],
};
const ORDER = { ref: REF2, schema: 'order', mode: 'insert', value: ORDER_VALUE };
const guest = (v: object, over: object = {}): object => ({ ...GUEST, ...over, value: { ...GUEST_VALUE, ...v } });
const order = (v: object, over: object = {}): object => ({ ...ORDER, ...over, value: { ...ORDER_VALUE, ...v } });
const without = (o: Record<string, unknown>, key: string): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
const ext = (extra: object): object => guest({ extensions: [{ name: 'ext', key: 'default', tier: 'gold', ...extra }] });

/** A case is one record on line 7, or several records on lines 7, 8, ...; `line` is the flagged one (default 7). */
interface Case { name: string; records: object[]; line?: number }
const one = (name: string, record: object): Case => ({ name, records: [record] });

const TABLE: Record<string, { valid: Case[]; invalid: Case[] }> = {
  'batch/record-fields': {
    valid: [one('guest', GUEST), one('order', ORDER)],
    invalid: [one('no ref', without(GUEST, 'ref')), one('empty schema', { ...GUEST, schema: '' }), one('no mode', without(GUEST, 'mode')), one('no value', without(GUEST, 'value'))],
  },
  'batch/ref-uuid': {
    valid: [one('v4', GUEST), one('uppercase', { ...GUEST, ref: REF.toUpperCase() })],
    invalid: [one('not a uuid', { ...GUEST, ref: 'guest-1' }), one('braces', { ...GUEST, ref: `{${REF}}` })],
  },
  'batch/ref-unique': {
    valid: [{ name: 'two refs', records: [GUEST, ORDER] }],
    invalid: [{ name: 'same ref twice', records: [GUEST, { ...ORDER, ref: REF }], line: 8 }],
  },
  'batch/schema-enum': {
    valid: [one('guest', GUEST), one('tracking', { ...GUEST, schema: 'tracking' })],
    invalid: [one('unknown', { ...GUEST, schema: 'guests' }), one('uppercase', { ...GUEST, schema: 'GUEST' })],
  },
  'batch/mode-enum': {
    valid: [one('upsert', GUEST), one('merge', { ...GUEST, mode: 'merge' })],
    invalid: [one('unknown', { ...GUEST, mode: 'replace' })],
  },
  'batch/guest-customer': {
    valid: [one('customer', GUEST), one('order is not a guest', ORDER)],
    invalid: [one('visitor', guest({ guestType: 'visitor' })), one('missing', { ...GUEST, value: without(GUEST_VALUE, 'guestType') })],
  },
  'batch/guest-no-insert': {
    valid: [one('upsert', GUEST), one('order insert', ORDER)],
    invalid: [one('insert', { ...GUEST, mode: 'insert' })],
  },
  'batch/guest-identifiers': {
    valid: [one('complete', GUEST), one('none given', { ...GUEST, value: without(GUEST_VALUE, 'identifiers') })],
    invalid: [
      one('no provider', guest({ identifiers: [{ id: 'x' }] })), one('empty id', guest({ identifiers: [{ provider: 'p', id: '' }] })),
      one('object, not array', guest({ identifiers: { provider: 'p', id: 'x' } })),
    ],
  },
  'batch/guest-unique': {
    valid: [{ name: 'different ids', records: [GUEST, guest({ identifiers: [{ provider: 'email', id: 'z@b.c' }] }, { ref: REF2 })] }],
    invalid: [{ name: 'same identifier', records: [GUEST, ORDER, guest({}, { ref: REF2 })], line: 9 }],
  },
  'batch/guest-date-of-birth': {
    valid: [one('past, minutes', GUEST), one('date only', guest({ dateOfBirth: '1980-05-01' })), one('seconds', guest({ dateOfBirth: '1980-05-01T00:00:00Z' }))],
    invalid: [
      one('milliseconds', guest({ dateOfBirth: '1980-05-01T00:00:00.000Z' })), one('after now', guest({ dateOfBirth: '2026-11-02T00:00Z' })),
      one('not a date', guest({ dateOfBirth: 'yesterday' })),
    ],
  },
  'batch/guest-extensions': {
    valid: [one('ext default', ext({})), one('ext and ext5', guest({ extensions: [{ name: 'ext', key: 'default', a: 1 }, { name: 'ext5', key: 'default', b: true }] }))],
    invalid: [
      one('name ext6', guest({ extensions: [{ name: 'ext6', key: 'default' }] })), one('key not default', guest({ extensions: [{ name: 'ext', key: 'main' }] })),
      one('snake_case key', ext({ loyalty_tier: 1 })), one('nested value', ext({ address: { city: 'x' } })),
      one('101 keys', ext(Object.fromEntries(Array.from({ length: 100 }, (_v, i) => [`k${i}`, i])))),
      one('key in two extensions', guest({ extensions: [{ name: 'ext', key: 'default', a: 1 }, { name: 'ext1', key: 'default', a: 2 }] })),
      one('name twice', guest({ extensions: [{ name: 'ext', key: 'default' }, { name: 'ext', key: 'default' }] })),
      one('not an array', guest({ extensions: { name: 'ext' } })),
    ],
  },
  'batch/order-required': {
    valid: [one('insert complete', ORDER), one('upsert without insert-only fields', { ...ORDER, mode: 'upsert', value: without(ORDER_VALUE, 'status') })],
    invalid: [one('insert without status', { ...ORDER, value: without(ORDER_VALUE, 'status') }), one('upsert without orderedAt', { ...ORDER, mode: 'upsert', value: without(ORDER_VALUE, 'orderedAt') })],
  },
  'batch/order-status': { valid: [one('PURCHASED', ORDER)], invalid: [one('lowercase', order({ status: 'purchased' }))] },
  'batch/order-channel': { valid: [one('WEB', ORDER)], invalid: [one('EMAIL', order({ channel: 'EMAIL' })), one('unknown', order({ channel: 'APP' }))] },
  'batch/order-card-type': {
    valid: [one('card with type', ORDER), one('PayPal without type', order({ paymentType: 'PayPal', cardType: undefined }))],
    invalid: [one('card without type', { ...ORDER, value: without(ORDER_VALUE, 'cardType') }), one('empty type', order({ cardType: '' }))],
  },
  'batch/order-item-name': {
    valid: [one('short', ORDER), one('exactly 128', order({ orderItems: [{ ...ITEM, name: 'x'.repeat(128) }] }))],
    invalid: [one('129', order({ orderItems: [ITEM, { ...ITEM, name: 'é'.repeat(129) }] }))],
  },
  'batch/order-total': {
    valid: [one('5 × 2 = 10', ORDER), one('no quantity counts 1', order({ price: 5, orderItems: [{ ...ITEM, quantity: undefined }] }))],
    invalid: [one('11 vs 10', order({ price: 11 })), one('negative item', order({ orderItems: [ITEM, { ...ITEM, price: -1, quantity: 1 }] }))],
  },
};

const db = useDuckDb();

async function violationsOf(ruleId: string, c: Case): Promise<number> {
  await loadLines(db(), c.records.map((record, i) => ['t.json', 7 + i, record]));
  const [result] = await runBatchRules(db(), BATCH_RULES.filter((r) => r.id === ruleId), NOW);
  if (result === undefined) throw new Error(`no result for ${ruleId}`);
  if (result.violations > 0) expect(result.examples[0]).toMatchObject({ file: 't.json', line: c.line ?? 7 });
  return result.violations;
}

describe('batch rules', () => {
  it('has a table entry for every record rule', () => {
    expect(Object.keys(TABLE).sort()).toEqual(BATCH_RULES.map((r) => r.id).sort());
  });
  for (const [ruleId, { valid, invalid }] of Object.entries(TABLE)) {
    describe(ruleId, () => {
      it.each(valid)('passes: $name', async (c) => expect(await violationsOf(ruleId, c)).toBe(0));
      it.each(invalid)('flags: $name', async (c) => expect(await violationsOf(ruleId, c)).toBe(1));
    });
  }
});
