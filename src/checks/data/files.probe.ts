import path from 'node:path';
import { z } from 'zod';
import { ProbeError, type Probe, type ProbeContext } from '../types.js';
import type { DataFilesEvidence, DataRuleEvidence } from './evidence.js';
import { expand } from './expand.js';
import { renameFiles } from '../../data/rename.js';
import { ruleBroken } from '../../report/data.js';

export const DataFilesInput = z.strictObject({
  kind: z.enum(['events', 'batch']),
  files: z.string().min(1),
});
export type DataFilesInput = z.infer<typeof DataFilesInput>;

/** Examples kept per rule and invalid lines kept per run in a stored check result. */
const EXAMPLES = 5;
const INVALID_LINES = 20;

const declaredCount = (values: readonly unknown[]) => (values.length > 0 ? values.length : null);

/** A rule result with its verdict made explicit, by the same test the data validate report uses. */
function ruleEvidence(r: Omit<DataRuleEvidence, 'failing'>): DataRuleEvidence {
  return { ...r, failing: ruleBroken(r), examples: r.examples.slice(0, EXAMPLES) };
}

async function run(input: DataFilesInput, ctx: ProbeContext): Promise<DataFilesEvidence> {
  ctx.signal.throwIfAborted();
  const absolute = await expand(input.files, ctx.cwd);
  const { validateFiles } = await import('../../data/validate-files.js');
  const read = await validateFiles(input.kind, absolute, { cdp: ctx.cdp, now: ctx.now, examples: EXAMPLES, maxInvalidLines: INVALID_LINES });
  const result = renameFiles(read, (file) => path.relative(ctx.cwd, file) || file);
  if (result.files.every((f) => f.error !== undefined)) {
    throw new ProbeError('FILE_UNREADABLE', `${input.files}: ${result.files.map((f) => `${f.file} (${f.error ?? 'unreadable'})`).join('; ')}`, { hint: input.kind === 'events' ? 'pass NDJSON event exports, one event per line, plain or gzipped' : 'pass gzipped batch files, one JSON record per line' });
  }
  const cdp = ctx.cdp;
  ctx.log.debug('data/files', { kind: input.kind, files: absolute.length, lines: result.lines });
  return {
    kind: input.kind,
    pattern: input.files,
    files: result.files,
    lines: result.lines,
    validLines: result.validLines,
    invalidLineCount: result.invalidLineCount,
    invalidLines: result.invalidLines,
    rules: result.rules.map(ruleEvidence),
    declared: {
      languages: declaredCount(cdp?.languages ?? []), currencies: declaredCount(cdp?.currencies ?? []),
      pointsOfSale: declaredCount(cdp?.pointsOfSale ?? []), identityRules: declaredCount(cdp?.identityRules ?? []),
    },
  };
}

export const dataFilesProbe: Probe<DataFilesInput, DataFilesEvidence> = {
  id: 'data/files',
  description: 'Validates exported CDP data files (event exports or batch upload files, a path or a glob relative to the project) with the rules of golive data validate, against the tenant facts declared under cdp: in golive.yaml.',
  input: DataFilesInput,
  // Reading a large export is local work; ten minutes covers tens of millions of events on two cores.
  timeoutMs: 600_000,
  run,
};
