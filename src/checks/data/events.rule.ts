import type { Rule, RuleMeta } from '../types.js';
import type { DataFilesEvidence } from './evidence.js';
import { DATA_TARGET_HELP, DataOptions, DataTarget, dataTargetFromString, judgeData, probeInputFor } from './rule-kit.js';

const meta: RuleMeta = {
  id: 'data/events',
  probe: 'data/files',
  title: 'Exported events follow the platform\'s formats and the declared tenant facts',
  failureTitle: 'Exported events break the platform\'s formats or the declared tenant facts',
  description:
    'Validates a Sitecore CDP event export (NDJSON, one event a line, plain or gzipped; a file or a glob) with the event rules of golive data validate: uppercase and known types, ' +
    'channel and point of sale, ISO 639-1 language and ISO 4217 currency codes from the declared lists, UUID browser IDs, ADD/CONFIRM/CHECKOUT contents, IDENTITY identifiers and providers, ' +
    'extension limits and fill rates, and text in another script than the event\'s language. The platform accepts most of these mistakes silently: events with an unknown point of sale never appear, ' +
    'a provider spelled differently never stitches, and a wrong language code splits every report. Select rules with `rules` to attach the relevant part to a task; the export is read once per run.',
  docs: 'docs/rules/data/events.md',
  targetHelp: DATA_TARGET_HELP,
  examples: [{ target: 'exports/events-*.ndjson.gz' }, { target: '${env.eventsExport}', with: { rules: ['events/language-*', 'events/*-script'] } }],
};

export const eventsRule: Rule<DataTarget, DataOptions, DataFilesEvidence> = {
  meta,
  target: DataTarget,
  targetFromString: dataTargetFromString,
  options: DataOptions,
  probeInput: probeInputFor('events'),
  judge: (e, options) => judgeData(meta, e, options),
};
