import type { Command } from 'commander';
import { planInput, srmInput, type PlanFlags, type SrmFlags } from '../../experiment/input.js';
import { planExperiment } from '../../experiment/sample-size.js';
import { srmCheck } from '../../experiment/srm.js';
import { formatP, planDocument, renderPlanMarkdown, renderPlanText, renderSrmMarkdown, renderSrmText, srmDocument } from '../../report/experiment.js';
import { format, printJson, style } from '../common.js';
import { EXIT, examples, withFormats, type Register, type Run } from '../program.js';

/** `golive experiment plan` and `golive experiment srm`: pure arithmetic on flags, no project file needed. */

const FORMATS: ('text' | 'md' | 'json')[] = ['text', 'md', 'json'];

function experimentPlanCommand(experiment: Command, run: Run): void {
  const command = experiment
    .command('plan')
    .summary('visitors per arm and days to run for an A/B test, before it starts')
    .description('how many visitors each arm of an A/B test needs, and how many days it must run, before the experiment starts. '
      + 'Run it when you design an experiment (and before you fill in the sample size configuration in Personalize), so its duration is agreed before launch and nobody stops it when it first looks significant. '
      + 'Sample size per arm for a two-proportion z-test, the variance under H0 from the pooled rate (as R\'s power.prop.test): '
      + 'n = (z(1−α/2)·√(2p̄(1−p̄)) + z(power)·√(p1(1−p1) + p2(1−p2)))² / (p2 − p1)², p̄ = (p1 + p2)/2; '
      + 'with more than two arms α is split over the comparisons with the control (Bonferroni). '
      + 'Duration = total visitors / (daily visitors × traffic share), rounded up to days and then to whole weeks. Rates are percents (3%) or fractions (0.03)')
    .requiredOption('--baseline <rate>', 'conversion rate of the control today, e.g. 3% or 0.03 (required)')
    .requiredOption('--mde <effect>', 'minimum detectable effect: the smallest change worth finding, relative to the baseline (10% of 3% is 3.3%), or in percentage points with --absolute (required)')
    .requiredOption('--daily-visitors <n>', 'visitors a day on the pages the experiment runs on (required)')
    .option('--variants <n>', 'arms including the control: 2 for A/B, 3 for A/B/C (default: 2)')
    .option('--alpha <level>', 'significance level: the accepted chance of a false positive over all comparisons (default: 5%)')
    .option('--power <level>', 'chance of detecting an effect of the MDE when it is real (default: 80%)')
    .option('--traffic <share>', 'share of the daily visitors that enter the experiment (default: 100%)')
    .option('--absolute', 'read --mde as percentage points: --baseline 3% --mde 0.3% --absolute also detects 3.3%')
    .option('--one-sided', 'test for an improvement only (z(1−α) instead of z(1−α/2)); a loss then goes unflagged');
  withFormats(command, FORMATS)
    .addHelpText('after', examples([
      'golive experiment plan --baseline 3% --mde 10% --daily-visitors 20000',
      '# three arms, half of the traffic, 90% power',
      'golive experiment plan --baseline 3% --mde 10% --daily-visitors 20000 --variants 3 --traffic 50% --power 90%',
      '# the effect in percentage points: 3% → 3.5%',
      'golive experiment plan --baseline 0.03 --mde 0.005 --absolute --daily-visitors 8000',
      'golive experiment plan --baseline 3% --mde 10% --daily-visitors 20000 --json | jq .runDays',
      '',
      '# formulas, worked examples and how to read the numbers: docs/experiments.md',
      '# exit codes: 0 plan printed, 2 a flag is missing or out of range (the error names it)',
    ]))
    .action((flags: PlanFlags, cmd: Command) => {
      const fmt = format(cmd, FORMATS);
      const plan = planExperiment(planInput(flags));
      if (fmt === 'json') printJson(run, planDocument(plan));
      else run.io.out(fmt === 'md' ? renderPlanMarkdown(plan) : renderPlanText(plan, style(run, cmd)));
      run.exitCode = EXIT.ok;
    });
}

function experimentSrmCommand(experiment: Command, run: Run): void {
  const command = experiment
    .command('srm')
    .summary('sample-ratio mismatch: do the arms hold the split they were set up with?')
    .description('sample-ratio mismatch: do the arms of a running or finished experiment hold the share of visitors they were set up with? '
      + 'Run it after launch, before anyone reads the results, and again at the end: a mismatch means the arms no longer hold comparable visitors '
      + '(broken assignment, redirects, bot filtering, tracking lost in one arm), and every result computed on them is suspect. '
      + 'Pearson\'s chi-square goodness of fit: χ² = Σ (observed − expected)² / expected with k − 1 degrees of freedom, '
      + 'expected = total × the arm\'s share of --ratio; p from the chi-square upper tail. '
      + 'ok when p ≥ --warn-p, warn (printed on stderr, exit 0) when --fail-p ≤ p < --warn-p, fail when p < --fail-p')
    .requiredOption('--counts <n,n,...>', 'visitors (or users) assigned to each arm, control first, comma-separated (required)')
    .option('--ratio <w,w,...>', 'expected split as positive weights in the same order: 50,50 or 80,20 or 1,1,2 (default: equal)')
    .option('--names <a,b,...>', 'names of the arms in the same order (default: A, B, C, …)')
    .option('--warn-p <p>', 'warn when the p-value is below this (default: 0.01)')
    .option('--fail-p <p>', 'fail when the p-value is below this (default: 0.001)');
  withFormats(command, FORMATS)
    .addHelpText('after', examples([
      'golive experiment srm --counts 50123,49211',
      'golive experiment srm --counts 80412,19876 --ratio 80,20 --names control,new-hero',
      '# three arms with a stricter failing threshold',
      'golive experiment srm --counts 33012,33400,32100 --fail-p 0.0005',
      'golive experiment srm --counts 50123,49211 --format md >> "$GITHUB_STEP_SUMMARY"',
      '',
      '# what to do when it fails: docs/experiments.md',
      '# exit codes: 0 ok or warn, 1 fail (a mismatch: do not read the results), 2 a flag is missing or invalid',
    ]))
    .action((flags: SrmFlags, cmd: Command) => {
      const fmt = format(cmd, FORMATS);
      const result = srmCheck(srmInput(flags));
      if (fmt === 'json') printJson(run, srmDocument(result));
      else run.io.out(fmt === 'md' ? renderSrmMarkdown(result) : renderSrmText(result, style(run, cmd)));
      if (result.verdict === 'warn') run.io.err(`warning: possible sample ratio mismatch (${formatP(result.pValue)}, below --warn-p ${result.warnP}): find the cause before anyone reads the results`);
      run.exitCode = result.verdict === 'fail' ? EXIT.noGo : EXIT.ok;
    });
}

export const experimentCommand: Register = (program, run) => {
  const experiment = program
    .command('experiment')
    .description('plan A/B experiments before launch (sample size and duration) and check their sample ratio after it')
    .addHelpText('after', examples([
      '# before launch: visitors per arm and days to run',
      'golive experiment plan --baseline 3% --mde 10% --daily-visitors 20000 --variants 2',
      '# after launch: are the arms the size they should be?',
      'golive experiment srm --counts 50123,49211',
      '',
      '# docs/experiments.md explains the formulas and what to do when the sample ratio check fails',
    ]));
  experimentPlanCommand(experiment, run);
  experimentSrmCommand(experiment, run);
};
