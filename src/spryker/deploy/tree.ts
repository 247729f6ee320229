import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { Diagnostic } from '../../errors.js';

/**
 * A YAML document as a tree of plain values that remember where they were written. Aliases and
 * YAML 1.1 merge keys (`<<: *anchor`, `<<: [*a, *b]`) are resolved here, the way PyYAML and the
 * Docker SDK's Symfony parser read deploy files: keys written in a mapping win over merged ones,
 * and among merged mappings the first wins.
 */

export interface Loc {
  file: string;
  line: number;
  column: number;
}

export type Scalar = string | number | boolean | null;

export type LNode =
  | { kind: 'map'; entries: Map<string, LEntry>; at: Loc }
  | { kind: 'seq'; items: LNode[]; at: Loc }
  | { kind: 'scalar'; value: Scalar; at: Loc };

export type LMap = Extract<LNode, { kind: 'map' }>;

export interface LEntry {
  key: string;
  keyAt: Loc;
  value: LNode;
  /** Set when the entry came in through a merge key: where that `<<` was written. */
  via?: Loc;
}

/** A YAML problem that stops loading: the position, a message and what to do. */
export class TreeError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(`${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.message}`);
    this.name = 'TreeError';
  }
}

const MAX_ALIAS_DEPTH = 64;

interface Ctx {
  doc: Document.Parsed;
  lines: LineCounter;
  file: string;
  depth: number;
}

const locOf = (ctx: Ctx, node: Node | null | undefined, fallback: Loc): Loc => {
  const offset = node?.range?.[0];
  if (offset === undefined) return fallback;
  const p = ctx.lines.linePos(offset);
  return { file: ctx.file, line: p.line, column: p.col };
};

function problem(file: string, at: { line: number; column: number }, code: string, message: string, hint: string): TreeError {
  return new TreeError({ severity: 'error', code, file, line: at.line, column: at.column, path: '', message, hint });
}

const isMergeKey = (pair: Pair): boolean => isScalar(pair.key) && (pair.key.source === '<<' || typeof pair.key.value === 'symbol');

function scalarOf(value: unknown): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

function convert(node: unknown, ctx: Ctx, fallback: Loc): LNode {
  if (ctx.depth > MAX_ALIAS_DEPTH) throw problem(ctx.file, fallback, 'yaml-alias-depth', 'aliases nest too deeply (a cycle?)', 'an anchor must not refer to itself through aliases');
  if (isAlias(node)) {
    const target = node.resolve(ctx.doc);
    const at = locOf(ctx, node, fallback);
    if (!target) throw problem(ctx.file, at, 'yaml-unknown-anchor', `unknown anchor *${node.source}`, 'define the anchor (&name) before the alias (*name) that uses it');
    return convert(target, { ...ctx, depth: ctx.depth + 1 }, at);
  }
  const at = locOf(ctx, node as Node | undefined, fallback);
  if (isMap(node)) return convertMap(node.items as Pair[], ctx, at);
  if (isSeq(node)) return { kind: 'seq', items: node.items.map((item) => convert(item, ctx, at)), at };
  if (isScalar(node)) return { kind: 'scalar', value: scalarOf(node.value), at };
  return { kind: 'scalar', value: null, at };
}

function keyText(pair: Pair, ctx: Ctx, at: Loc): string {
  if (isScalar(pair.key)) return String(pair.key.value ?? '');
  throw problem(ctx.file, at, 'yaml-complex-key', 'a mapping key is not a plain value', 'deploy files use plain keys (names, host names)');
}

/** The mappings a merge key brings in: an alias, a mapping, or a list of them. */
function mergeSources(pair: Pair, ctx: Ctx, at: Loc): LMap[] {
  const value = pair.value;
  const sources = isSeq(value) ? value.items : [value];
  return sources.map((source) => {
    const node = convert(source, ctx, at);
    if (node.kind !== 'map') throw problem(ctx.file, node.at, 'yaml-bad-merge', 'a merge key (<<) must bring in a mapping', 'write `<<: *anchor` where the anchor names a mapping');
    return node;
  });
}

function convertMap(pairs: Pair[], ctx: Ctx, at: Loc): LMap {
  const entries = new Map<string, LEntry>();
  const merged: { sources: LMap[]; via: Loc }[] = [];
  for (const pair of pairs) {
    const keyAt = locOf(ctx, pair.key as Node, at);
    if (isMergeKey(pair)) {
      merged.push({ sources: mergeSources(pair, ctx, keyAt), via: keyAt });
      continue;
    }
    const key = keyText(pair, ctx, keyAt);
    entries.set(key, { key, keyAt, value: convert(pair.value, ctx, keyAt) });
  }
  for (const { sources, via } of merged) {
    for (const source of sources) {
      // The `<<` in this mapping is the place to change, even when the anchor itself merges another.
      for (const [key, entry] of source.entries) if (!entries.has(key)) entries.set(key, { ...entry, via });
    }
  }
  return { kind: 'map', entries, at };
}

function yamlHint(code: string): string {
  if (code === 'DUPLICATE_KEY') return 'each key may appear once in a mapping; remove or rename the second one';
  if (code === 'TAB_AS_INDENT') return 'YAML does not allow tabs for indentation; use spaces';
  if (code === 'BAD_INDENT' || code === 'MISSING_CHAR') return 'check the indentation: nested keys are indented by the same number of spaces under their parent';
  return 'fix the YAML syntax; quoting values that contain ":" or "#" often helps';
}

/** Parse one YAML file into a located tree; the first syntax error becomes a TreeError. */
export function parseTree(file: string, text: string): LNode {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: true });
  const first = doc.errors[0];
  if (first) {
    const p = lines.linePos(first.pos[0]);
    const message = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw problem(file, { line: p.line, column: p.col }, first.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax', message, yamlHint(first.code));
  }
  return convert(doc.contents, { doc, lines, file, depth: 0 }, { file, line: 1, column: 1 });
}

/** The child at `key` of a mapping, or undefined. */
export function child(node: LNode | undefined, key: string): LEntry | undefined {
  return node?.kind === 'map' ? node.entries.get(key) : undefined;
}

/** The node at a path of mapping keys, or undefined. */
export function dig(node: LNode | undefined, ...keys: string[]): LNode | undefined {
  let cur = node;
  for (const key of keys) cur = child(cur, key)?.value;
  return cur;
}

/** A scalar as text (numbers and booleans too); undefined for missing, null and collections. */
export function text(node: LNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

/**
 * How PHP (and so the Docker SDK's templates) reads a value as a condition: false, null, 0, "" and
 * "0" are false, everything else is true; so `enabled: 'false'` (a string) is true.
 */
export function truthy(node: LNode | undefined): boolean {
  if (!node) return false;
  if (node.kind !== 'scalar') return node.kind === 'map' ? node.entries.size > 0 : node.items.length > 0;
  const v = node.value;
  return !(v === null || v === false || v === 0 || v === '' || v === '0');
}
