/**
 * Measures `golive data validate` (its native engine, and its DuckDB engine for comparison) on a
 * generated export (bench/data/generate.ts) and checks both found exactly the planted defects. Runs the real CLI as a child process (node bin/golive.js data validate
 * --json --examples 1000, in the export's folder so its golive.yaml declares the tenant facts) and,
 * in the same run, the two references: a DuckDB scan that only materialises the columns the rules
 * read, and a plain Node readline + JSON.parse loop applying the same rules. Two bounds explain the
 * ratio to the scan: the line-exact floor (reading and parsing every line apart, no rule) and the
 * rules ceiling (every rule over DuckDB's own JSON reader, not line-exact).
 *
 *   npm run build && npx tsx bench/data/validate.ts /tmp/golive-bench-data/events.ndjson [--no-node] [--no-duckdb]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { EVENT_KEYS } from '../../src/data/event-rules-fields.js';
import { compileExamples, compileRows, countStage, startRules } from '../../src/data/event-rules-sql.js';
import { EVENT_RULES } from '../../src/data/event-rules.js';
import { isGzip } from '../../src/data/gzip.js';
import { DEFAULT_MAX_LINE_BYTES, fileScanSource, validJsonObjectSql } from '../../src/data/read.js';
import { DECLARED, type Manifest } from './generate.js';
import { nodeLoop } from './node-rules.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface RuleJson { id: string; violations: number; examples: { line: number }[] }
interface Doc { lines: number; validLines: number; invalidLineCount: number; invalidLines: { line: number }[]; rules: RuleJson[] }

export interface CliRun { seconds: number; maxRssMb: number; code: number | null; doc: Doc | undefined; stderr: string }

/** The CLI in a child process; its peak RSS is read inside it at exit (process.resourceUsage().maxRSS). */
export function runCli(file: string, engine: 'native' | 'duckdb' = 'native'): CliRun {
  const dir = mkdtempSync(path.join(tmpdir(), 'golive-bench-rss-'));
  const rss = path.join(dir, 'rss');
  const preload = path.join(dir, 'rss.mjs');
  writeFileSync(preload, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(rss)}, String(process.resourceUsage().maxRSS)));\n`);
  try {
    const started = performance.now();
    const child = spawnSync(process.execPath, ['--import', preload, path.join(ROOT, 'bin', 'golive.js'), 'data', 'validate', '--json', '--examples', '1000', '--engine', engine, path.basename(file)],
      { cwd: path.dirname(file), encoding: 'utf8', maxBuffer: 1 << 30 });
    const seconds = (performance.now() - started) / 1000;
    const doc = child.stdout ? (JSON.parse(child.stdout) as Doc) : undefined;
    return { seconds, maxRssMb: Number(readFileSync(rss, 'utf8')) / 1024, code: child.status, doc, stderr: child.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Differences between what the CLI found and what was planted (empty = exact). */
export function compare(doc: Doc, m: Manifest): string[] {
  const problems: string[] = [];
  const same = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
  if (doc.lines !== m.lines) problems.push(`lines ${doc.lines}, expected ${m.lines}`);
  if (doc.validLines !== m.validLines) problems.push(`valid lines ${doc.validLines}, expected ${m.validLines} (a valid line was lost or a broken one accepted)`);
  const broken = m.brokenLines.map((b) => b.line);
  if (!same(doc.invalidLines.map((l) => l.line), broken) || doc.invalidLineCount !== broken.length) problems.push(`invalid lines differ from the ${broken.length} planted`);
  for (const r of doc.rules) {
    const planted = m.defects[r.id] ?? [];
    const found = r.examples.map((e) => e.line).sort((a, b) => a - b);
    if (r.violations !== planted.length || !same(found, planted)) {
      const missed = planted.filter((l) => !found.includes(l)).slice(0, 5);
      const extra = found.filter((l) => !planted.includes(l)).slice(0, 5);
      problems.push(`${r.id}: ${r.violations} found, ${planted.length} planted (missed ${missed.join(',') || '-'}; extra ${extra.join(',') || '-'})`);
    }
  }
  for (const id of Object.keys(m.defects)) if (!doc.rules.some((r) => r.id === id)) problems.push(`${id}: no result`);
  return problems;
}

/** DuckDB reading the export and materialising only the top-level keys the rules read (count of each column). */
export async function duckDbColumnScan(file: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const db = await instance.connect();
  try {
    const counts = Object.keys(EVENT_KEYS).map((k) => `count("${k}")`).join(', ');
    const started = performance.now();
    await db.runAndReadAll(`SELECT ${counts} FROM ${readJsonSql(file)}`);
    return (performance.now() - started) / 1000;
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

/**
 * The least a line-exact validator does, with no rule: every physical line read as it is (golive's own
 * line source, so broken lines stay apart and keep their numbers, trap 1), tested for being a JSON object,
 * and parsed once into the same keys. The column scan does neither, so this bounds the ratio any
 * line-exact validation can reach against it.
 */
export async function lineExactFloor(file: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const db = await instance.connect();
  try {
    const spec = JSON.stringify(EVENT_KEYS);
    const counts = Object.keys(EVENT_KEYS).map((k) => `count(s."${k}")`).join(', ');
    const source = fileScanSource(file, await isGzip(file), DEFAULT_MAX_LINE_BYTES, 0, false);
    const started = performance.now();
    await db.runAndReadAll(`SELECT count(*) FILTER (WHERE valid), ${counts} FROM (SELECT valid, CASE WHEN valid THEN from_json(raw, '${spec}') END AS s
      FROM (SELECT raw, ${validJsonObjectSql('raw')} AS valid FROM (${source})))`);
    return (performance.now() - started) / 1000;
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

/** read_json of the keys the rules read, as DuckDB reads NDJSON itself (no line numbers; trap 1 applies). */
function readJsonSql(file: string): string {
  const columns = Object.entries(EVENT_KEYS).map(([k, t]) => `'${k}': '${t}'`).join(', ');
  return `read_json('${file.replaceAll("'", "''")}', format='newline_delimited', columns={${columns}}, ignore_errors=true, maximum_object_size=67108864)`;
}

/**
 * The same compiled rules as golive (every rule, the staged masks, the counts and the first examples),
 * but over read_json's columns instead of golive's line-exact read: no broken line is reported or
 * kept apart (trap 1) and no line is numbered. What it costs above the column scan is what the rules
 * alone cost, so its ratio is the best any validator of these rules reaches on this engine.
 * Returns the time and the violations per rule, which match golive's where no line was lost.
 */
export async function rulesCeiling(file: string): Promise<{ seconds: number; violations: Record<string, number> }> {
  const spill = mkdtempSync(path.join(tmpdir(), 'golive-bench-ceiling-'));
  const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '512MB', temp_directory: spill });
  const db = await instance.connect();
  try {
    await db.run("SET disabled_optimizers = 'in_clause'");
    const run = await startRules(db, EVENT_RULES, {
      languages: DECLARED.languages, currencies: DECLARED.currencies, pointsOfSale: DECLARED.pointsOfSale.map((p) => p.name),
      identityRules: DECLARED.identityRules, customEvents: DECLARED.customEvents, extensions: DECLARED.extensions,
      posChannels: DECLARED.pointsOfSale.flatMap((p) => (p.channel === undefined ? [] : [{ name: p.name, channel: p.channel }])),
    }, 5, 5);
    const struct = `{${Object.keys(EVENT_KEYS).map((k) => `'${k}': "${k}"`).join(', ')}}`;
    const parsed = `SELECT NULL AS f, NULL AS k, NULL::VARCHAR AS raw, true AS valid, ${struct} AS s FROM ${readJsonSql(file)}`;
    const started = performance.now();
    await db.run(`CREATE TEMP TABLE golive_rows AS ${compileRows(run.rules, '', false, parsed)}`, run.bound.values, run.bound.types);
    const counts = await countStage(db, run);
    await db.runAndReadAll(compileExamples(run.rules, 'CAST(0 AS INTEGER) AS f, rowid + 1 AS k, *', run.keep), { invalid: run.maxInvalid });
    const seconds = (performance.now() - started) / 1000;
    return { seconds, violations: Object.fromEntries(run.rules.map((r, i) => [r.id, counts.violations[i] ?? 0])) };
  } finally {
    db.closeSync();
    instance.closeSync();
    rmSync(spill, { recursive: true, force: true });
  }
}

export interface Figures {
  cli: CliRun; problems: string[]; duckdb?: number; floor?: number;
  /** The same CLI on its DuckDB engine (--engine duckdb), and what it got wrong (empty = exact). */
  sqlEngine?: { cli: CliRun; problems: string[] };
  ceiling?: { seconds: number; violations: Record<string, number> };
  node?: { seconds: number; mismatches: string[] };
}

export async function measure(file: string, options: { node: boolean; duckdb: boolean }): Promise<Figures> {
  const manifest = JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8')) as Manifest;
  const cli = runCli(file);
  const problems = cli.doc === undefined ? [`the CLI printed no JSON (exit ${cli.code}): ${cli.stderr.slice(0, 500)}`] : compare(cli.doc, manifest);
  const figures: Figures = { cli, problems };
  if (options.duckdb) {
    const sql = runCli(file, 'duckdb');
    figures.sqlEngine = { cli: sql, problems: sql.doc === undefined ? [`no JSON (exit ${sql.code}): ${sql.stderr.slice(0, 300)}`] : compare(sql.doc, manifest) };
    figures.duckdb = await duckDbColumnScan(file);
    figures.floor = await lineExactFloor(file);
    figures.ceiling = await rulesCeiling(file);
  }
  if (options.node) {
    const started = performance.now();
    const loop = await nodeLoop(file, DECLARED);
    const seconds = (performance.now() - started) / 1000;
    const mismatches = (cli.doc?.rules ?? []).filter((r) => (loop.violations[r.id] ?? 0) !== r.violations).map((r) => `${r.id} ${loop.violations[r.id] ?? 0} vs ${r.violations}`);
    figures.node = { seconds, mismatches };
  }
  return figures;
}

export function report(file: string, f: Figures): string {
  const m = JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8')) as Manifest;
  const mb = statSync(file).size / 1e6;
  const out = [
    `export: ${file} · ${m.events} events, ${m.lines} lines, ${mb.toFixed(0)} MB (seed ${m.seed})`,
    `golive data validate (node bin/golive.js data validate --json --examples 1000 --engine native, child process): ${f.cli.seconds.toFixed(2)} s · ${(m.events / f.cli.seconds / 1e3).toFixed(0)} k events/s · ${(mb / f.cli.seconds).toFixed(0)} MB/s · peak RSS ${f.cli.maxRssMb.toFixed(0)} MB · exit ${f.cli.code}`,
  ];
  if (f.duckdb !== undefined) out.push(`DuckDB column scan (read_json, ${Object.keys(EVENT_KEYS).length} columns, 2 threads): ${f.duckdb.toFixed(2)} s · ratio ${(f.duckdb / f.cli.seconds).toFixed(2)} (target >= 0.5)`);
  if (f.duckdb !== undefined && f.sqlEngine !== undefined) {
    const sql = f.sqlEngine;
    out.push(`golive data validate --engine duckdb (the rules as SQL, the fallback when the native engine is not built): ${sql.cli.seconds.toFixed(2)} s · peak RSS ${sql.cli.maxRssMb.toFixed(0)} MB · ratio to the column scan ${(f.duckdb / sql.cli.seconds).toFixed(2)} · ${sql.problems.length === 0 ? 'exact' : `NOT EXACT: ${sql.problems.slice(0, 3).join('; ')}`}`);
  }
  if (f.duckdb !== undefined && f.floor !== undefined) {
    out.push(`DuckDB engine bound, line-exact floor (every line read apart, tested as a JSON object, parsed once; no rule): ${f.floor.toFixed(2)} s · ratio to the column scan ${(f.duckdb / f.floor).toFixed(2)}, the best a line-exact validator on DuckDB reaches here`);
  }
  if (f.duckdb !== undefined && f.ceiling !== undefined) {
    const rules = f.cli.doc?.rules ?? [];
    const same = rules.filter((r) => (f.ceiling?.violations[r.id] ?? -1) === r.violations).length;
    out.push(`DuckDB engine bound, rules ceiling (golive's compiled rules, counts and examples, over read_json's columns: no line numbers, broken lines not kept apart): ${f.ceiling.seconds.toFixed(2)} s · ratio to the column scan ${(f.duckdb / f.ceiling.seconds).toFixed(2)}, the best any validator of these rules reaches on this engine; ${same} of ${rules.length} rules count what golive counts (the others judge broken lines as empty events, and the CONFIRM-after-ADD join, judged after the scan, is not run)`);
  }
  if (f.node !== undefined) {
    out.push(`Node readline + JSON.parse + the same rules: ${f.node.seconds.toFixed(2)} s · golive is ${(f.node.seconds / f.cli.seconds).toFixed(1)}x faster (target >= 5)`);
    out.push(f.node.mismatches.length === 0 ? 'Node loop cross-check: the same violation count for every rule' : `Node loop cross-check differs: ${f.node.mismatches.join('; ')}`);
  }
  const planted = Object.values(m.defects).reduce((s, l) => s + l.length, 0);
  out.push(f.problems.length === 0
    ? `exact: every planted defect (${planted} rule hits on ${Object.keys(m.defects).length} rules) and all ${m.brokenLines.length} broken lines found at their line, nothing else; all ${m.validLines} valid lines read`
    : `NOT EXACT:\n  ${f.problems.join('\n  ')}`);
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const file = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(tmpdir(), 'golive-bench-data', 'events.ndjson'));
  const figures = await measure(file, { node: !args.includes('--no-node'), duckdb: !args.includes('--no-duckdb') });
  process.stdout.write(`${report(file, figures)}\n`);
  if (figures.problems.length > 0 || (figures.sqlEngine?.problems.length ?? 0) > 0) process.exitCode = 1;
}
