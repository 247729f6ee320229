import { numberOf, objectOf, textOf } from './api.js';
import type { Flow, FlowVariant, TrafficSplit } from './evidence.js';

/**
 * One listed flow definition cut down to what the rules judge. The documented fields (friendlyId,
 * type, subtype, status, archived, schedule, traffic, sampleSizeConfig, variants) are read as
 * documented; where the documentation is silent (the shape of a split entry, how a variant is
 * marked as the control, where audiences are) a few plausible spellings are read and anything else
 * is left out, so an unexpected answer gives "unknown" rather than a wrong verdict. Variant
 * templates and every other field stay out of the evidence.
 */

const SPLIT_SHARE_KEYS = ['split', 'percentage', 'percent', 'value', 'weight', 'allocation'];
const SPLIT_VARIANT_KEYS = ['ref', 'variantRef', 'variant', 'variantId', 'name'];
const AUDIENCE_KEYS = ['audiences', 'audience', 'segments'];

const first = (o: Record<string, unknown>, keys: string[], read: (v: unknown) => unknown): unknown => {
  for (const k of keys) {
    const v = read(o[k]);
    if (v !== undefined) return v;
  }
  return undefined;
};

function splitOf(entry: unknown, secrets: string[]): TrafficSplit {
  const share = numberOf(entry);
  if (share !== undefined) return { percent: share };
  const o = objectOf(entry) ?? {};
  const percent = first(o, SPLIT_SHARE_KEYS, numberOf) as number | undefined;
  const variant = first(o, SPLIT_VARIANT_KEYS, (v) => textOf(v, secrets)) as string | undefined;
  return { ...(variant !== undefined ? { variant } : {}), ...(percent !== undefined ? { percent } : {}) };
}

function variantOf(entry: unknown, secrets: string[]): FlowVariant {
  const o = objectOf(entry) ?? {};
  const ref = textOf(o.ref, secrets) ?? textOf(o.id, secrets);
  const name = textOf(o.name, secrets);
  const control = o.isControl === true || o.control === true || (name !== undefined && /^control( group)?$/i.test(name));
  return { ...(ref ? { ref } : {}), ...(name ? { name } : {}), ...(control ? { control } : {}) };
}

/** Audience names from whichever audience field the answer has: texts, or objects with a name or ref. */
function audiencesOf(o: Record<string, unknown>, secrets: string[]): string[] | undefined {
  const key = AUDIENCE_KEYS.find((k) => o[k] !== undefined && o[k] !== null);
  if (!key) return undefined;
  const raw = Array.isArray(o[key]) ? (o[key] as unknown[]) : [o[key]];
  return raw
    .map((a) => textOf(a, secrets, 200) ?? textOf(objectOf(a)?.name, secrets, 200) ?? textOf(objectOf(a)?.friendlyId, secrets, 200) ?? textOf(objectOf(a)?.ref, secrets, 200))
    .filter((a): a is string => a !== undefined)
    .slice(0, 50);
}

function scheduleOf(v: unknown, secrets: string[]): Flow['schedule'] {
  const o = objectOf(v);
  if (!o) return undefined;
  const startDate = textOf(o.startDate, secrets, 40);
  const endDate = textOf(o.endDate, secrets, 40);
  return { ...(startDate ? { startDate } : {}), ...(endDate ? { endDate } : {}) };
}

function trafficOf(v: unknown, secrets: string[]): Flow['traffic'] {
  const o = objectOf(v);
  if (!o) return undefined;
  const allocation = numberOf(o.allocation);
  const weightingAlgorithm = textOf(o.weightingAlgorithm, secrets, 40);
  const splits = Array.isArray(o.splits) ? o.splits.slice(0, 50).map((s) => splitOf(s, secrets)) : [];
  return { ...(allocation !== undefined ? { allocation } : {}), ...(weightingAlgorithm ? { weightingAlgorithm } : {}), splits };
}

function sampleSizeOf(v: unknown): Flow['sampleSize'] {
  const o = objectOf(v);
  if (!o) return undefined;
  const out: NonNullable<Flow['sampleSize']> = {};
  for (const k of ['baseValue', 'minimumDetectableDifference', 'confidenceLevel'] as const) {
    const n = numberOf(o[k]);
    if (n !== undefined) out[k] = n;
  }
  return out;
}

/** Undefined for an item without a ref (it cannot be told apart from others). */
export function flowOf(item: unknown, secrets: string[]): Flow | undefined {
  const o = objectOf(item);
  const ref = o ? textOf(o.ref, secrets, 100) ?? textOf(typeof o.href === 'string' ? o.href.split('/').pop() : undefined, secrets, 100) : undefined;
  if (!o || !ref) return undefined;
  const text = (k: string, max = 120) => textOf(o[k], secrets, max);
  const optional = {
    friendlyId: text('friendlyId'), name: text('name', 200), type: text('type', 40), subtype: text('subtype', 40), status: text('status', 40),
    archived: typeof o.archived === 'boolean' ? o.archived : undefined,
    channels: Array.isArray(o.channels) ? o.channels.map((c) => textOf(c, secrets, 40)).filter((c): c is string => c !== undefined).slice(0, 20) : undefined,
    schedule: scheduleOf(o.schedule, secrets), traffic: trafficOf(o.traffic, secrets), sampleSize: sampleSizeOf(o.sampleSizeConfig), audiences: audiencesOf(o, secrets),
  };
  const variants = Array.isArray(o.variants) ? o.variants.slice(0, 50).map((v) => variantOf(v, secrets)) : [];
  return { ref, ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)), variants } as Flow;
}
