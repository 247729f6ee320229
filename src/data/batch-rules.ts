/**
 * Rules over Sitecore CDP batch upload records (one `{ref, schema, mode, value}` object per line), as
 * pure SQL. Each rule reads the columns of the scan in batch-validate.ts: `ref`, `schema`, `mode`,
 * `value` (JSON), `now` (TIMESTAMPTZ, passed in), `ref_seen` (how often this ref occurred in the file
 * up to this line) and the derived per-record values of BATCH_DERIVED.
 */
import { CHANNELS } from './event-rules.js';
import { quoted } from './event-rules-fields.js';

export interface BatchRule {
  id: string;
  title: string;
  severity: 'fail' | 'warn';
  /** SQL boolean: which records the rule is about. Default: all. */
  appliesTo?: string;
  /** SQL boolean: true when the record breaks the rule. NULL counts as a violation. */
  violation: string;
  /** SQL shown as the example's value. */
  value: string;
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
export const BATCH_SCHEMAS = ['guest', 'order', 'tracking'] as const;
/** The documented modes; migration and delete have their own pages and are not accepted here. */
export const BATCH_MODES = ['insert', 'upsert', 'merge'] as const;
export const ORDER_STATUSES = ['PURCHASED', 'PAYMENT_PENDING', 'CONFIRMED', 'CANCELLED', 'REFUNDED'] as const;
/** The order model drops EMAIL and SMS from the event channel enum. */
export const ORDER_CHANNELS = CHANNELS.filter((c) => c !== 'EMAIL' && c !== 'SMS');
export const ORDER_FIELDS_INSERT_UPSERT = ['referenceId', 'channel', 'pointOfSale', 'orderedAt'] as const;
export const ORDER_FIELDS_INSERT_ONLY = ['status', 'currencyCode', 'price', 'paymentType'] as const;
export const MAX_ITEM_NAME = 128;
export const MAX_EXTENSION_KEYS = 100;

const GUEST = "schema = 'guest'";
const ORDER = "schema = 'order'";
const str = (path: string) => `nullif(value->>'$.${path}', '')`;
/** Comma-separated names of keys that are missing or empty; '' when all are there. */
const missing = (keys: readonly string[], at: (k: string) => string) =>
  `concat_ws(',', ${keys.map((k) => `CASE WHEN ${at(k)} IS NULL THEN '${k}' END`).join(', ')})`;
const recordMissing = missing(['ref', 'schema', 'mode', 'value'], (k) => (k === 'value' ? 'value' : `nullif(${k}, '')`));
const orderMissing = `concat_ws(',', nullif(${missing(ORDER_FIELDS_INSERT_UPSERT, str)}, ''),
  CASE WHEN mode = 'insert' THEN nullif(${missing(ORDER_FIELDS_INSERT_ONLY, str)}, '') END)`;
const identifiers = "(value->'$.identifiers')";
const filled = (key: string) => `len(list_filter(json_extract_string(${identifiers}, '$[*].${key}'), lambda x: x <> ''))`;
const dob = str('dateOfBirth');
/** DuckDB will not cast `HH:mm` without seconds (the SDK's dob format), so `:00` is added first. */
const withSeconds = `regexp_replace(${dob}, 'T([0-9]{2}:[0-9]{2})(Z|[+-][0-9:]+)?$', 'T\\1:00\\2')`;
const items = "(value->'$.orderItems')";
const itemNames = `json_extract_string(${items}, '$[*].name')`;

/** Per-record values that need unnesting or other records: SELECTs over the scan CTE `f` returning (file, line, <name>). */
export const BATCH_DERIVED = {
  /** Guest records sharing an identifier (provider + id) with an earlier guest record in the same file. */
  guest_duplicate_of: `SELECT file, line, min(first_line) FILTER (WHERE first_line < line) AS guest_duplicate_of FROM (
      SELECT file, line, min(line) OVER (PARTITION BY file, k) AS first_line FROM (
        SELECT file, line, unnest(list_transform(json_extract(value, '$.identifiers[*]'),
          lambda i: (i->>'$.provider') || chr(31) || (i->>'$.id'))) AS k FROM f WHERE ${GUEST})
      WHERE k IS NOT NULL) GROUP BY file, line`,
  /** Problems of a guest's extensions array, as text; NULL when there are none. */
  ext_problem: `SELECT file, line, string_agg(DISTINCT problem, '; ' ORDER BY problem) AS ext_problem FROM (
      SELECT file, line, CASE
        WHEN json_type(x) <> 'OBJECT' THEN 'extension is not an object'
        WHEN coalesce(x->>'$.name', '') NOT IN ('ext', 'ext1', 'ext2', 'ext3', 'ext4', 'ext5') THEN 'name ' || coalesce(x->>'$.name', '(missing)') || ' is not ext..ext5'
        WHEN coalesce(x->>'$.key', '') <> 'default' THEN 'key ' || coalesce(x->>'$.key', '(missing)') || ' is not default'
        WHEN count(*) OVER (PARTITION BY file, line, x->>'$.name') > 1 THEN 'name ' || (x->>'$.name') || ' used twice'
        WHEN len(json_keys(x)) - 2 > ${MAX_EXTENSION_KEYS} THEN (len(json_keys(x)) - 2) || ' keys in ' || (x->>'$.name') || ' (max ${MAX_EXTENSION_KEYS})'
        WHEN len(list_filter(json_keys(x), lambda k: k NOT IN ('name', 'key') AND NOT regexp_full_match(k, '[a-z][a-zA-Z0-9]*'))) > 0
          THEN 'key ' || list_filter(json_keys(x), lambda k: k NOT IN ('name', 'key') AND NOT regexp_full_match(k, '[a-z][a-zA-Z0-9]*'))[1] || ' is not camelCase alphanumeric'
        WHEN len(list_filter(json_keys(x), lambda k: k NOT IN ('name', 'key') AND json_type(x, '$."' || k || '"') IN ('OBJECT', 'ARRAY'))) > 0 THEN 'values must be primitive'
        END AS problem
      FROM (SELECT file, line, unnest(json_extract(value, '$.extensions[*]')) AS x FROM f WHERE ${GUEST}))
    WHERE problem IS NOT NULL GROUP BY file, line
    UNION ALL
    SELECT file, line, 'key ' || min(k) || ' in more than one extension' FROM (
      SELECT file, line, unnest(list_filter(json_keys(x), lambda k: k NOT IN ('name', 'key'))) AS k
      FROM (SELECT file, line, unnest(json_extract(value, '$.extensions[*]')) AS x FROM f WHERE ${GUEST}) WHERE json_type(x) = 'OBJECT')
    GROUP BY file, line HAVING count(k) > count(DISTINCT k)`,
} as const;

export type BatchDerived = keyof typeof BATCH_DERIVED;

export const RECORD_RULES: readonly BatchRule[] = [
  { id: 'batch/record-fields', title: 'Every record has ref, schema, mode and value', severity: 'fail',
    violation: `${recordMissing} <> ''`, value: recordMissing },
  { id: 'batch/ref-uuid', title: 'Every ref is a UUID', severity: 'fail', appliesTo: 'ref IS NOT NULL',
    violation: `NOT regexp_full_match(ref, '${UUID}')`, value: 'ref' },
  { id: 'batch/ref-unique', title: 'Refs are unique within a file', severity: 'fail', appliesTo: 'ref IS NOT NULL',
    violation: 'ref_seen > 1', value: 'ref' },
  { id: 'batch/schema-enum', title: 'Every schema is guest, order or tracking', severity: 'fail', appliesTo: 'schema IS NOT NULL',
    violation: `schema NOT IN (${quoted(BATCH_SCHEMAS)})`, value: 'schema' },
  { id: 'batch/mode-enum', title: 'Every mode is insert, upsert or merge', severity: 'fail', appliesTo: 'mode IS NOT NULL',
    violation: `mode NOT IN (${quoted(BATCH_MODES)})`, value: 'mode' },
];

export const GUEST_RULES: readonly BatchRule[] = [
  { id: 'batch/guest-customer', title: 'Guest records are customers', severity: 'fail', appliesTo: GUEST,
    violation: "(value->>'$.guestType') IS DISTINCT FROM 'customer'", value: "value->>'$.guestType'" },
  { id: 'batch/guest-no-insert', title: 'Guest records use upsert, not insert', severity: 'fail', appliesTo: GUEST,
    violation: "mode = 'insert'", value: 'mode' },
  { id: 'batch/guest-identifiers', title: 'Guest identifiers have provider and id', severity: 'fail',
    appliesTo: `${GUEST} AND ${identifiers} IS NOT NULL`,
    violation: `json_type(${identifiers}) <> 'ARRAY' OR ${filled('id')} < json_array_length(${identifiers})
      OR ${filled('provider')} < json_array_length(${identifiers})`, value: identifiers },
  { id: 'batch/guest-unique', title: 'No guest appears twice in a file (same identifier)', severity: 'fail', appliesTo: GUEST,
    violation: 'guest_duplicate_of IS NOT NULL', value: "'same identifier as line ' || guest_duplicate_of" },
  { id: 'batch/guest-date-of-birth', title: 'Dates of birth are in the past, without milliseconds', severity: 'fail',
    appliesTo: `${GUEST} AND ${dob} IS NOT NULL`,
    violation: `regexp_matches(${dob}, ':[0-9]{2}\\.[0-9]') OR NOT (TRY_CAST(${withSeconds} AS TIMESTAMPTZ) < now)`, value: dob },
  { id: 'batch/guest-extensions', title: 'Guest extensions are ext..ext5 with key default and at most 100 unique camelCase keys',
    severity: 'fail', appliesTo: `${GUEST} AND (value->'$.extensions') IS NOT NULL`,
    violation: "json_type(value->'$.extensions') <> 'ARRAY' OR ext_problem IS NOT NULL",
    value: "coalesce(ext_problem, 'extensions is not an array')" },
];

export const ORDER_RULES: readonly BatchRule[] = [
  { id: 'batch/order-required', title: 'Order records carry the fields their mode requires', severity: 'fail',
    appliesTo: `${ORDER} AND mode IN ('insert', 'upsert')`, violation: `${orderMissing} <> ''`, value: orderMissing },
  { id: 'batch/order-status', title: 'Order statuses are from the platform enum', severity: 'fail',
    appliesTo: `${ORDER} AND ${str('status')} IS NOT NULL`, violation: `${str('status')} NOT IN (${quoted(ORDER_STATUSES)})`, value: str('status') },
  { id: 'batch/order-channel', title: 'Order channels are from the order channel enum', severity: 'fail',
    appliesTo: `${ORDER} AND ${str('channel')} IS NOT NULL`, violation: `${str('channel')} NOT IN (${quoted(ORDER_CHANNELS)})`, value: str('channel') },
  { id: 'batch/order-card-type', title: 'Card payments name the card type', severity: 'fail',
    appliesTo: `${ORDER} AND ${str('paymentType')} = 'Card'`, violation: `${str('cardType')} IS NULL`, value: str('paymentType') },
  { id: 'batch/order-item-name', title: `Order item names are at most ${MAX_ITEM_NAME} characters`, severity: 'fail',
    appliesTo: `${ORDER} AND json_type(${items}) = 'ARRAY'`,
    violation: `len(list_filter(${itemNames}, lambda n: length(n) > ${MAX_ITEM_NAME})) > 0`,
    value: `list_filter(${itemNames}, lambda n: length(n) > ${MAX_ITEM_NAME})[1]` },
  { id: 'batch/order-total', title: 'Order price equals the sum of item price × quantity', severity: 'warn',
    appliesTo: `${ORDER} AND json_type(value, '$.price') IN ('UBIGINT', 'BIGINT', 'DOUBLE') AND json_array_length(${items}) > 0`,
    violation: `abs(TRY_CAST(value->>'$.price' AS DOUBLE) - list_sum(list_transform(json_extract(value, '$.orderItems[*]'),
      lambda i: TRY_CAST(i->>'$.price' AS DOUBLE) * coalesce(TRY_CAST(i->>'$.quantity' AS DOUBLE), 1)))) > 0.005`,
    value: `(value->>'$.price') || ' vs items ' || list_sum(list_transform(json_extract(value, '$.orderItems[*]'),
      lambda i: TRY_CAST(i->>'$.price' AS DOUBLE) * coalesce(TRY_CAST(i->>'$.quantity' AS DOUBLE), 1)))` },
];

export const BATCH_RULES: readonly BatchRule[] = [...RECORD_RULES, ...GUEST_RULES, ...ORDER_RULES];
