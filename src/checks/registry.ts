import * as dns from './dns/index.js';
import * as email from './email/index.js';
import * as http from './http/index.js';
import * as tls from './tls/index.js';
import type { AnyProbe, AnyRule } from './types.js';

/** A pack of checks: a domain's probes and the rules that judge their evidence. */
export interface Pack {
  probes: AnyProbe[];
  rules: AnyRule[];
}

/** Probes and rules by id. Explicit: every pack is imported by name, nothing is discovered by scanning folders. */
export interface Registry {
  probes: ReadonlyMap<string, AnyProbe>;
  rules: ReadonlyMap<string, AnyRule>;
}

/** Join packs into a registry; duplicate ids and rules whose probe is missing are programming errors. */
export function createRegistry(packs: Pack[]): Registry {
  const probes = new Map<string, AnyProbe>();
  const rules = new Map<string, AnyRule>();
  for (const pack of packs) {
    for (const p of pack.probes) {
      if (probes.has(p.id)) throw new Error(`probe ${p.id} is registered twice`);
      probes.set(p.id, p);
    }
    for (const r of pack.rules) {
      if (rules.has(r.meta.id)) throw new Error(`rule ${r.meta.id} is registered twice`);
      rules.set(r.meta.id, r);
    }
  }
  for (const r of rules.values()) {
    if (!probes.has(r.meta.probe)) throw new Error(`rule ${r.meta.id} needs probe ${r.meta.probe}, which is not registered`);
  }
  return { probes, rules };
}

export const BUILTIN_PACKS: Pack[] = [dns, tls, http, email];

let builtin: Registry | undefined;
/** The registry of every built-in rule (built once; it is immutable). */
export function builtinRegistry(): Registry {
  builtin ??= createRegistry(BUILTIN_PACKS);
  return builtin;
}
