import * as cdp from './cdp/index.js';
import * as data from './data/index.js';
import * as dns from './dns/index.js';
import * as email from './email/index.js';
import * as http from './http/index.js';
import * as latency from './latency/index.js';
import * as page from './page/index.js';
import * as personalize from './personalize/index.js';
import * as spryker from './spryker/index.js';
import * as tls from './tls/index.js';
import type { AnyProbe, AnyRule } from './types.js';

/** A pack of checks: a domain's rules, and its probes, loaded on demand (they pull in network libraries). */
export interface Pack {
  rules: AnyRule[];
  loadProbes(): Promise<AnyProbe[]>;
}

/** Probes and rules by id. Explicit: every pack is imported by name, nothing is discovered by scanning folders. */
export interface Registry {
  probes: ReadonlyMap<string, AnyProbe>;
  rules: ReadonlyMap<string, AnyRule>;
}

function ruleMap(rules: AnyRule[]): Map<string, AnyRule> {
  const map = new Map<string, AnyRule>();
  for (const r of rules) {
    if (map.has(r.meta.id)) throw new Error(`rule ${r.meta.id} is registered twice`);
    map.set(r.meta.id, r);
  }
  return map;
}

/** Join probes and rules; duplicate ids and rules whose probe is missing are programming errors. */
export function createRegistry(parts: { probes: AnyProbe[]; rules: AnyRule[] }[]): Registry {
  const probes = new Map<string, AnyProbe>();
  for (const p of parts.flatMap((x) => x.probes)) {
    if (probes.has(p.id)) throw new Error(`probe ${p.id} is registered twice`);
    probes.set(p.id, p);
  }
  const rules = ruleMap(parts.flatMap((x) => x.rules));
  for (const r of rules.values()) {
    if (!probes.has(r.meta.probe)) throw new Error(`rule ${r.meta.id} needs probe ${r.meta.probe}, which is not registered`);
  }
  return { probes, rules };
}

export const BUILTIN_PACKS: Pack[] = [dns, tls, http, email, spryker, data, cdp, personalize, page, latency];

let catalog: Map<string, AnyRule> | undefined;
/** Every built-in rule by id: enough to validate a project and list rules, without loading any probe. */
export function builtinRules(): ReadonlyMap<string, AnyRule> {
  catalog ??= ruleMap(BUILTIN_PACKS.flatMap((p) => p.rules));
  return catalog;
}

let full: Promise<Registry> | undefined;
/** The registry with every built-in probe loaded, for running checks. */
export function loadBuiltinRegistry(): Promise<Registry> {
  full ??= Promise.all(BUILTIN_PACKS.map(async (p) => ({ rules: p.rules, probes: await p.loadProbes() }))).then(createRegistry);
  return full;
}
