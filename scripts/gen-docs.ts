// Writes docs/cli.md from the CLI's own help and docs/rules/ from the rules' metadata.
// Run with `npm run docs`; tests fail when either is stale.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliReference } from '../src/cli/reference.js';
import { builtinRules } from '../src/checks/registry.js';
import { ruleReference } from '../src/checks/reference.js';

const docs = path.resolve(import.meta.dirname, '..', 'docs');
writeFileSync(path.join(docs, 'cli.md'), await cliReference());
const rulesDir = path.join(docs, 'rules');
rmSync(rulesDir, { recursive: true, force: true });
const files = ruleReference([...builtinRules().values()]);
for (const [file, text] of files) {
  mkdirSync(path.dirname(path.join(rulesDir, file)), { recursive: true });
  writeFileSync(path.join(rulesDir, file), text);
}
process.stdout.write(`wrote docs/cli.md and ${files.size} files in docs/rules/\n`);
