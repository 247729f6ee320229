import { closest } from '../../lib/suggest.js';
import { numberOf, objectOf, scrubDeep, textOf } from './api.js';
import type { DecisionNode, DecisionTest, Unresolved } from './evidence.js';

/**
 * Reading decision model answers: picking a model or variant out of a list by name, and a test
 * reply (`error`, `errorCause`, `decisionModelResultNodes[{id, name, type, error, executionTime,
 * outputs, dependentNodeIds}]`) cut down to evidence. The reply has no documented overall time: the
 * sum over nodes stands in (an upper bound when nodes run side by side), unless the answer gives
 * `executionTime` at the top.
 */

const OUTPUTS_BUDGET = 4000;

export interface Named {
  ref: string;
  name?: string;
  friendlyId?: string;
  status?: string;
}

export function namedOf(item: unknown, secrets: string[]): Named | undefined {
  const o = objectOf(item);
  const ref = o ? textOf(o.ref, secrets, 100) ?? textOf(typeof o.href === 'string' ? o.href.split('/').pop() : undefined, secrets, 100) : undefined;
  if (!o || !ref) return undefined;
  const name = textOf(o.name, secrets, 200);
  const friendlyId = textOf(o.friendlyId, secrets, 200);
  const status = textOf(o.status, secrets, 40) ?? textOf(o.state, secrets, 40);
  return { ref, ...(name ? { name } : {}), ...(friendlyId ? { friendlyId } : {}), ...(status ? { status } : {}) };
}

export type Choice = { ref: string } | { unresolved: Unresolved; candidates: string[] };

const labels = (items: Named[]): string[] => items.map((i) => i.name ?? i.friendlyId ?? i.ref).slice(0, 10);

/** A model or variant by name or friendly ID: exact first, then ignoring case. */
export function pickByName(items: Named[], wanted: string, kind: 'model' | 'variant'): Choice {
  const exact = items.filter((i) => i.name === wanted || i.friendlyId === wanted || i.ref === wanted);
  const hits = exact.length > 0 ? exact : items.filter((i) => i.name?.toLowerCase() === wanted.toLowerCase());
  if (hits.length === 1) return { ref: hits[0]!.ref };
  if (hits.length > 1) return { unresolved: `${kind}-ambiguous`, candidates: labels(hits) };
  const near = closest(wanted, labels(items));
  return { unresolved: `${kind}-not-found`, candidates: near ? [near] : labels(items) };
}

/** The variant to test when none is named: the one in production, or the only one. */
export function defaultVariant(variants: Named[]): Choice {
  const live = variants.filter((v) => (v.status ?? '').toUpperCase() === 'PRODUCTION');
  if (live.length === 1) return { ref: live[0]!.ref };
  if (variants.length === 1) return { ref: variants[0]!.ref };
  return { unresolved: variants.length === 0 ? 'variant-not-found' : 'variant-ambiguous', candidates: labels(variants) };
}

/** An error field as text: absent for null, false and empty. */
function errorText(v: unknown, secrets: string[]): string | undefined {
  if (v === undefined || v === null || v === false || v === '') return undefined;
  if (typeof v === 'string') return textOf(v, secrets, 300);
  return textOf(JSON.stringify(v), secrets, 300);
}

function outputsOf(v: unknown, secrets: string[]): { outputs: unknown[]; outputsCut?: boolean } {
  const all = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  const outputs: unknown[] = [];
  let size = 0;
  for (const o of all) {
    size += JSON.stringify(o ?? null).length;
    if (size > OUTPUTS_BUDGET) return { outputs, outputsCut: true };
    outputs.push(scrubDeep(o, secrets));
  }
  return { outputs };
}

function nodeOf(item: unknown, index: number, secrets: string[]): DecisionNode {
  const o = objectOf(item) ?? {};
  const id = textOf(typeof o.id === 'number' ? String(o.id) : o.id, secrets, 100) ?? `#${index + 1}`;
  const fields = { name: textOf(o.name, secrets, 200), type: textOf(o.type, secrets, 60), error: errorText(o.error, secrets), executionTimeMs: numberOf(o.executionTime) ?? numberOf(o.executionTimeMs) };
  const deps = Array.isArray(o.dependentNodeIds) ? o.dependentNodeIds.map((d) => textOf(typeof d === 'number' ? String(d) : d, secrets, 100)).filter((d): d is string => d !== undefined) : [];
  return { id, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)), ...outputsOf(o.outputs, secrets), dependentNodeIds: deps.slice(0, 50) } as DecisionNode;
}

/** What a 2xx test reply said. */
export function replyOf(body: Record<string, unknown>, secrets: string[]): Pick<DecisionTest, 'error' | 'errorCause' | 'totalMs' | 'totalFrom' | 'nodes'> {
  const nodes = Array.isArray(body.decisionModelResultNodes) ? body.decisionModelResultNodes.slice(0, 100).map((n, i) => nodeOf(n, i, secrets)) : [];
  const own = numberOf(body.executionTime);
  const times = nodes.map((n) => n.executionTimeMs).filter((t): t is number => t !== undefined);
  const total = own !== undefined ? { totalMs: own, totalFrom: 'answer' as const } : times.length > 0 ? { totalMs: times.reduce((a, b) => a + b, 0), totalFrom: 'nodes' as const } : {};
  const error = errorText(body.error, secrets);
  const errorCause = errorText(body.errorCause, secrets);
  return { ...(error ? { error } : {}), ...(errorCause ? { errorCause } : {}), ...total, nodes };
}
