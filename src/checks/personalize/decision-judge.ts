/**
 * Judging one decision model test: expected outputs, node errors, execution times against the
 * budgets, and the shape guidelines. Pure.
 */
import type { Finding } from '../types.js';
import { fail, info, warn } from '../verdict.js';
import type { DecisionNode, DecisionTest } from './evidence.js';
import { listOf } from './rule-kit.js';

export interface Expectation {
  /** A node's name or id; absent: any node. */
  node?: string;
  output: unknown;
}

export interface Budgets {
  maxTotalMs: number;
  maxNodeMs: number;
  slowest: number;
}

/** `actual` holds `expected`: objects key by key (extra keys allowed), arrays element by element (in any order), the rest equal. */
export function contains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.every((x) => actual.some((a) => contains(a, x)));
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([k, v]) => contains((actual as Record<string, unknown>)[k], v));
  }
  return actual === expected;
}

const nodeLabel = (n: DecisionNode): string => (n.name ? `"${n.name}"` : `node ${n.id}`);
const short = (v: unknown): string => JSON.stringify(v).slice(0, 160);

function expectationFinding(t: DecisionTest, x: Expectation): Finding | undefined {
  const wanted = x.node?.toLowerCase();
  const nodes = wanted === undefined ? t.nodes : t.nodes.filter((n) => n.id.toLowerCase() === wanted || n.name?.toLowerCase() === wanted);
  if (nodes.length === 0) {
    return fail('node-not-found', `${t.name}: no node "${x.node ?? ''}" in the reply (nodes: ${listOf(t.nodes.map(nodeLabel), 6) || 'none'})`, 'name the node as the decision model canvas shows it, or leave node out to search every node', t.name);
  }
  if (nodes.some((n) => n.outputs.some((o) => contains(o, x.output)) || contains(n.outputs, x.output))) return undefined;
  const where = x.node ? `node "${x.node}"` : 'any node';
  if (nodes.some((n) => n.outputsCut)) return warn('output-unverified', `${t.name}: ${short(x.output)} not found in the part of ${where}'s outputs golive kept (the outputs were cut)`, 'expect a smaller part of the output, or name the node that produces it', t.name);
  const seen = nodes.flatMap((n) => n.outputs).slice(0, 3).map(short).join(', ');
  return fail('output-missing', `${t.name}: ${where} did not output ${short(x.output)}${seen ? `; it gave ${seen}` : ''}`, 'check the fixture guest and the model\'s rules in the test canvas; update the expectation if the model changed on purpose', t.name);
}

/** Data-system and AI nodes call out; Sitecore's guideline is about two of them and three or four programmables per model. */
function guidelineFindings(t: DecisionTest): Finding[] {
  const types = t.nodes.map((n) => n.type ?? '');
  const external = types.filter((x) => /data.?system|connection|external|\bai\b|machine.?learning|predict/i.test(x)).length;
  const programmable = types.filter((x) => /programmable/i.test(x)).length;
  const out: Finding[] = [];
  const hint = 'fewer calls out and fewer programmables keep decisions fast: combine them, or move lookups into the guest data';
  if (external > 2) out.push(warn('model-guideline', `${t.name}: ${external} data-system or AI nodes (guideline: about 2)`, hint, t.name));
  if (programmable > 4) out.push(warn('model-guideline', `${t.name}: ${programmable} programmable nodes (guideline: 3 to 4)`, hint, t.name));
  return out;
}

function timeFindings(t: DecisionTest, b: Budgets): Finding[] {
  const out: Finding[] = [];
  const timed = t.nodes.filter((n) => n.executionTimeMs !== undefined).sort((x, y) => y.executionTimeMs! - x.executionTimeMs!);
  if (t.totalMs === undefined) out.push(info('execution-time-missing', `${t.name}: the reply gave no execution time${t.roundTripMs !== undefined ? `; the round trip took ${t.roundTripMs} ms` : ''}`, t.name));
  else if (t.totalMs > b.maxTotalMs) {
    const how = t.totalFrom === 'nodes' ? ' (the sum over its nodes)' : '';
    out.push(fail('decision-too-slow', `${t.name}: the model took ${t.totalMs} ms${how}, over the ${b.maxTotalMs} ms budget`, 'speed up the slowest nodes (listed), cut data-system calls, or raise maxTotalMs if the page can wait', t.name));
  }
  const slow = timed.filter((n) => n.executionTimeMs! > b.maxNodeMs);
  if (slow.length > 0) out.push(fail('node-too-slow', `${t.name}: ${listOf(slow.map((n) => `${nodeLabel(n)} ${n.executionTimeMs} ms`), 5)} over the ${b.maxNodeMs} ms node budget`, 'look at what the node waits for (a connection\'s timeout, a large guest history) and make it cheaper, or raise maxNodeMs', t.name));
  if (timed.length > 0 && b.slowest > 0) out.push(info('slowest-nodes', `${t.name}: slowest ${listOf(timed.slice(0, b.slowest).map((n) => `${nodeLabel(n)} ${n.executionTimeMs} ms`), b.slowest)}`, t.name));
  return out;
}

/** Every finding for one test that was sent and answered 2xx. */
export function answeredFindings(t: DecisionTest, expect: Expectation[], b: Budgets): Finding[] {
  const out: Finding[] = [];
  if (t.error) out.push(fail('decision-error', `${t.name}: the model answered with an error: ${t.error}${t.errorCause ? ` (cause: ${t.errorCause})` : ''}`, 'open the model in Personalize, run the same guest in the test canvas and fix the failing node', t.name));
  for (const n of t.nodes.filter((x) => x.error)) out.push(fail('node-error', `${t.name}: ${nodeLabel(n)} failed: ${n.error}`, 'fix the node: a decision table that matches several rows under the Unique hit policy fails, so does a connection that times out', t.name));
  if (t.nodes.length === 0 && !t.error) out.push(warn('no-nodes', `${t.name}: the reply listed no nodes`, 'check that the variant has a canvas with nodes and is the one the flow uses', t.name));
  for (const x of expect) {
    const f = expectationFinding(t, x);
    if (f) out.push(f);
  }
  return [...out, ...timeFindings(t, b), ...guidelineFindings(t)];
}
