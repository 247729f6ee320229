// Writes docs/cli.md from the CLI's own help. Run with `npm run docs`; a test fails when it is stale.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliReference } from '../src/cli/reference.js';

writeFileSync(path.resolve(import.meta.dirname, '..', 'docs', 'cli.md'), await cliReference());
process.stdout.write('wrote docs/cli.md\n');
