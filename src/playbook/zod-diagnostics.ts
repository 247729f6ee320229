import { z } from 'zod';
import type { Diagnostic } from '../errors.js';
import { suggestion } from '../lib/suggest.js';
import { diagnosticAt, type FieldPath, type YamlFile } from './yaml.js';

type Issue = z.core.$ZodIssue;

/** The schema that validates the value at `path`, looking through optional, default, union and record. */
export function schemaAt(schema: z.ZodType, path: FieldPath): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const part of path) {
    current = unwrap(current);
    if (current instanceof z.ZodObject) current = (current.shape as Record<string, z.ZodType>)[String(part)];
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else if (current instanceof z.ZodRecord) current = current.valueType as z.ZodType;
    else if (current instanceof z.ZodUnion) {
      const options = current.options as z.ZodType[];
      current = options.map((o) => schemaAt(o, [part])).find((s) => s !== undefined);
    } else return undefined;
    if (!current) return undefined;
  }
  return unwrap(current);
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) {
    s = s.unwrap() as z.ZodType;
  }
  return s;
}

/** The first description on the way to `path`, including on optional wrappers. */
function describeAt(schema: z.ZodType, path: FieldPath): string | undefined {
  if (path.length === 0) return schema.description;
  const parent = schemaAt(schema, path.slice(0, -1));
  const part = path[path.length - 1];
  let field: z.ZodType | undefined;
  if (parent instanceof z.ZodObject) field = (parent.shape as Record<string, z.ZodType>)[String(part)];
  else if (parent instanceof z.ZodArray) field = parent.element as z.ZodType;
  else if (parent instanceof z.ZodRecord) field = parent.valueType as z.ZodType;
  for (let s = field; s; s = s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable ? (s.unwrap() as z.ZodType) : undefined) {
    if (s.description) return s.description;
  }
  return schemaAt(schema, path)?.description;
}

const TYPE_NAMES: Record<string, string> = { array: 'a list', object: 'a mapping', string: 'text', number: 'a number', boolean: 'true or false', record: 'a mapping' };

function objectKeys(schema: z.ZodType, path: FieldPath): string[] {
  const s = schemaAt(schema, path);
  if (s instanceof z.ZodObject) return Object.keys(s.shape as object).filter((k) => k !== '$schema');
  if (s instanceof z.ZodUnion) {
    const objects = (s.options as z.ZodType[]).filter((o) => o instanceof z.ZodObject) as z.ZodObject[];
    return objects.flatMap((o) => Object.keys(o.shape));
  }
  return [];
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(yaml: YamlFile, path: FieldPath): unknown {
  const node = yaml.doc.getIn(path as (string | number)[]);
  return node && typeof node === 'object' && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node;
}

/** Every zod issue as a diagnostic with a position, a field path and a hint. */
export function zodDiagnostics(yaml: YamlFile, schema: z.ZodType, issues: readonly Issue[]): Diagnostic[] {
  return issues.flatMap((issue) => issueDiagnostics(yaml, schema, issue, []));
}

/**
 * Issues of a schema that validates only part of a file (a rule's options under `with:`): `base`
 * is where that part sits in the file; field names and hints come from the part's own schema.
 */
export function zodDiagnosticsAt(yaml: YamlFile, base: FieldPath, schema: z.ZodType, issues: readonly Issue[]): Diagnostic[] {
  return issues.flatMap((issue) => issueDiagnostics(yaml, schema, issue, [], base));
}

/** `prefix` is the path inside `schema`; `base` where the schema's value sits in the file. */
function issueDiagnostics(yaml: YamlFile, schema: z.ZodType, issue: Issue, prefix: FieldPath, base: FieldPath = []): Diagnostic[] {
  const path = [...prefix, ...(issue.path as (string | number)[])];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = objectKeys(schema, path);
      return issue.keys.map((key) =>
        diagnosticAt(yaml, [...base, ...path, key], {
          code: 'unknown-key',
          message: `unknown key "${key}"`,
          hint: `${suggestion(key, allowed, 'key')}`,
          atKey: true,
        }),
      );
    }
    case 'invalid_type': {
      const value = valueAt(yaml, [...base, ...path]);
      const field = path[path.length - 1];
      if (value === undefined && typeof field === 'string') {
        const description = describeAt(schema, path);
        return [
          diagnosticAt(yaml, [...base, ...path], {
            code: 'missing-field',
            message: `missing required field "${field}"`,
            hint: description ? `add ${field}: ${description}` : `add ${field}`,
          }),
        ];
      }
      return [
        diagnosticAt(yaml, [...base, ...path], {
          code: 'wrong-type',
          message: `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describe(value)}`,
          hint: describeAt(schema, path) ?? `change the value to ${TYPE_NAMES[issue.expected] ?? issue.expected}`,
        }),
      ];
    }
    case 'invalid_value': {
      const value = valueAt(yaml, [...base, ...path]);
      const allowed = issue.values.map(String);
      return [
        diagnosticAt(yaml, [...base, ...path], {
          code: 'invalid-value',
          message: `${describe(value)} is not allowed here`,
          hint: `${suggestion(String(value), allowed)} (one of ${allowed.join(', ')})`,
        }),
      ];
    }
    case 'invalid_union': {
      // Report the branch that got furthest: the one with the fewest issues.
      const branches = issue.errors.filter((b) => b.length > 0);
      const best = branches.sort((a, b) => a.length - b.length)[0];
      if (best) return best.flatMap((inner) => issueDiagnostics(yaml, schema, inner, path, base));
      break;
    }
    default:
      break;
  }
  return [
    diagnosticAt(yaml, [...base, ...path], {
      code: 'invalid-value',
      message: issue.message,
      hint: describeAt(schema, path) ?? 'see the JSON Schema in schema/ for what is expected',
    }),
  ];
}
