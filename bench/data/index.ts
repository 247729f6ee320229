/**
 * The event-validation benchmark in one command: generate a seeded export with planted defects
 * (bench/data/generate.ts), measure `golive data validate` against the DuckDB column scan and the
 * Node readline loop and check it found exactly the planted defects (bench/data/validate.ts), then
 * delete the export.
 *
 *   npm run build
 *   npx tsx bench/data/index.ts                    # 10 million events (about 2.6 GB)
 *   npx tsx bench/data/index.ts --events 1000000   # smaller
 *   npx tsx bench/data/index.ts --bytes 5G --no-node --no-duckdb   # the 5 GB memory run (peak RSS)
 *   options: --seed N, --out FILE (default under the OS temp dir), --keep (leave the export)
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { generateFromArgs } from './generate.js';
import { measure, report } from './validate.js';

const args = process.argv.slice(2);
const flags = new Set(['--keep', '--no-node', '--no-duckdb']);
const generated = generateFromArgs(args.filter((a) => !flags.has(a)));
const { out } = generated.options;
process.stdout.write(`generated ${generated.manifest.events} events in ${generated.seconds.toFixed(1)} s\n`);
try {
  const figures = await measure(out, { node: !args.includes('--no-node'), duckdb: !args.includes('--no-duckdb') });
  process.stdout.write(`${report(out, figures)}\n`);
  if (figures.problems.length > 0 || (figures.sqlEngine?.problems.length ?? 0) > 0) process.exitCode = 1;
} finally {
  if (!args.includes('--keep')) {
    for (const f of [out, `${out}.manifest.json`, path.join(path.dirname(out), 'golive.yaml')]) rmSync(f, { force: true });
  }
}
