import path from 'node:path';
import { z } from 'zod';
import type { IdentitiesResult } from '../../data/identities.js';
import { renameFiles } from '../../data/rename.js';
import { ProbeError, type Probe, type ProbeContext } from '../types.js';
import { expand } from './expand.js';

export const IdentitiesInput = z.strictObject({
  events: z.string().min(1),
  guests: z.string().min(1).optional(),
  sharedThreshold: z.number().int().min(1),
});
export type IdentitiesInput = z.infer<typeof IdentitiesInput>;

/** The result of golive data identities, paths relative to the project, with where the rules came from. */
export type IdentitiesEvidence = IdentitiesResult;

const EXAMPLES = 5;

async function run(input: IdentitiesInput, ctx: ProbeContext): Promise<IdentitiesEvidence> {
  ctx.signal.throwIfAborted();
  const events = await expand(input.events, ctx.cwd);
  const guests = input.guests === undefined ? undefined : await expand(input.guests, ctx.cwd);
  const { stitchIdentities } = await import('../../data/identities.js');
  const result = await stitchIdentities({ events, ...(guests ? { guests } : {}), rules: ctx.cdp?.identityRules ?? [], examples: EXAMPLES, sharedThreshold: input.sharedThreshold, maxInvalidLines: 20 });
  if (result.events.files.every((f) => f.error !== undefined)) {
    throw new ProbeError('FILE_UNREADABLE', `${input.events}: ${result.events.files.map((f) => `${path.relative(ctx.cwd, f.file)} (${f.error ?? 'unreadable'})`).join('; ')}`, { hint: 'pass NDJSON event exports, one event per line, plain or gzipped' });
  }
  return renameFiles(result, (file) => path.relative(ctx.cwd, file) || file);
}

export const identitiesProbe: Probe<IdentitiesInput, IdentitiesEvidence> = {
  id: 'data/identities',
  description: 'Stitches the browsers of an event export into the persons CDP should see (by the identity rules declared under cdp.identityRules) and, given a guest export, compares them with the guests, as golive data identities does.',
  input: IdentitiesInput,
  // Local work on large exports: tens of millions of events take tens of seconds.
  timeoutMs: 600_000,
  run,
};
