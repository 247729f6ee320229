/**
 * The vocabulary of event rules: the fields they may read (DuckDB expressions over the parsed line
 * `j`), the derived per-event values that need other rows (window/semi-join CTEs), and the rule shape.
 * Rule modules import from here only, so event-rules.ts can gather them without import cycles.
 */

/** Fields the rules read, as DuckDB expressions over the parsed line `j` (JSON). */
export const EVENT_FIELDS = {
  type: "j->>'$.type'",
  channel: "j->>'$.channel'",
  language: "j->>'$.language'",
  currency: "j->>'$.currency'",
  browser_id: "j->>'$.browser_id'",
  pos: "j->>'$.pos'",
  page: "j->>'$.page'",
  status: "j->>'$.status'",
  email: "nullif(j->>'$.email', '')",
  dob: "j->>'$.dob'",
  ext: "j->'$.ext'",
  product: "j->'$.product'",
  product_name: "j->>'$.product.name'",
  identifiers: "j->'$.identifiers'",
} as const;

export type EventField = keyof typeof EVENT_FIELDS;

/** Item ids a CONFIRM names: `product` is documented as an array of {item_id}; one object is tolerated. */
const CONFIRM_ITEMS = `CASE json_type(product) WHEN 'ARRAY' THEN json_extract_string(product, '$[*].item_id')
  WHEN 'OBJECT' THEN [product->>'$.item_id'] ELSE [] END`;

/**
 * Values that depend on other events, each a SELECT over the field CTE `f` returning (file, line, <name>)
 * for the events it knows about; the compiler LEFT JOINs them back, so other events see NULL.
 */
export const DERIVED_FIELDS = {
  /**
   * CONFIRM item ids without an ADD of the same item_id by the same browser_id earlier in (file, line)
   * order: a semi-join against each (browser_id, item_id)'s first ADD. '(no item_id)' for an empty CONFIRM.
   */
  confirm_missing: {
    reads: ['type', 'browser_id', 'product'],
    sql: `SELECT conf.file, conf.line, list(coalesce(conf.item, '(no item_id)') ORDER BY conf.item)
        FILTER (WHERE adds.first IS NULL OR adds.first >= {'file': conf.file, 'line': conf.line}) AS confirm_missing
      FROM (SELECT file, line, browser_id, nullif(raw_item, '') AS item
            FROM (SELECT file, line, browser_id, unnest(CASE WHEN len(items) = 0 THEN [NULL] ELSE items END) AS raw_item
                  FROM (SELECT file, line, browser_id, ${CONFIRM_ITEMS} AS items FROM f WHERE type = 'CONFIRM'))) conf
      LEFT JOIN (SELECT browser_id, product->>'$.item_id' AS item, min({'file': file, 'line': line}) AS first
                 FROM f WHERE type = 'ADD' AND browser_id IS NOT NULL GROUP BY ALL) adds
        ON adds.browser_id = conf.browser_id AND adds.item = conf.item
      GROUP BY conf.file, conf.line`,
  },
  /** Extension keys after the SDK's flattening (nested objects joined with `_`; an array is one value). */
  ext_keys: {
    reads: ['ext'],
    sql: `SELECT f.file, f.line, count(*) FILTER (WHERE t.type <> 'OBJECT' AND t.fullkey NOT LIKE '%[%') AS ext_keys
      FROM f, json_tree(f.ext) t WHERE json_type(f.ext) = 'OBJECT' GROUP BY f.file, f.line`,
  },
} as const satisfies Record<string, { reads: readonly EventField[]; sql: string }>;

export type DerivedField = keyof typeof DERIVED_FIELDS;

/** A SQL violation that is only a candidate: JS confirms each distinct (text, language) pair. */
export interface ScriptConfirm {
  kind: 'script-mismatch';
  /** SQL: the text to judge (full length, not shortened). */
  text: string;
  /** SQL: the event's declared language. */
  language: string;
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
  /** When set, `violation` marks candidates and only confirmed ones count (event-rules-confirm.ts). */
  confirm?: ScriptConfirm;
}

export function quoted(values: readonly string[]): string {
  return values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');
}
