import { Option, type Command } from 'commander';
import { renameFiles } from '../../data/rename.js';
import type { EventEngine } from '../../data/validate.js';
import { UsageError } from '../../errors.js';
import { dataValid, dataValidateDocument, renderDataValidateMarkdown, renderDataValidateText, type DataValidation, type DeclaredLists } from '../../report/data.js';
import { format, globals, printJson, style } from '../common.js';
import { contextFor } from '../io.js';
import { EXIT, examples, withFormats, type Run } from '../program.js';
import { exampleCount, givenFiles, projectFacts } from './data-common.js';

interface ValidateOptions {
  kind: 'events' | 'batch';
  examples: number;
  engine: EventEngine;
}

const declaredOrNull = (values: string[] | undefined) => (values && values.length > 0 ? values : null);

/** `golive data validate`. */
export function dataValidateCommand(data: Command, run: Run): void {
  const validate = data
    .command('validate <files...>')
    .description('validate event exports (--kind events: NDJSON, one event a line, optionally gzipped) or batch upload files (--kind batch: one gzip member, one JSON record a line; MD5 given): per rule the violations, their rate and examples as file:line value, then every line that is not a JSON object; exit 1 on a failing rule or an invalid line, 2 when no file can be read')
    .addOption(new Option('--kind <kind>', 'what the files hold').choices(['events', 'batch']).default('events'))
    .addOption(new Option('--examples <n>', 'examples shown per rule (0 to 1000)').argParser(exampleCount).default(5))
    .addOption(new Option('--engine <engine>', 'what judges events: native (C++ on every core, built by npm run build when g++, libsimdjson-dev and zlib1g-dev are installed), duckdb (the rules as SQL), or auto: native when built. Both give the same results').choices(['auto', 'native', 'duckdb']).default('auto'));
  withFormats(validate, ['text', 'md', 'json'])
    .addHelpText('after', examples([
      'golive data validate --kind events events.ndjson',
      'golive data validate --kind events export/*.ndjson.gz --examples 20',
      '# with golive.yaml here, its cdp: section declares the languages, currencies, points of sale (and the channel',
      '# each serves), identity rules, custom events and extension keys with a minimum fill rate that events must meet',
      'golive data validate --kind events events.ndjson --format md > event-review.md',
      '# events are judged natively when the native validator is built (npm run build with g++, libsimdjson-dev, zlib1g-dev),',
      '# else by DuckDB: same results; --engine duckdb forces the SQL engine, --engine native fails when it is not built',
      '# batch upload files: size, one gzip member, MD5 (in --json files[]), record rules',
      'golive data validate --kind batch guests.json.gz orders.json.gz',
      'golive data validate --kind events events.ndjson --json | jq -r \'.rules[] | select(.violations > 0) | "\\(.id) \\(.violations)"\'',
      '',
      '# exit codes: 0 no failing rule has violations (an aggregate rule such as events/ext-fill-rate fails only below its',
      '# minimum) and every line is valid, 1 violations or invalid lines, 2 no file can be read or a usage error',
    ]))
    .action(async (files: string[], opts: ValidateOptions, cmd) => {
      const fmt = format(cmd, ['text', 'md', 'json']);
      const facts = projectFacts(contextFor(run.io, globals(cmd)));
      const declared: DeclaredLists = {
        languages: declaredOrNull(facts?.cdp.languages),
        currencies: declaredOrNull(facts?.cdp.currencies),
        pointsOfSale: declaredOrNull(facts?.cdp.pointsOfSale.map((p) => p.name)),
      };
      if (opts.engine === 'native' && opts.kind === 'events') {
        const { nativeEngine } = await import('../../data/native.js');
        const { problem } = nativeEngine();
        if (problem !== undefined) throw new UsageError(`--engine native: the native event validator cannot run: ${problem}`, { hint: 'install g++, libsimdjson-dev and zlib1g-dev and run npm run build, or use --engine auto' });
      }
      const given = await givenFiles(files, run.io.cwd);
      // DuckDB's native binding and the ISO lists load only when data is validated, not at every golive start.
      const { validateFiles } = await import('../../data/validate-files.js');
      const raw = await validateFiles(opts.kind, [...given.keys()], { cdp: facts?.cdp, now: new Date(), examples: Math.max(1, opts.examples), maxInvalidLines: 100, engine: opts.engine });
      const result = renameFiles(raw, (file) => given.get(file) ?? file);
      if (opts.examples === 0) result.rules = result.rules.map((r) => ({ ...r, examples: [] }));
      if (result.files.every((f) => f.error !== undefined)) {
        throw new UsageError(`no input file could be read: ${result.files.map((f) => `${f.file} (${f.error ?? 'unknown problem'})`).join('; ')}`, { hint: opts.kind === 'events' ? 'pass event exports: NDJSON, one event per line, plain or gzipped' : 'pass batch upload files: gzipped, one JSON record per line' });
      }
      const validation: DataValidation = { kind: opts.kind, ...(facts ? { project: facts.file } : {}), declared, result };
      if (fmt === 'json') printJson(run, dataValidateDocument(validation));
      else run.io.out(fmt === 'md' ? renderDataValidateMarkdown(validation) : renderDataValidateText(validation, style(run, cmd)));
      run.exitCode = dataValid(validation) ? EXIT.ok : EXIT.noGo;
    });
}
