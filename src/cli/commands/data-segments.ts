import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { suggestion } from '../../lib/suggest.js';
import type { SegmentExpectation } from '../../playbook/cdp.js';
import { renderSegmentsMarkdown, renderSegmentsText, segmentsDocument, segmentsOk, type SegmentsReport } from '../../report/segments.js';
import { format, globals, printJson, style } from '../common.js';
import { contextFor } from '../io.js';
import { collect, EXIT, examples, withFormats, type Run } from '../program.js';
import { exampleCount, projectFacts } from './data-common.js';

interface SegmentsCliOptions {
  only: string[];
  examples: number;
}

/** What to write in golive.yaml, shown when no segment is declared. */
export const SEGMENTS_YAML = `cdp:
  segments:
    - name: newsletter-subscribers
      export: exports/newsletter-subscribers.csv   # the segment's audience export, relative to golive.yaml
      match: email                                 # the export field that identifies a guest (default email)
      includes: [anna.test@example.com]            # test guests that must be in
      excludes: [bob.optout@example.com]           # test guests that must be out
      size: { source: crm/newsletter-optin.csv, sourceMatch: email, tolerance: 0.05 }   # and/or { min: 1000, max: 5000 }`;

function selected(all: SegmentExpectation[], only: string[], file: string): SegmentExpectation[] {
  if (all.length === 0) throw new UsageError(`no segments are declared in ${file}`, { hint: `declare the segments and what their audience exports must show:\n${SEGMENTS_YAML}` });
  if (only.length === 0) return all;
  const names = all.map((s) => s.name);
  for (const name of only) {
    if (!names.includes(name)) throw new UsageError(`--only ${name}: no such segment in ${file}`, { hint: suggestion(name, names, 'segment') });
  }
  return all.filter((s) => only.includes(s.name));
}

/** `golive data segments`. */
export function dataSegmentsCommand(data: Command, run: Run): void {
  const command = data
    .command('segments')
    .description('check the segment expectations declared under cdp.segments in golive.yaml against each segment\'s audience export (CSV or NDJSON as the platform exports it): '
      + 'test guests that must be in (includes) or out (excludes), compared trimmed and ignoring case, and the export\'s size within {min, max} or within a tolerance of a source file\'s count; '
      + 'the platform has no API for segment members or counts, so export the audience and check it here. Exit 0 when every expectation holds, 1 when one fails, 2 when an export cannot be read or no segment is declared')
    .option('--only <name>', 'check only this segment (repeatable)', collect, [])
    .option('--examples <n>', 'unreadable export records shown per segment (0 to 1000)', exampleCount, 5);
  withFormats(command, ['text', 'md', 'json'])
    .addHelpText('after', examples([
      'golive data segments',
      'golive data segments --only newsletter-subscribers --only vip-guests',
      'golive data segments --format md >> "$GITHUB_STEP_SUMMARY"',
      'golive data segments --json | jq -r \'.segments[] | select(.ok | not) | .name\'',
      '',
      '# declare them in golive.yaml (paths relative to it; exports may be globs and gzipped):',
      ...SEGMENTS_YAML.split('\n').map((l) => `#   ${l}`),
      '',
      '# exit codes: 0 every expectation holds, 1 one fails, 2 an export cannot be read, no segment is declared, or a usage error',
    ]))
    .action(async (opts: SegmentsCliOptions, cmd) => {
      const fmt = format(cmd, ['text', 'md', 'json']);
      const facts = projectFacts(contextFor(run.io, globals(cmd)));
      if (!facts) throw new UsageError(`golive data segments reads the segments declared in golive.yaml, and there is none in ${run.io.cwd} or a parent directory`, { hint: `create one with golive init, then declare:\n${SEGMENTS_YAML}` });
      const segments = selected(facts.cdp.segments, opts.only, facts.file);
      // DuckDB loads only when exports are read, not at every golive start.
      const { checkSegments } = await import('../../data/segments.js');
      const report: SegmentsReport = { project: facts.file, segments: await checkSegments(segments, { base: facts.dir, examples: opts.examples }) };
      if (fmt === 'json') printJson(run, segmentsDocument(report));
      else run.io.out(fmt === 'md' ? renderSegmentsMarkdown(report) : renderSegmentsText(report, style(run, cmd)));
      run.exitCode = report.segments.some((s) => s.error) ? EXIT.usage : segmentsOk(report) ? EXIT.ok : EXIT.noGo;
    });
}
