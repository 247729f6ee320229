// Identity stitching at scale: a seeded event export and guest export with planted defects
// (bench/data/identities-generate.ts), stitched by the built library in a child process, so that
// the child's peak RSS is the stitching's own. Prints the time per phase, the total against the
// target (15 s, 3 GB for 10 M events and 2 M guests) and whether every planted defect was found exactly.
// CPU seconds (DuckDB's threads and JavaScript together) are printed too: on a machine busy with
// other work they move far less than the wall time, so two builds compare on them. A reference in
// the same run, DuckDB only reading the fields stitching needs from the same files, tells how fast the
// machine was: its ratio to the stitching compares runs on different days or machines.
// Run: npm run build && npx tsx bench/data/identities.ts [--events 10000000] [--guests 2000000] [--seed 7]
//      [--library other/dist/data/identities.js] (another build of the library, e.g. the previous commit's)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import type { IdentitiesResult } from '../../src/data/identities.js';
import { generate, type Planted } from './identities-generate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const { values } = parseArgs({ options: {
  events: { type: 'string', default: '10000000' }, guests: { type: 'string', default: '2000000' },
  seed: { type: 'string', default: '7' }, dir: { type: 'string' }, library: { type: 'string' },
} });
const LIBRARY = path.resolve(values.library ?? path.join(ROOT, 'dist', 'data', 'identities.js'));
const events = Number(values.events);
const guests = Number(values.guests);
const seed = Number(values.seed);

/** Generated files are cached by size and seed: generating 10 M events takes longer than stitching them. */
async function dataset(): Promise<Planted> {
  const dir = values.dir ?? path.join(tmpdir(), `golive-bench-identities-${events}-${guests}-${seed}`);
  const marker = path.join(dir, 'planted.json');
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')) as Planted;
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const planted = await generate({ events, guests, seed, dir });
  writeFileSync(marker, JSON.stringify(planted));
  console.log(`generated ${events} events, ${guests} guests in ${((performance.now() - started) / 1000).toFixed(1)} s: ${dir}`);
  return planted;
}

interface ChildReport { ms: number; cpuMs: number; maxRssKb: number; phases: [string, number, number][]; result: IdentitiesResult }

/** The child imports the built library, stitches once and prints its time, phases and peak RSS. */
function stitchInChild(planted: Planted): ChildReport {
  const script = `
    const { stitchIdentities } = await import(${JSON.stringify(LIBRARY)});
    const phases = [];
    let cpu = process.cpuUsage();
    const cpuSince = () => { const used = process.cpuUsage(cpu); cpu = process.cpuUsage(); return (used.user + used.system) / 1000; };
    const started = performance.now();
    const result = await stitchIdentities({ events: ${JSON.stringify(planted.eventFiles)}, guests: [${JSON.stringify(planted.guestFile)}],
      rules: ${JSON.stringify(planted.rules)}, examples: 5, onPhase: (p, ms) => phases.push([p, ms, cpuSince()]) });
    const ms = performance.now() - started;
    const usage = process.resourceUsage();
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    process.stdout.write(JSON.stringify({ ms, cpuMs, maxRssKb: usage.maxRSS, phases, result }));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { maxBuffer: 1 << 28, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the stitching child failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as ChildReport;
}

/**
 * The reference: DuckDB reading the files with read_json (2 threads), materialising only the fields
 * stitching reads (browser_id, type and identifiers of the events; ref, guestType and identifiers of
 * the guests), best of two runs. No line numbers, no validity, no stitching: the cost of reading alone.
 */
async function readingReference(planted: Planted): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const db = await instance.connect();
  const list = (files: string[]) => `[${files.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ')}]`;
  const sql = [
    `SELECT count(browser_id), count(type), count(identifiers) FROM read_json(${list(planted.eventFiles)}, format='newline_delimited', ignore_errors=true,
      columns={browser_id: 'VARCHAR', type: 'VARCHAR', identifiers: 'STRUCT(provider VARCHAR, id VARCHAR)[]'})`,
    `SELECT count(ref), count(guestType), count(identifiers) FROM read_json(${list([planted.guestFile])}, format='newline_delimited', ignore_errors=true,
      columns={ref: 'VARCHAR', guestType: 'VARCHAR', identifiers: 'STRUCT(provider VARCHAR, id VARCHAR)[]'})`,
  ];
  try {
    let best = Infinity;
    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      for (const q of sql) await db.runAndReadAll(q);
      best = Math.min(best, (performance.now() - started) / 1000);
    }
    return best;
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

/** [what, expected, found] for every planted defect and count. */
function checks(p: Planted, r: IdentitiesResult): [string, number | string, number | string][] {
  const g = r.guests;
  const invalid = r.events.invalidLines.map((l) => `${path.basename(l.file)}:${l.line}`).join(',');
  const shared = r.sharedKeys.examples[0];
  return [
    ['files read', 'all', [...r.events.files, ...(g?.lines.files ?? [])].every((f) => f.error === undefined) ? 'all' : 'not all'],
    ['valid events', p.events, r.events.validLines],
    ['invalid lines (file:line)', p.invalidLines.map((l) => `${path.basename(l.file)}:${l.line}`).join(','), invalid],
    ['browsers', p.browsers, r.browsers],
    ['identified browsers', p.identifiedBrowsers, r.identifiedBrowsers],
    ['ignored identifiers', p.ignoredIdentifiers, r.ignored.reduce((sum, i) => sum + i.count, 0)],
    ['expected persons', p.persons, r.persons],
    ['shared keys', 1, r.sharedKeys.count],
    ['shared key', `${p.sharedKey.provider}:${p.sharedKey.id} ${p.sharedKey.browsers}`, shared ? `${shared.provider}:${shared.id} ${shared.browsers}` : '-'],
    ['guests', p.guests, g?.guests ?? -1],
    ['split persons', p.splitPersons, g?.splitPersons.count ?? -1],
    ['merging guests', p.mergingGuests, g?.mergingGuests.count ?? -1],
    ['unreached browsers', p.unreachedBrowsers, g?.unreached.browsers ?? -1],
    ['unreached identified browsers', p.unreachedIdentifiedBrowsers, g?.unreached.identifiedBrowsers ?? -1],
    ['unreached events', p.unreachedEvents, g?.unreached.events ?? -1],
    ['guests not customers', p.nonCustomerGuests, g?.nonCustomerGuests.count ?? -1],
  ];
}

if (!existsSync(LIBRARY)) throw new Error('build first: npm run build (the child runs dist/data/identities.js)');
const planted = await dataset();
const child = stitchInChild(planted);
console.log(`\nstitching ${events} events and ${guests} guests (2 DuckDB threads, in a child process):`);
for (const [phase, ms, cpuMs] of child.phases) console.log(`  ${phase.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(6)} s   CPU ${(cpuMs / 1000).toFixed(2).padStart(6)} s`);
const seconds = child.ms / 1000;
const gb = child.maxRssKb / 1024 / 1024;
console.log(`  ${'total'.padEnd(34)} ${seconds.toFixed(2).padStart(6)} s   target < 15 s: ${seconds < 15 ? 'met' : 'MISSED'}`);
console.log(`  ${'peak RSS'.padEnd(34)} ${gb.toFixed(2).padStart(6)} GB  target < 3 GB: ${gb < 3 ? 'met' : 'MISSED'}`);
console.log(`  ${'CPU time (all threads)'.padEnd(34)} ${(child.cpuMs / 1000).toFixed(2).padStart(6)} s   load average at the end: ${loadavg()[0]!.toFixed(2)}`);
console.log(`  ${'events/s'.padEnd(34)} ${Math.round(events / seconds).toLocaleString('en')}`);
const reference = await readingReference(planted);
console.log(`  ${'reference: DuckDB reading alone'.padEnd(34)} ${reference.toFixed(2).padStart(6)} s   stitching costs ${(seconds / reference).toFixed(1)}x reading the same files`);
console.log('\nplanted defects and counts (expected = found):');
let wrong = 0;
for (const [what, expected, found] of checks(planted, child.result)) {
  const ok = expected === found;
  if (!ok) wrong += 1;
  console.log(`  ${ok ? 'ok  ' : 'DIFF'} ${what.padEnd(30)} ${String(expected)}${ok ? '' : ` (found ${String(found)})`}`);
}
console.log(wrong === 0 ? '\nevery planted defect found, exactly' : `\n${wrong} differences`);
process.exitCode = wrong === 0 ? 0 : 1;
