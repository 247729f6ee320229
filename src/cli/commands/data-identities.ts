import { InvalidArgumentError, Option, type Command } from 'commander';
import type { IdentitiesResult, LinesRead } from '../../data/identities.js';
import { renameFiles } from '../../data/rename.js';
import { UsageError } from '../../errors.js';
import { dataIdentitiesDocument, identitiesOk, renderIdentitiesMarkdown, renderIdentitiesText, type IdentitiesReport } from '../../report/identities.js';
import { format, globals, printJson, style } from '../common.js';
import { contextFor } from '../io.js';
import { EXIT, examples, withFormats, type Run } from '../program.js';
import { exampleCount, givenFiles, projectFacts } from './data-common.js';

interface IdentitiesOptions {
  events: string[];
  guests?: string[];
  rules?: string[];
  examples: number;
  sharedThreshold: number;
}

/** --rules email,crm: providers in priority order, kept exactly as written (CDP compares them case-sensitively). */
function ruleList(value: string): string[] {
  const rules = value.split(',').map((r) => r.trim());
  if (rules.some((r) => r === '')) throw new InvalidArgumentError('expected providers separated by commas, e.g. email,crm.');
  return rules;
}

function threshold(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of browsers, at least 1.');
  return Number(value);
}

function unreadable(what: string, l: LinesRead, hint: string): void {
  if (l.files.length > 0 && l.files.every((f) => f.error !== undefined)) {
    throw new UsageError(`no ${what} file could be read: ${l.files.map((f) => `${f.file} (${f.error ?? 'unknown problem'})`).join('; ')}`, { hint });
  }
}

/** `golive data identities`. */
export function dataIdentitiesCommand(data: Command, run: Run): void {
  const identities = data
    .command('identities')
    .description('stitch the browsers of event exports into the persons CDP should see (union-find over the identifiers of IDENTITY events, by the identity rules), then, given a guest export, find persons split over several guests, guests merging different people on the top-priority rule and identified browsers that reach no guest; exit 1 on any of these or on identifiers shared by suspiciously many browsers, 2 when no file can be read')
    .requiredOption('--events <files...>', 'event exports: NDJSON, one event a line, optionally gzipped')
    .option('--guests <files...>', 'guest export: NDJSON, optionally gzipped; per line the guest REST shape {ref, guestType, identifiers} or a batch record {ref, schema: "guest", mode, value: {guestType, identifiers}}')
    .option('--rules <providers>', 'identity-rule providers in priority order, comma-separated and case-sensitive (default: cdp.identityRules in golive.yaml; without either, every provider seen)', ruleList)
    .addOption(new Option('--examples <n>', 'examples shown per finding (0 to 1000)').argParser(exampleCount).default(5))
    .addOption(new Option('--shared-threshold <n>', 'report an identifier linking more browsers than this (a test address, "undefined")').argParser(threshold).default(50));
  withFormats(identities, ['text', 'md', 'json'])
    .addHelpText('after', examples([
      'golive data identities --events exports/events-*.ndjson.gz',
      '# compare with what CDP holds: a guest export, or the batch files uploaded',
      'golive data identities --events events.ndjson --guests guests.ndjson.gz',
      '# rules as in the tenant (Settings > Identity rules), highest priority first',
      'golive data identities --events events.ndjson --guests guests.ndjson --rules email,crm_id',
      'golive data identities --events events.ndjson --guests guests.ndjson --format md > identity-review.md',
      'golive data identities --events events.ndjson --json | jq \'.sharedKeys.examples[] | "\\(.provider):\\(.id) \\(.browsers)"\'',
      '',
      '# exit codes: 0 clean, 1 split persons, merging guests, identified browsers reaching no guest, shared identifiers,',
      '# invalid lines or unread files; 2 no file of --events (or --guests) can be read, or a usage error',
    ]))
    .action(async (opts: IdentitiesOptions, cmd) => {
      const fmt = format(cmd, ['text', 'md', 'json']);
      const facts = projectFacts(contextFor(run.io, globals(cmd)));
      const declared = facts?.cdp.identityRules ?? [];
      const rules = opts.rules ?? declared;
      const rulesSource: IdentitiesReport['rulesSource'] = opts.rules ? '--rules' : declared.length > 0 ? 'golive.yaml' : 'none declared';
      const events = await givenFiles(opts.events, run.io.cwd);
      const guests = opts.guests ? await givenFiles(opts.guests, run.io.cwd) : undefined;
      const given = new Map([...events, ...(guests ?? [])]);
      // DuckDB's native binding loads only when identities are stitched, not at every golive start.
      const { stitchIdentities } = await import('../../data/identities.js');
      const raw = await stitchIdentities({
        events: [...events.keys()], ...(guests ? { guests: [...guests.keys()] } : {}),
        rules, examples: Math.max(1, opts.examples), sharedThreshold: opts.sharedThreshold,
      });
      const result = renameFiles(raw, (file) => given.get(file) ?? file);
      unreadable('event', result.events, 'pass NDJSON event exports, one event per line, plain or gzipped');
      if (result.guests) unreadable('guest', result.guests.lines, 'pass a guest export as NDJSON, one guest per line, plain or gzipped');
      const report: IdentitiesReport = { ...(facts && rulesSource === 'golive.yaml' ? { project: facts.file } : {}), rulesSource, result: opts.examples === 0 ? withoutExamples(result) : result };
      if (fmt === 'json') printJson(run, dataIdentitiesDocument(report));
      else run.io.out(fmt === 'md' ? renderIdentitiesMarkdown(report) : renderIdentitiesText(report, style(run, cmd)));
      run.exitCode = identitiesOk(result) ? EXIT.ok : EXIT.noGo;
    });
}

/** --examples 0: counts only. */
function withoutExamples(r: IdentitiesResult): IdentitiesResult {
  const g = r.guests;
  return {
    ...r, largestPersons: [], sharedKeys: { ...r.sharedKeys, examples: [] },
    ...(g === undefined ? {} : {
      guests: {
        ...g, notGuests: { ...g.notGuests, examples: [] }, splitPersons: { ...g.splitPersons, examples: [] },
        mergingGuests: { ...g.mergingGuests, examples: [] }, nonCustomerGuests: { ...g.nonCustomerGuests, examples: [] },
        unreached: { ...g.unreached, examples: [], identifiedExamples: [] },
      },
    }),
  };
}
