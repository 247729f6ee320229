import { formatPath, type FieldPath } from '../../playbook/yaml.js';
import type { SourceRef } from './model.js';
import { child, type LEntry, type LNode, type Loc } from './tree.js';

/** Helpers that turn tree positions into SourceRefs with field paths (pure). */

export const ref = (at: Loc, path: FieldPath): SourceRef => ({ file: at.file, line: at.line, column: at.column, path: formatPath(path) });

/**
 * Where an entry should be changed: the `<<` that merged it in when it came from an anchor,
 * else its key.
 */
export const entryRef = (entry: LEntry, path: FieldPath): SourceRef => ref(entry.via ?? entry.keyAt, path);

/** The entries of a mapping (none for anything else). */
export function entriesOf(node: LNode | undefined): LEntry[] {
  return node?.kind === 'map' ? [...node.entries.values()] : [];
}

/** The scalars of a list as text (a lone scalar counts as a list of one). */
export function textList(node: LNode | undefined): string[] {
  if (!node) return [];
  const items = node.kind === 'seq' ? node.items : [node];
  return items.flatMap((n) => (n.kind === 'scalar' && n.value !== null ? [String(n.value)] : []));
}

/** The entry at `key`, or the parent's position when it is missing (for "not set" findings). */
export function refAt(parent: { node: LNode | undefined; at: SourceRef; path: FieldPath }, key: string): { entry?: LEntry; at: SourceRef } {
  const entry = child(parent.node, key);
  return entry ? { entry, at: entryRef(entry, [...parent.path, key]) } : { at: parent.at };
}

/** `host[:port]` split; the host lower-cased. */
export function splitHostPort(key: string): { host: string; port?: number } {
  const m = /^(.*?)(?::(\d+))?$/.exec(key.trim());
  const host = (m?.[1] ?? key).toLowerCase();
  return m?.[2] ? { host, port: Number(m[2]) } : { host };
}

/** The object without its undefined fields, so JSON evidence has no empty keys. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
