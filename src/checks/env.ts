import type { Environment } from '../playbook/model.js';

/**
 * The variables a check target may reference as ${env.<name>} in one environment: `name`, `url`,
 * `host` (host and, when not the default, port of the url, as in URL.host), `hostname` (without
 * the port), `httpUrl` (http://<hostname>/), `apexUrl` (http://<apex>/
 * when vars.apex is set), and every entry of `vars`, which wins over the derived ones.
 */
export function envVars(name: string, env: Environment | undefined): Record<string, string> {
  const vars: Record<string, string> = { name };
  if (env?.url) {
    vars.url = env.url;
    try {
      const u = new URL(env.url);
      vars.host = u.host;
      vars.hostname = u.hostname;
    } catch {
      // The schema has validated the URL; nothing to add.
    }
  } else if (env?.hosts[0]) vars.host = vars.hostname = env.hosts[0];
  const all: Record<string, string> = { ...vars, ...(env?.vars ?? {}) };
  // Plain-HTTP entry points, for the redirect checks; a project can set its own (another port, say).
  if (all.hostname && !all.httpUrl) all.httpUrl = `http://${all.hostname}/`;
  if (all.apex && !all.apexUrl) all.apexUrl = `http://${all.apex}/`;
  return all;
}

const REF = /\$\{env\.([A-Za-z0-9_-]+)\}/g;

/** Names of the ${env.*} variables a value (string, list or mapping, deeply) refers to. */
export function envRefs(value: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') for (const m of v.matchAll(REF)) found.add(m[1]!);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return [...found];
}

/** Replace ${env.*} references; `missing` lists the variables that are not set. */
export function interpolate<T>(value: T, vars: Record<string, string>): { value: T; missing: string[] } {
  const missing = new Set<string>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      return v.replace(REF, (whole, key: string) => {
        const x = vars[key];
        if (x === undefined) missing.add(key);
        return x ?? whole;
      });
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return { value: walk(value) as T, missing: [...missing] };
}
