// dns/lookup: what a recursive resolver answers for some names and types, with TTLs and CNAME
// chains. Asks over the raw client (RD=1) because c-ares gives TTLs only for A/AAAA.
import { domainToASCII } from 'node:url';
import { z } from 'zod';
import { HostName } from '../targets.js';
import type { Probe, ProbeContext } from '../types.js';
import { RR_TYPES, type DnsAnswer } from './evidence.js';
import { describeServers, recursive } from './recursive.js';

export const LookupInput = z.strictObject({
  names: z.array(HostName).min(1).max(20).describe('Names to look up.'),
  types: z.array(z.enum(RR_TYPES)).min(1).max(10).describe('Record types to ask for each name.'),
});
export type LookupInput = z.infer<typeof LookupInput>;

export interface LookupEvidence {
  /** The recursive servers asked, in order. */
  resolvers: string[];
  /** One answer per name and type (NXDOMAIN and NODATA included), in input order. */
  answers: DnsAnswer[];
}

/** A name as it goes on the wire: IDNA (punycode), lower case, no trailing dot. */
export function wireName(name: string): string {
  const n = name.trim().replace(/\.$/, '');
  return (domainToASCII(n) || n).toLowerCase();
}

async function run(input: LookupInput, ctx: ProbeContext): Promise<LookupEvidence> {
  const r = recursive(ctx.net, ctx.signal);
  const names = [...new Set(input.names.map(wireName))];
  const types = [...new Set(input.types)];
  const jobs = names.flatMap((name) => types.map((type) => ({ name, type })));
  ctx.log.debug('dns/lookup', { queries: jobs.length, resolvers: describeServers(r.servers) });
  const answers = await Promise.all(jobs.map((j) => r.lookup(j.name, j.type)));
  return { resolvers: describeServers(r.servers), answers };
}

export const lookupProbe: Probe<LookupInput, LookupEvidence> = {
  id: 'dns/lookup',
  description: 'Asks the recursive resolver (--resolver or the system) for names and types; records answers with TTLs and CNAME chains, NXDOMAIN and NODATA.',
  input: LookupInput,
  run,
};
