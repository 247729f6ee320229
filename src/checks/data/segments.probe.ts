import { z } from 'zod';
import type { SegmentResult } from '../../data/segments.js';
import type { Probe, ProbeContext } from '../types.js';

export const SegmentsInput = z.strictObject({ segment: z.string().min(1) });
export type SegmentsInput = z.infer<typeof SegmentsInput>;

/** The asked-for segment (or every one, for *) checked against its audience export. */
export interface SegmentsEvidence {
  /** Names declared under cdp.segments; empty when none is. */
  declared: string[];
  /** The name asked for, when no declared segment has it. */
  unknown?: string;
  segments: SegmentResult[];
}

const EXAMPLES = 5;

async function run(input: SegmentsInput, ctx: ProbeContext): Promise<SegmentsEvidence> {
  ctx.signal.throwIfAborted();
  const all = ctx.cdp?.segments ?? [];
  const declared = all.map((s) => s.name);
  const wanted = input.segment === '*' ? all : all.filter((s) => s.name === input.segment);
  if (wanted.length === 0) return { declared, ...(all.length > 0 ? { unknown: input.segment } : {}), segments: [] };
  const { checkSegments } = await import('../../data/segments.js');
  return { declared, segments: await checkSegments(wanted, { base: ctx.cwd, examples: EXAMPLES }) };
}

export const segmentsProbe: Probe<SegmentsInput, SegmentsEvidence> = {
  id: 'data/segments',
  description: 'Checks a segment (or every segment, for *) declared under cdp.segments in golive.yaml against its audience export, as golive data segments does: test guests in or out, and the export\'s size.',
  input: SegmentsInput,
  // Audience exports and source extracts are local files; large ones take longer than a network probe.
  timeoutMs: 600_000,
  run,
};
