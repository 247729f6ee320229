// Writes schema/*.json from the zod schemas. Run with `npm run schema`; a test fails when they are stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonSchemas } from '../src/playbook/json-schema.js';

const dir = path.resolve(import.meta.dirname, '..', 'schema');
mkdirSync(dir, { recursive: true });
for (const [file, schema] of Object.entries(jsonSchemas())) writeFileSync(path.join(dir, file), `${JSON.stringify(schema, null, 2)}\n`);
process.stdout.write(`wrote ${Object.keys(jsonSchemas()).length} schemas to schema/\n`);
