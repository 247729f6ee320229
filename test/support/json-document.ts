// Parse what a command printed with --json as the named document: its zod schema (the types) and
// the generated JSON Schema in schema/ (what users validate against) must both accept it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import type { z } from 'zod';
import { JSON_DOCUMENTS, type JsonDocumentKind } from '../../src/report/json-schema.js';
import { ROOT } from './cli.js';

export function parseDocument<K extends JsonDocumentKind>(kind: K, stdout: string): z.infer<(typeof JSON_DOCUMENTS)[K]> {
  const doc = JSON_DOCUMENTS[kind].parse(JSON.parse(stdout)) as z.infer<(typeof JSON_DOCUMENTS)[K]>;
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema', `${kind}.output.schema.json`), 'utf8')) as object;
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  return doc;
}
