import { Option } from 'commander';
import { renderSprykerAnalyzeMarkdown, renderSprykerAnalyzeText, sprykerAnalyzeDocument, type SprykerAnalysis } from '../../report/spryker.js';
import { format, printJson, style } from '../common.js';
import { collect, EXIT, examples, withFormats, type Register } from '../program.js';

interface AnalyzeOptions {
  domains?: string[];
  repo?: string;
}

/** `--domains a,b --domains c` -> [a, b, c]. */
const domainList = (values: string[] = []) => values.flatMap((v) => v.split(',')).map((d) => d.trim()).filter((d) => d.length > 0);

export const sprykerCommand: Register = (program, run) => {
  const spryker = program
    .command('spryker')
    .description('Spryker Cloud: analyse a deploy file for go-live (production markers, endpoints, security, mail sender, install recipes)')
    .addHelpText('after', examples(['golive spryker analyze deploy.myshop-production.yml --domains myshop.com']));
  const analyze = spryker
    .command('analyze <file>')
    .description('read a deploy file (merge keys and imports resolved) and list what is not ready for go-live, by topic with file:line:column; exit 1 when any finding fails, 2 when the file cannot be read')
    .addOption(new Option('--domains <list>', 'the final domains of the project, comma-separated (repeatable): hosts must be under them').argParser(collect))
    .option('--repo <path>', 'the project repository: also check the install recipes the hooks run and demo users and customers');
  withFormats(analyze, ['text', 'md', 'json'])
    .addHelpText('after', examples([
      'golive spryker analyze deploy.myshop-production.yml',
      'golive spryker analyze deploy.myshop-production.yml --domains myshop.com,myshop.de --repo .',
      '# as a pull-request comment, or only the failures',
      'golive spryker analyze deploy.myshop-production.yml --format md > deploy-review.md',
      'golive spryker analyze deploy.myshop-production.yml --json | jq -r \'.findings[] | select(.severity=="fail") | "\\(.file):\\(.line) \\(.code)"\'',
      '',
      '# exit codes: 0 nothing fails (warnings allowed), 1 a finding fails, 2 the file cannot be read or parsed',
    ]))
    .action(async (file: string, opts: AnalyzeOptions, cmd) => {
      const fmt = format(cmd, ['text', 'md', 'json']);
      const domains = domainList(opts.domains);
      // The deploy-file reader loads only for this command, not at every golive start.
      const [{ loadDeployFile }, { analyzeDeploy }, { summarizeModel }] = await Promise.all([import('../../spryker/deploy/load.js'), import('../../spryker/deploy/analyze.js'), import('../../spryker/deploy/summary.js')]);
      const model = await loadDeployFile(file, { cwd: run.io.cwd, ...(opts.repo ? { repo: opts.repo } : {}) });
      const findings = analyzeDeploy(model, { domains });
      const analysis: SprykerAnalysis = { file, domains, ...(opts.repo ? { repo: opts.repo } : {}), summary: summarizeModel(model), findings };
      if (fmt === 'json') printJson(run, sprykerAnalyzeDocument(analysis));
      else run.io.out(fmt === 'md' ? renderSprykerAnalyzeMarkdown(analysis) : renderSprykerAnalyzeText(analysis, style(run, cmd)));
      run.exitCode = findings.some((f) => f.severity === 'fail') ? EXIT.noGo : EXIT.ok;
    });
};
