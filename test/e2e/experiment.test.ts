import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPERIMENT_JSON_DOCUMENTS } from '../../src/report/experiment.js';
import { ROOT, runCli } from '../support/cli.js';

/** `golive experiment plan` and `golive experiment srm` as a user runs them: the built CLI, no project file needed. */
describe('golive experiment', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'dist', 'cli', 'commands', 'experiment.js'))) throw new Error('the CLI is not built with experiment: run npm run build first');
    dir = mkdtempSync(path.join(tmpdir(), 'golive-experiment-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('plan', () => {
    it('prints visitors per variant, the total, the days of traffic and the whole weeks to run', async () => {
      const r = await runCli(['experiment', 'plan', '--baseline', '3%', '--mde', '10%', '--daily-visitors', '20000', '--variants', '2'], dir);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^experiment plan: 53,211 visitors per variant, 106,422 in total · run 7 days \(1 full week\)\n/);
      expect(r.stdout).toContain('  to detect       3.3%: +10% relative (+0.3 percentage points)\n');
      expect(r.stdout).toContain('  significance    α = 5%, two-sided\n');
      expect(r.stdout).toContain('  traffic needed  6 days\n  run for         7 days (1 full week): whole weeks, so every weekday is counted as often as the others (weekly seasonality)\n');
      expect(r.stdout).toContain('z(1−α/s) = 1.9600, z(power) = 0.8416');
      expect(r.stderr).toBe('');
    });

    it('prints the golive.experiment-plan/1 document, with a Bonferroni split for three arms and half the traffic', async () => {
      const r = await runCli(['experiment', 'plan', '--baseline', '0.03', '--mde', '0.1', '--daily-visitors', '20000', '--variants', '3', '--traffic', '50%', '--power', '90%', '--json'], dir);
      expect(r.code, r.stderr).toBe(0);
      const doc = EXPERIMENT_JSON_DOCUMENTS['experiment-plan'].strict().parse(JSON.parse(r.stdout));
      expect(doc).toMatchObject({ kind: 'experiment-plan', variants: 3, comparisons: 2, alphaPerComparison: 0.025, perVariant: 84140, total: 252420, dailyInExperiment: 10000, days: 26, weeks: 4, runDays: 28 });
      expect(doc.notes[0]).toMatch(/^3 arms make 2 comparisons with the control: α is split over them \(Bonferroni\)/);
    });

    it('reads an absolute MDE in percentage points and prints Markdown', async () => {
      const r = await runCli(['experiment', 'plan', '--baseline', '3%', '--mde', '0.3%', '--absolute', '--daily-visitors', '20000', '--format', 'md'], dir);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^## experiment plan: 53,211 visitors per variant/);
      expect(r.stdout).toContain('| per variant | 53,211 visitors (53,210.3 before rounding up) |');
    });

    it('exits 2 naming the flag, with a hint, for nonsense and for a missing flag', async () => {
      const impossible = await runCli(['experiment', 'plan', '--baseline', '60%', '--mde', '80%', '--daily-visitors', '20000'], dir);
      expect(impossible.code).toBe(2);
      expect(impossible.stderr).toBe('error: --mde 80%: the target rate would be 108%, and a rate must stay below 100%\nhint: with --baseline 60% the relative effect must be below 66.67%; for percentage points add --absolute\n');
      const ambiguous = await runCli(['experiment', 'plan', '--baseline', '3', '--mde', '10%', '--daily-visitors', '20000'], dir);
      expect(ambiguous.code).toBe(2);
      expect(ambiguous.stderr).toMatch(/^error: --baseline 3: a bare number above 1 is ambiguous\nhint: write a percent \(--baseline 3%\) or a fraction between 0 and 1 \(--baseline 0.03\)/);
      const missing = await runCli(['experiment', 'plan', '--baseline', '3%', '--daily-visitors', '20000'], dir);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/required option '--mde <effect>' not specified/);
      expect(missing.stdout).toBe('');
    });
  });

  describe('srm', () => {
    it('warns on stderr and exits 0 when p is between the thresholds, naming the over- and under-represented arms', async () => {
      const r = await runCli(['experiment', 'srm', '--counts', '50123,49211'], dir);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^sample ratio: WARN · χ² = 8\.37, df 1, p = 0\.00381 \(warn below 0\.01, fail below 0\.001\) · 99,334 visitors\n/);
      expect(r.stdout).toContain('  A     50% · 49,667   50.46% · 50,123   +456 (+0.92%) over-represented\n');
      expect(r.stdout).toContain('  B     50% · 49,667   49.54% · 49,211   −456 (−0.92%) under-represented\n');
      expect(r.stderr).toBe('warning: possible sample ratio mismatch (p = 0.00381, below --warn-p 0.01): find the cause before anyone reads the results\n');
    });

    it('fails with exit 1 and the golive.experiment-srm/1 document on a clear mismatch (600 / 400 of 1000, p = 2.54e-10)', async () => {
      const r = await runCli(['experiment', 'srm', '--counts', '600,400', '--names', 'control,treatment', '--json'], dir);
      expect(r.code).toBe(1);
      const doc = EXPERIMENT_JSON_DOCUMENTS['experiment-srm'].strict().parse(JSON.parse(r.stdout));
      expect(doc).toMatchObject({ kind: 'experiment-srm', verdict: 'fail', ok: false, chiSquare: 40, df: 1, mostOff: 'control' });
      expect(doc.pValue / 2.54e-10).toBeCloseTo(1, 2);
      expect(doc.arms.map((a) => [a.name, a.expected, a.difference])).toEqual([['control', 500, 100], ['treatment', 500, -100]]);
      expect(doc.advice).toMatch(/stop, find the cause .* do not read the results until it is fixed/);
      expect(r.stderr).toBe('');
    });

    it('reports a p-value too small for a double as below 1e-300', async () => {
      const r = await runCli(['experiment', 'srm', '--counts', '1000000,0'], dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^sample ratio: FAIL · χ² = 1,000,000, df 1, p < 1e-300 /);
      expect(r.stdout).toContain('  B     50% · 500,000   0% · 0             −500,000 (−100%) under-represented\n');
    });

    it('compares against an unequal split given by --ratio and passes, in Markdown', async () => {
      const r = await runCli(['experiment', 'srm', '--counts', '80412,19876', '--ratio', '80,20', '--format', 'md'], dir);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^## ✅ sample ratio: OK · /);
      expect(r.stdout).toContain('| A | 80% · 80,230.4 | 80.18% · 80,412 | +181.6 (+0.23%) over-represented |');
      expect(r.stderr).toBe('');
    });

    it('exits 2 naming the flag for counts and ratios that do not fit', async () => {
      const r = await runCli(['experiment', 'srm', '--counts', '100,200,300', '--ratio', '50,50'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('error: --ratio 50,50: 2 weights for 3 counts\nhint: one positive weight per arm in the order of --counts, e.g. --ratio 33,33,33\n');
      const thresholds = await runCli(['experiment', 'srm', '--counts', '1,2', '--warn-p', '0.001', '--fail-p', '0.01'], dir);
      expect(thresholds.code).toBe(2);
      expect(thresholds.stderr).toMatch(/^error: --fail-p 0.01: above --warn-p 0.001\n/);
    });
  });

  it('--help teaches: the formula, examples and exit codes of both subcommands', async () => {
    const plan = await runCli(['experiment', 'plan', '--help'], dir);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/n = \(z\(1−α\/2\)·√\(2p̄\(1−p̄\)\)/);
    expect(plan.stdout).toMatch(/Examples:\n {2}\$ golive experiment plan --baseline 3% --mde 10% --daily-visitors 20000\n/);
    expect(plan.stdout).toMatch(/# exit codes: 0 plan printed, 2 /);
    const srm = await runCli(['experiment', 'srm', '--help'], dir);
    expect(srm.stdout).toMatch(/χ² = Σ \(observed − expected\)² \/ expected with k − 1\s+degrees of freedom/);
    expect(srm.stdout).toMatch(/# exit codes: 0 ok or warn, 1 fail/);
  });
});
