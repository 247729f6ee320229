import type { Probe, ProbeContext } from '../types.js';
import { get, jsonOf, refusedStatus, scrub, type CdpSession } from '../cdp/client.js';
import { joinUrl } from '../cdp/inputs.js';
import { numberOf, objectOf, readList, textOf } from './api.js';
import { apiRefusal, withApi } from './auth.js';
import type { ApiRefusal, Connection, ConnectionsEvidence, ConnectionTimeout } from './evidence.js';
import { ConnectionsInput } from './inputs.js';

export { ConnectionsInput } from './inputs.js';

/**
 * Lists the tenant's connections (GET /v2/connections) and records, for each, where it points (the
 * origin only) and every timeout it carries. The timeout keys are not documented (integer connect
 * and socket timeouts in milliseconds are): every key with "timeout" in its name is read, outside
 * the parts that hold secrets or payloads (auth, headers, body, mappings), which are never read.
 * A listed item without a request object is read on its own, from the same base URL.
 */

const MAX_PAGES = 5;
const MAX_DETAILS = 50;
const MAX_LISTED = 200;
const NOT_READ = new Set(['auth', 'authentication', 'headers', 'requestBody', 'body', 'inputMappings', 'outputMappings', 'params', 'parameters']);

function kindOf(key: string): ConnectionTimeout['kind'] {
  if (/connect/i.test(key)) return 'connect';
  if (/socket|read|response/i.test(key)) return 'socket';
  return 'other';
}

/** Timeout-named keys up to three levels down, outside secret-bearing parts. */
export function timeoutsOf(o: Record<string, unknown>, prefix = '', depth = 0): ConnectionTimeout[] {
  const out: ConnectionTimeout[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (NOT_READ.has(k)) continue;
    const path = `${prefix}${k}`;
    const inner = objectOf(v);
    if (inner && depth < 2) out.push(...timeoutsOf(inner, `${path}.`, depth + 1));
    else if (/timeout/i.test(k)) {
      const ms = numberOf(v);
      out.push({ path, kind: kindOf(k), ...(ms !== undefined ? { ms } : {}) });
    }
  }
  return out.slice(0, 20);
}

function hostOf(v: unknown, secrets: string[]): string | undefined {
  if (typeof v !== 'string') return undefined;
  try {
    const origin = new URL(v).origin;
    return origin === 'null' ? undefined : scrub(origin, secrets).slice(0, 200);
  } catch {
    return undefined;
  }
}

function connectionOf(item: unknown, secrets: string[]): Connection {
  const o = objectOf(item) ?? {};
  const request = objectOf(o.request) ?? {};
  const ref = textOf(o.ref, secrets, 100) ?? textOf(typeof o.href === 'string' ? o.href.split('/').pop() : undefined, secrets, 100);
  const fields = {
    ref, systemType: textOf(o.systemType, secrets, 40), authType: textOf(objectOf(o.auth)?.authType, secrets, 40),
    requestType: textOf(request.requestType, secrets, 20), host: hostOf(request.connectionUrl, secrets),
  };
  const name = textOf(o.name, secrets, 200) ?? ref ?? '(unnamed)';
  return { name, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)), timeouts: timeoutsOf(o) } as Connection;
}

/** A listed summary (no request object) is read on its own, by ref, from the same base URL. */
const summary = (item: unknown): string | undefined => {
  const o = objectOf(item);
  return o && o.request === undefined && typeof o.ref === 'string' ? o.ref : undefined;
};

async function detail(s: CdpSession, baseUrl: string, ref: string): Promise<{ value: unknown } | { refused: ApiRefusal }> {
  const url = joinUrl(baseUrl, `v2/connections/${encodeURIComponent(ref)}`);
  const a = await get(s, url);
  return refusedStatus(a.status) ? { refused: apiRefusal(a) } : { value: jsonOf(url, a) };
}

async function run(input: ConnectionsInput, ctx: ProbeContext): Promise<ConnectionsEvidence> {
  return withApi(input, ctx, 4 * 1024 * 1024, async (s, c, base) => {
    const listed = await readList(s, input, ctx, c, 'v2/connections', MAX_PAGES);
    if ('refused' in listed) return { configured: true, base, auth: input.auth, refused: listed.refused, connections: [], truncated: false };
    const connections: Connection[] = [];
    let refused: ApiRefusal | undefined;
    let read = 0;
    for (const item of listed.items.slice(0, MAX_LISTED)) {
      let full = item;
      const ref = summary(item);
      if (ref && !refused && read++ < MAX_DETAILS) {
        const d = await detail(s, input.baseUrl, ref);
        if ('refused' in d) refused = d.refused;
        else full = d.value;
      }
      connections.push(connectionOf(full, s.secrets));
    }
    ctx.log.debug('personalize/connections', { base, connections: connections.length });
    return { configured: true, base, auth: input.auth, connections, truncated: listed.truncated || listed.items.length > MAX_LISTED, ...(refused ? { refused } : {}) };
  });
}

export const connectionsProbe: Probe<ConnectionsInput, ConnectionsEvidence> = {
  id: 'personalize/connections',
  description: 'Lists the connections of a Sitecore Personalize tenant (GET /v2/connections), signed in with credentials from the environment; records each one\'s host, auth type and timeouts, never its credentials, headers or body.',
  input: ConnectionsInput,
  run,
};
