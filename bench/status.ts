// Wall time of `golive status` on a 200-task project, next to `node -e ''` measured in the same run.
// Run: npm run bench. Prints medians and the ratio; no assertion (timings never gate the test suite).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'golive.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function projectWith200Tasks(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'golive-bench-'));
  // The two vendor playbooks give 131 tasks with web-launch; 69 project tasks make 200.
  const added = Array.from({ length: 69 }, (_, i) => `    - id: bench.task-${i}
      title: Bench task ${i} is done
      area: planning
      why: A realistic project adds its own tasks next to the vendor playbooks.
      how: Nothing to do; this task exists to size the benchmark project.
      owner: delivery-lead
      due: T-${(i % 6) + 1}w
      severity: ${['blocker', 'major', 'minor'][i % 3]}
      reason: benchmark size`).join('\n');
  writeFileSync(path.join(dir, 'golive.yaml'), `id: bench
name: Bench shop
goLive: 2027-02-15T09:00
timeZone: Europe/Berlin
playbooks: [spryker-cloud, sitecore-cdp-personalize]
people:
  - { id: dana, name: Dana, roles: [delivery-lead, product, tech-lead, developer, ops, qa, seo, support, security, marketing, legal, data, cx, marketing-ops] }
overrides:
  add:
${added}
`);
  return dir;
}

function time(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): number[] {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    samples.push(ms);
  }
  return samples.sort((a, b) => a - b);
}

const median = (s: number[]) => s[Math.floor(s.length / 2)] ?? NaN;

const dir = projectWith200Tasks();
const env: NodeJS.ProcessEnv = { ...process.env, GOLIVE_NOW: '2027-01-11T10:00:00Z', GOLIVE_ACTOR: 'bench' };
delete env.DATABASE_URL;
// Create the store and some history outside the timed runs.
for (const id of ['web.launch-plan', 'web.dns-access', 'bench.task-1', 'bench.task-2']) spawnSync(process.execPath, [BIN, 'task', id, 'done'], { cwd: dir, env });
const tasks = JSON.parse(spawnSync(process.execPath, [BIN, 'plan', '--json'], { cwd: dir, env }).stdout.toString()).plan.tasks.length;

const baseline = time(process.execPath, ['-e', ''], dir, env);
const rows = [
  ['node -e \'\' (reference)', baseline],
  ['golive validate (no store)', time(process.execPath, [BIN, 'validate'], dir, env)],
  ['golive status', time(process.execPath, [BIN, 'status'], dir, env)],
  ['golive gate', time(process.execPath, [BIN, 'gate'], dir, env)],
] as const;
process.stdout.write(`golive on a ${tasks}-task project, ${RUNS} runs each, median wall time (min..max)\n`);
for (const [name, s] of rows) {
  process.stdout.write(`  ${name.padEnd(30)} ${median(s).toFixed(0).padStart(6)} ms  (${s[0]?.toFixed(0)}..${s[s.length - 1]?.toFixed(0)})  ratio ${(median(s) / median(baseline)).toFixed(1)}x\n`);
}
