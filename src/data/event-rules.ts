/**
 * Rules over Sitecore CDP events (one JSON object per line), as pure definitions. Each rule is
 * SQL over the named fields (event-rules-fields.ts) plus the parameter lists `allowed_languages`,
 * `allowed_currencies`, `allowed_pos`, `identity_rules`, `custom_events`, `pos_channel_names` and
 * `pos_channel_values` (VARCHAR[]; empty = no list check). event-rules-sql.ts turns them all into ONE scan per file.
 */
import { ADD_PRODUCT_FIELDS, quoted, type EventRule } from './event-rules-fields.js';
import { DECLARED_EVENT_RULES } from './event-rules-declared.js';
import { IDENTITY_EVENT_RULES } from './event-rules-identity.js';
import { JOURNEY_EVENT_RULES } from './event-rules-journey.js';
import { ORDER_EVENT_RULES } from './event-rules-order.js';
import { SCRIPT_EVENT_RULES } from './event-rules-script.js';

export { DERIVED_FIELDS, EVENT_FIELDS, type DerivedField, type EventField, type EventRule, type RuleParams } from './event-rules-fields.js';

/** The platform's channel enum (Sitecore CDP event object). */
export const CHANNELS = [
  'AIRPORT_KIOSK', 'BRANCH', 'CALL_CENTER', 'EMAIL', 'GDS', 'KIOSK', 'MOBILE_APP',
  'MOBILE_WEB', 'SMS', 'OFFLINE', 'OTA', 'OTHER', 'WEB',
] as const;

export { ADD_PRODUCT_FIELDS } from './event-rules-fields.js';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const IS_ADD = "type = 'ADD'";
const INTEGER_TYPES = "('UBIGINT', 'BIGINT')";
const NUMBER_TYPES = "('UBIGINT', 'BIGINT', 'DOUBLE')";

/** `code` matches the pattern and, when a list is given, is in it. */
function codeViolation(field: string, pattern: string, list: string): string {
  return `${field} IS NULL OR NOT regexp_full_match(${field}, '${pattern}')` +
    ` OR (len(${list}) > 0 AND NOT list_contains(${list}, ${field}))`;
}

const missingProductFields = `concat_ws(',', ${ADD_PRODUCT_FIELDS.map(
  (k, i) => `CASE WHEN nullif(product_fields[${i + 1}], '') IS NULL THEN '${k}' END`,
).join(', ')})`;

/** Identifiers whose `key` is present and not empty. */
function filled(key: string): string {
  return `len(list_filter(json_extract_string(identifiers, '$[*].${key}'), lambda x: x <> ''))`;
}

/** Per-event format rules. */
export const CORE_EVENT_RULES: readonly EventRule[] = [
  {
    id: 'events/type-uppercase', title: 'Every event has an uppercase type', severity: 'fail', reads: ['type'],
    violation: "type IS NULL OR type = '' OR type <> upper(type)", value: 'type',
  },
  {
    id: 'events/channel-enum', title: 'Every event has a channel from the platform enum', severity: 'fail',
    reads: ['channel'], violation: `channel IS NULL OR channel NOT IN (${quoted(CHANNELS)})`, value: 'channel',
  },
  {
    id: 'events/language-code', title: 'Every event has an uppercase two-letter language code', severity: 'fail',
    reads: ['language'], violation: codeViolation('language', '[A-Z]{2}', 'allowed_languages'), value: 'language',
  },
  {
    id: 'events/currency-code', title: 'Every event has an uppercase three-letter currency code', severity: 'fail',
    reads: ['currency'], violation: codeViolation('currency', '[A-Z]{3}', 'allowed_currencies'), value: 'currency',
  },
  {
    id: 'events/browser-id-uuid', title: 'Every event has a UUID browser_id', severity: 'fail', reads: ['browser_id'],
    violation: `browser_id IS NULL OR NOT regexp_full_match(browser_id, '${UUID}')`, value: 'browser_id',
  },
  {
    id: 'events/pos-present', title: 'Every event names a declared point of sale', severity: 'fail', reads: ['pos'],
    violation: "pos IS NULL OR trim(pos) = '' OR (len(allowed_pos) > 0 AND NOT list_contains(allowed_pos, pos))",
    value: 'pos',
  },
  {
    id: 'events/add-product-fields', title: 'ADD events carry every product field', severity: 'fail',
    reads: ['type', 'product', 'product_fields'], appliesTo: IS_ADD,
    violation: `coalesce(json_type(product), '') <> 'OBJECT' OR ${missingProductFields} <> ''`,
    value: `coalesce(nullif(${missingProductFields}, ''), 'product is not an object')`,
  },
  {
    id: 'events/add-quantity', title: 'ADD quantities are integers above zero', severity: 'fail',
    reads: ['type', 'product'], appliesTo: IS_ADD,
    violation: `json_type(product, '$.quantity') NOT IN ${INTEGER_TYPES} OR TRY_CAST(product->>'$.quantity' AS HUGEINT) <= 0`,
    value: "product->'$.quantity'",
  },
  {
    id: 'events/add-price', title: 'ADD prices are numbers', severity: 'fail', reads: ['type', 'product'],
    appliesTo: IS_ADD, violation: `json_type(product, '$.price') NOT IN ${NUMBER_TYPES}`, value: "product->'$.price'",
  },
  {
    id: 'events/identity-identifiers', title: 'IDENTITY events carry identifiers with id and provider',
    severity: 'fail', reads: ['type', 'identifiers'], appliesTo: "type = 'IDENTITY'",
    violation: `coalesce(json_type(identifiers), '') <> 'ARRAY' OR json_array_length(identifiers) = 0
      OR ${filled('id')} < json_array_length(identifiers) OR ${filled('provider')} < json_array_length(identifiers)`,
    value: 'identifiers',
  },
];

export const EVENT_RULES: readonly EventRule[] = [
  ...CORE_EVENT_RULES, ...JOURNEY_EVENT_RULES, ...IDENTITY_EVENT_RULES, ...SCRIPT_EVENT_RULES,
  ...DECLARED_EVENT_RULES, ...ORDER_EVENT_RULES,
];
