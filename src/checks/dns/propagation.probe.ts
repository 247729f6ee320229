// dns/propagation: the same question to several recursive resolvers, each on its own, so that one
// resolver's cache can be compared with the others'. A resolver that fails is recorded, not fatal.
import { z } from 'zod';
import { HostName } from '../targets.js';
import { ProbeError, type Probe, type ProbeContext } from '../types.js';
import { toProbeError } from '../../net/errors.js';
import { RR_TYPES, type DnsAnswer, type ErrorInfo } from './evidence.js';
import { recursive, recursiveServers } from './recursive.js';
import { formatServer } from './wire.js';
import { wireName } from './lookup.probe.js';

export const PropagationInput = z.strictObject({
  name: HostName.describe('The name to look up.'),
  type: z.enum(RR_TYPES).default('A').describe('The record type.'),
  resolvers: z.array(z.string()).max(30).default([]).describe('Resolvers as IP[:PORT]; empty = the run\'s --resolver list, else the system\'s.'),
});
export type PropagationInput = z.infer<typeof PropagationInput>;

export interface PropagationResult {
  resolver: string;
  answer?: DnsAnswer;
  error?: ErrorInfo;
}

export interface PropagationEvidence {
  name: string;
  type: string;
  results: PropagationResult[];
}

async function run(input: PropagationInput, ctx: ProbeContext): Promise<PropagationEvidence> {
  const name = wireName(input.name);
  const servers = recursiveServers(ctx.net, input.resolvers);
  const results = await Promise.all(
    servers.map(async (server): Promise<PropagationResult> => {
      const resolver = formatServer(server);
      try {
        // Each resolver alone: no fallback to the next, that would hide the lagging one.
        return { resolver, answer: await recursive(ctx.net, ctx.signal, [server]).lookup(name, input.type) };
      } catch (err) {
        const e = toProbeError(err, `asking ${resolver}`, ctx.signal);
        if (e.code === 'TIMEOUT' || e.code === 'ABORTED') throw e;
        return { resolver, error: { code: e.code, message: e.message } };
      }
    }),
  );
  const failed = results.filter((r) => r.error);
  if (failed.length === results.length) {
    const first = failed[0]!.error!;
    throw new ProbeError(first.code, `no resolver answered for ${name} ${input.type}: ${failed.map((r) => `${r.resolver} ${r.error!.code}`).join(', ')}`, {
      hint: 'check the resolver addresses and that they are reachable from here',
      transient: true,
    });
  }
  return { name, type: input.type, results };
}

export const propagationProbe: Probe<PropagationInput, PropagationEvidence> = {
  id: 'dns/propagation',
  description: 'Asks each resolver of a list separately for one name and type; records each answer with TTLs, or its error.',
  input: PropagationInput,
  run,
};
