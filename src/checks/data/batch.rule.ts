import type { Rule, RuleMeta } from '../types.js';
import type { DataFilesEvidence } from './evidence.js';
import { DATA_TARGET_HELP, DataOptions, DataTarget, dataTargetFromString, judgeData, probeInputFor } from './rule-kit.js';

const meta: RuleMeta = {
  id: 'data/batch',
  probe: 'data/files',
  title: 'Batch upload files are ready for the platform',
  failureTitle: 'Batch upload files would be rejected or load wrong data',
  description:
    'Validates Sitecore CDP batch upload files (a file or a glob) with the batch rules of golive data validate --kind batch: one gzip member of at most 50 MB, one JSON record a line, ' +
    'ref/schema/mode/value present, unique UUID refs, guest records only customers and never insert, complete identifiers, dates of birth in the past without milliseconds, extension naming and key limits, ' +
    'order fields per mode, card types with card payments, item name length, and totals (a warning). The platform reports a rejected file only after the upload, often hours before launch; ' +
    'the evidence also carries each file\'s size and MD5 for the upload step.',
  docs: 'docs/rules/data/batch.md',
  targetHelp: DATA_TARGET_HELP,
  examples: [{ target: 'upload/guests-*.json.gz' }, { target: '${env.batchFiles}', with: { rules: ['batch/order-*'] } }],
};

export const batchRule: Rule<DataTarget, DataOptions, DataFilesEvidence> = {
  meta,
  target: DataTarget,
  targetFromString: dataTargetFromString,
  options: DataOptions,
  probeInput: probeInputFor('batch'),
  judge: (e, options) => judgeData(meta, e, options),
};
