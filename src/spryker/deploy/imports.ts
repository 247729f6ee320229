import type { LEntry, LNode } from './tree.js';

/**
 * The Docker SDK's `imports:` semantics, on located trees (pure):
 * - an importing file wins over what it imports (PHP `array_replace_recursive(imported, importing)`):
 *   mappings merge key by key, lists merge index by index, anything else is replaced;
 * - `%name%` in a template's keys and string values is replaced from the import's `parameters`
 *   (merged over the parameters of the file that imports it). Like the SDK, only the first
 *   placeholder name in a string is replaced; the rest stay and are reported as placeholders.
 */

const PARAM = /%([^%\s]+)%/;

/** `value` with the first `%name%` replaced when `params` has `name`. */
export function substitute(value: string, params: Record<string, string>): string {
  const match = PARAM.exec(value);
  if (!match) return value;
  const replacement = params[match[1]!];
  return replacement === undefined ? value : value.split(match[0]).join(replacement);
}

/** The tree with parameters substituted in keys and string values. */
export function withParameters(node: LNode, params: Record<string, string>): LNode {
  if (Object.keys(params).length === 0) return node;
  if (node.kind === 'scalar') return typeof node.value === 'string' ? { ...node, value: substitute(node.value, params) } : node;
  if (node.kind === 'seq') return { ...node, items: node.items.map((item) => withParameters(item, params)) };
  const entries = new Map<string, LEntry>();
  for (const entry of node.entries.values()) {
    const key = substitute(entry.key, params);
    entries.set(key, { ...entry, key, value: withParameters(entry.value, params) });
  }
  return { ...node, entries };
}

/** `high` over `low`: what the importing file writes wins; `low` fills the gaps. */
export function mergeOver(high: LNode, low: LNode): LNode {
  if (high.kind === 'map' && low.kind === 'map') {
    const entries = new Map<string, LEntry>();
    for (const [key, entry] of low.entries) {
      const mine = high.entries.get(key);
      entries.set(key, mine ? { ...mine, value: mergeOver(mine.value, entry.value) } : entry);
    }
    // Keys only the importing file has come after, as PHP appends new keys.
    for (const [key, entry] of high.entries) if (!entries.has(key)) entries.set(key, entry);
    return { ...high, entries };
  }
  if (high.kind === 'seq' && low.kind === 'seq') {
    const items = low.items.map((item, i) => (high.items[i] ? mergeOver(high.items[i], item) : item));
    return { ...high, items: [...items, ...high.items.slice(low.items.length)] };
  }
  return high;
}

/** Parameters as text: numbers and booleans are written the way PHP would print them. */
export function parametersOf(node: LNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (node?.kind !== 'map') return out;
  for (const [key, entry] of node.entries) {
    const v = entry.value;
    if (v.kind === 'scalar') out[key] = v.value === true ? '1' : v.value === false || v.value === null ? '' : String(v.value);
  }
  return out;
}
