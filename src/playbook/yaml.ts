import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../errors.js';

export type FieldPath = readonly (string | number)[];

/** A parsed YAML file that can answer "where is this field?" for diagnostics. */
export interface YamlFile {
  /** Path as shown to the user. */
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

export function parseYaml(file: string, text: string): { yaml: YamlFile; diagnostics: Diagnostic[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const yaml: YamlFile = { file, doc, lines };
  const seenLines = new Set<number>();
  const diagnostics: Diagnostic[] = doc.errors.flatMap((e) => {
    const pos = lines.linePos(e.pos[0]);
    // One error per line: the first is the cause, the rest of a line's errors follow from it.
    if (seenLines.has(pos.line)) return [];
    seenLines.add(pos.line);
    return [{
      severity: 'error',
      code: e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax',
      file,
      line: pos.line,
      column: pos.col,
      path: '',
      message: firstLine(e.message),
      hint: yamlHint(e.code),
    } satisfies Diagnostic];
  });
  return { yaml, diagnostics };
}

function firstLine(s: string): string {
  return s.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? s;
}

function yamlHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each key may appear once in a mapping; remove or rename the second one';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation: nested fields are indented by the same number of spaces under their parent';
    case 'TAB_AS_INDENT':
      return 'YAML does not allow tabs for indentation; use spaces';
    default:
      return 'fix the YAML syntax; quoting values that contain ":" or "#" often helps';
  }
}

/** `people[1].roles[0]`, `environments.production.url`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

function child(node: unknown, key: string | number): { key?: Node; value?: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
    return pair ? { key: pair.key as Node, value: pair.value } : undefined;
  }
  if (isSeq(node) && typeof key === 'number') {
    const item = node.items[key];
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
}

/**
 * Position of the field at `path`, or of its deepest existing ancestor.
 * With `atKey`, points at the key of the last path element instead of its value.
 */
export function locate(yaml: YamlFile, path: FieldPath, atKey = false): { line: number; column: number } {
  let node: unknown = yaml.doc.contents;
  let best: Node | undefined = isNode(node) ? node : undefined;
  for (let i = 0; i < path.length; i++) {
    const next = child(node, path[i] as string | number);
    if (!next) break;
    const last = i === path.length - 1;
    const target = last && atKey && next.key ? next.key : next.value;
    if (isNode(target)) best = target;
    else if (next.key) best = next.key;
    node = next.value;
  }
  const offset = best?.range?.[0] ?? 0;
  const pos = yaml.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** A diagnostic placed at `path` in `yaml`. */
export function diagnosticAt(
  yaml: YamlFile,
  path: FieldPath,
  d: { code: string; message: string; hint?: string; severity?: 'error' | 'warning'; atKey?: boolean },
): Diagnostic {
  const { line, column } = locate(yaml, path, d.atKey);
  return {
    severity: d.severity ?? 'error',
    code: d.code,
    file: yaml.file,
    line,
    column,
    path: formatPath(path),
    message: d.message,
    ...(d.hint ? { hint: d.hint } : {}),
  };
}
