import { ProbeError } from '../types.js';
import type { DnsSession } from './dns-session.js';
import { isSpfRecord, summariseSpf } from './spf-parse.js';

/** One SPF record in the tree the domain's policy reaches through include: and redirect=. */
export interface SpfNode {
  domain: string;
  via: 'root' | 'include' | 'redirect';
  /** Index (in the tree) of the record that included or redirected here; null for the root. */
  parent: number | null;
  /** The v=spf1 TXT records at the name (exactly one is right). */
  records: string[];
  /** Why the walk stopped here, if it did. */
  problem: SpfNodeProblem | null;
  /** The DNS error code when problem is `dns-error`. */
  error?: string;
}

export type SpfNodeProblem = 'nxdomain' | 'no-record' | 'multiple-records' | 'loop' | 'macro' | 'invalid-name' | 'too-deep' | 'dns-error';

export const MAX_NODES = 60;
const MAX_DEPTH = 12;
const MAX_RECORD_CHARS = 2048;
// The name check mailauth applies before it queries (plus RFC 1035 lengths).
const DOMAIN = /^([\x21-\x2D\x2f-\x7e]+\.)+[a-z]+[a-z0-9-]*$/i;

const validName = (name: string) => DOMAIN.test(name) && name.length <= 253 && name.split('.').every((l) => l.length > 0 && l.length <= 63);

/**
 * Every SPF record reachable from `domain`, depth first in evaluation order, as an evaluation for
 * a client that matches nothing would meet them (terms after `all` are skipped, redirect= only
 * counts without `all`). Loops, missing and duplicate records end a branch and are noted;
 * DNS failures are noted too (the probe decides whether they make the evidence unusable).
 */
export async function walkSpf(domain: string, dns: DnsSession): Promise<{ nodes: SpfNode[]; truncated: boolean }> {
  const nodes: SpfNode[] = [];
  let truncated = false;
  const visit = async (name: string, via: SpfNode['via'], parent: number | null, chain: string[]): Promise<void> => {
    if (nodes.length >= MAX_NODES) {
      truncated = true;
      return;
    }
    const index = nodes.length;
    const node: SpfNode = { domain: name, via, parent, records: [], problem: null };
    nodes.push(node);
    node.problem = name.includes('%') ? 'macro' : chain.includes(name) ? 'loop' : !validName(name) ? 'invalid-name' : chain.length > MAX_DEPTH ? 'too-deep' : null;
    if (node.problem) return;
    const found = await readRecords(name, dns, node);
    if (!found) return;
    const summary = summariseSpf(found);
    for (const target of summary.includes) await visit(target.toLowerCase(), 'include', index, [...chain, name]);
    if (summary.redirect) await visit(summary.redirect.toLowerCase(), 'redirect', index, [...chain, name]);
  };
  await visit(domain.toLowerCase(), 'root', null, []);
  return { nodes, truncated };
}

/** Fills the node's records and problem; returns the single record, if there is one. */
async function readRecords(name: string, dns: DnsSession, node: SpfNode): Promise<string | undefined> {
  try {
    const answer = await dns.txt(name);
    node.records = answer.records.filter(isSpfRecord).map((r) => r.slice(0, MAX_RECORD_CHARS));
    if (answer.status === 'nxdomain') node.problem = 'nxdomain';
    else if (node.records.length === 0) node.problem = 'no-record';
    else if (node.records.length > 1) node.problem = 'multiple-records';
  } catch (err) {
    if (!(err instanceof ProbeError)) throw err;
    node.problem = 'dns-error';
    node.error = err.code;
  }
  return node.problem ? undefined : node.records[0];
}

/** DNS-querying terms across the tree (RFC 7208 §4.6.4 counts each one every time evaluation meets it). */
export function countLookups(nodes: SpfNode[]): number {
  return nodes.reduce((sum, n) => sum + (n.problem === null && n.records[0] ? summariseSpf(n.records[0]).lookups : 0), 0);
}
