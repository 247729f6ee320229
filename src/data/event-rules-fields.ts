/**
 * The vocabulary of event rules: the fields they may read (DuckDB expressions over the line parsed
 * once), the derived per-event values that need other rows, and the rule shape.
 * Rule modules import from here only, so event-rules.ts can gather them without import cycles.
 */

/**
 * Top-level keys of an event, parsed ONCE per line with from_json into a struct `s` (only the keys
 * the chosen rules read). Scalars come back as text (a number 978 as '978'); sub-objects as JSON.
 */
export const EVENT_KEYS = {
  type: 'VARCHAR', channel: 'VARCHAR', language: 'VARCHAR', currency: 'VARCHAR', browser_id: 'VARCHAR',
  pos: 'VARCHAR', page: 'VARCHAR', status: 'VARCHAR', email: 'VARCHAR', dob: 'VARCHAR',
  ext: 'JSON', product: 'JSON', identifiers: 'JSON', order: 'JSON',
} as const;

export type EventKey = keyof typeof EVENT_KEYS;

/** Keys an ADD event's product object must carry. */
export const ADD_PRODUCT_FIELDS = [
  'type', 'item_id', 'name', 'productId', 'referenceId', 'orderedAt', 'quantity', 'price', 'currency',
] as const;

const ADD_PRODUCT_PATHS = ADD_PRODUCT_FIELDS.map((k) => `'$.${k}'`).join(', ');

/** Fields the rules read: DuckDB expressions over the parsed struct `s`, with the keys they need. */
export const EVENT_FIELDS = {
  type: { keys: ['type'], sql: 's.type' },
  channel: { keys: ['channel'], sql: 's.channel' },
  language: { keys: ['language'], sql: 's.language' },
  /** The primary ISO 639-1 subtag, uppercased, like normaliseLanguage (`en-GB` -> `EN`). */
  language_code: { keys: ['language'], sql: "upper(split_part(replace(trim(s.language), '_', '-'), '-', 1))" },
  currency: { keys: ['currency'], sql: 's.currency' },
  browser_id: { keys: ['browser_id'], sql: 's.browser_id' },
  pos: { keys: ['pos'], sql: 's.pos' },
  page: { keys: ['page'], sql: 's.page' },
  status: { keys: ['status'], sql: 's.status' },
  email: { keys: ['email'], sql: "nullif(s.email, '')" },
  dob: { keys: ['dob'], sql: 's.dob' },
  ext: { keys: ['ext'], sql: 's.ext' },
  product: { keys: ['product'], sql: 's.product' },
  product_name: { keys: ['product'], sql: "s.product->>'$.name'" },
  /** The product's ADD_PRODUCT_FIELDS as text (event-rules.ts), in that order, read in one parse. */
  product_fields: { keys: ['product'], sql: `json_extract_string(s.product, [${ADD_PRODUCT_PATHS}])` },
  identifiers: { keys: ['identifiers'], sql: 's.identifiers' },
  /** `order` is an SQL keyword, hence the name. */
  order_data: { keys: ['order'], sql: 's."order"' },
} as const satisfies Record<string, { keys: readonly EventKey[]; sql: string }>;

export type EventField = keyof typeof EVENT_FIELDS;

/** Item ids an event names: an ADD's product.item_id, a CONFIRM's product[].item_id (one object is tolerated). */
const JOURNEY_ITEMS = `CASE WHEN type = 'ADD' THEN [product->>'$.item_id'] WHEN json_type(product) = 'ARRAY' THEN json_extract_string(product, '$[*].item_id')
  WHEN json_type(product) = 'OBJECT' THEN [product->>'$.item_id'] ELSE [] END`;

/**
 * Values that depend on other events. The scan collects, in the same pass, the columns `collect`
 * names for the events `where` selects (a compact list, not the lines); afterwards `sql` runs over
 * them as relation `d(f, k, <columns>)` (f = file position, k = row in the file) and returns
 * (f, k, <name>) for the events it knows about; rules that use the value are judged over
 * `d LEFT JOIN` that result.
 */
export const DERIVED_FIELDS = {
  /**
   * CONFIRM item ids without an ADD of the same item_id by the same browser_id earlier in (file, line)
   * order: a semi-join against each (browser_id, item_id)'s first ADD. '(no item_id)' for an empty CONFIRM.
   */
  confirm_missing: {
    reads: ['type', 'browser_id', 'product'],
    where: "type IN ('ADD', 'CONFIRM')",
    collect: { type: 'type', browser_id: 'browser_id', items: JOURNEY_ITEMS },
    sql: `SELECT conf.f, conf.k, list(coalesce(conf.item, '(no item_id)') ORDER BY conf.item)
        FILTER (WHERE adds.first IS NULL OR adds.first >= {'f': conf.f, 'k': conf.k}) AS confirm_missing
      FROM (SELECT f, k, browser_id, nullif(raw_item, '') AS item
            FROM (SELECT f, k, browser_id, unnest(CASE WHEN len(items) = 0 THEN [NULL] ELSE items END) AS raw_item
                  FROM d WHERE type = 'CONFIRM')) conf
      LEFT JOIN (SELECT browser_id, items[1] AS item, min({'f': f, 'k': k}) AS first
                 FROM d WHERE type = 'ADD' AND browser_id IS NOT NULL GROUP BY ALL) adds
        ON adds.browser_id = conf.browser_id AND adds.item = conf.item
      GROUP BY conf.f, conf.k`,
  },
} as const satisfies Record<string, { reads: readonly EventField[]; where: string; collect: Record<string, string>; sql: string }>;

export type DerivedField = keyof typeof DERIVED_FIELDS;

/** Declared tenant facts the rules compare events with (golive.yaml `cdp:`); empty = not checked. */
export interface RuleParams {
  /** Allowed language codes (uppercase); empty = only the format is checked. */
  languages: readonly string[];
  currencies: readonly string[];
  pointsOfSale: readonly string[];
  /** Providers of the tenant's identity rules (exact case); empty/absent = providers are not checked. */
  identityRules?: readonly string[];
  /** Declared custom event types; empty/absent = only the reserved prefix is checked. */
  customEvents?: readonly string[];
  /** Points of sale with a declared channel; events at other points of sale are not checked against a channel. */
  posChannels?: readonly { name: string; channel: string }[];
  /** Declared extension keys with their minimum fill rate (0..1; absent = reported, never failing). */
  extensions?: readonly { name: string; minFillRate?: number }[];
}

export interface EventRule {
  id: string;
  /** The passing state, e.g. "Event types are uppercase". */
  title: string;
  severity: 'fail' | 'warn';
  reads: readonly EventField[];
  /** Values computed across events (see DERIVED_FIELDS), usable in the SQL below. */
  derived?: readonly DerivedField[];
  /** SQL boolean: which events the rule is about (the rate's denominator). Default: all. */
  appliesTo?: string;
  /** SQL boolean: true when the event breaks the rule. NULL counts as a violation. */
  violation: string;
  /** SQL shown as the example's value (cast to text, shortened). */
  value: string;
  /**
   * A rule per declared item (e.g. per extension key): returns the concrete rules for these params,
   * each with its `subject`; the rule itself never runs. No declared item = no result.
   */
  expand?: (params: RuleParams) => readonly EventRule[];
  /** What one expanded rule is about, e.g. `ext.loyaltyTier`. */
  subject?: string;
  /**
   * Aggregate rule: it holds when the share of applicable events without a violation is at least
   * this (0..1), e.g. a fill rate of 0.95. Without it a rule holds only with no violation at all.
   */
  minPassRate?: number;
  /** Name of that share in reports, e.g. `fill rate`. */
  measure?: string;
}

export function quoted(values: readonly string[]): string {
  return values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');
}
