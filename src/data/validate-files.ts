import type { CdpFacts } from '../playbook/cdp.js';
import type { BatchValidationResult } from './batch-validate.js';
import { eventOptionsFor } from './facts.js';
import { kindProblem, type DataKind } from './sniff.js';
import { validateEvents, type EventEngine, type ValidationResult } from './validate.js';

export interface ValidateFilesOptions {
  /** The project's declared facts (events only; batch files are judged against the platform's formats). */
  cdp?: CdpFacts | undefined;
  /** "Now" for the batch date-of-birth rule. */
  now: Date;
  examples: number;
  maxInvalidLines: number;
  /** Which engine judges events (see ValidateOptions.engine); default auto. */
  engine?: EventEngine;
}

/**
 * What `golive data validate` and the data/files probe run: every file first gets a look at its
 * head (empty, or of the other kind: see sniff.ts) and such files are reported as unreadable with
 * the reason instead of failing every rule; the rest is validated. Files keep the order given.
 */
export async function validateFiles(kind: DataKind, paths: readonly string[], options: ValidateFilesOptions): Promise<ValidationResult | BatchValidationResult> {
  const unique = [...new Set(paths)];
  const problems = new Map<string, string>();
  for (const file of unique) {
    const problem = await kindProblem(file, kind);
    if (problem !== undefined) problems.set(file, problem);
  }
  const readable = unique.filter((f) => !problems.has(f));
  const common = { examples: options.examples, maxInvalidLines: options.maxInvalidLines };
  const result: ValidationResult = readable.length === 0
    ? { files: [], lines: 0, validLines: 0, invalidLineCount: 0, invalidLines: [], rules: [] }
    : kind === 'batch' ? await (await import('./batch-validate.js')).validateBatch(readable, { ...common, now: options.now.toISOString() }) : await validateEvents(readable, { ...eventOptionsFor(options.cdp), ...common, engine: options.engine ?? 'auto' });
  const read = new Map(result.files.map((f) => [f.file, f]));
  return { ...result, files: unique.map((file) => read.get(file) ?? { file, lines: 0, error: problems.get(file) ?? 'not read' }) };
}
