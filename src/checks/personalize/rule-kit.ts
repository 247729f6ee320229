/**
 * What the personalize rules share: the verdicts for missing or refused credentials, and finding
 * the flows the site declares among those the API listed. Pure: no I/O, no clock.
 */
import { closest } from '../../lib/suggest.js';
import { listOf, notConfiguredVerdict } from '../cdp/target.js';
import type { Finding, RuleMeta, Verdict } from '../types.js';
import { fail, info, verdictFrom } from '../verdict.js';
import type { Answered, ApiRefusal, Flow, NotConfigured } from './evidence.js';
import { credentialSource, type ApiOptions, type FlowDeclaration } from './options.js';

export { listOf };

const REFUSED_HINT = {
  token: (o: ApiOptions) =>
    `the token endpoint refused the API key and secret: check that ${o.apiKeyVariable} and ${o.apiSecretVariable} hold a current key of this Personalize organisation (Settings > API keys; a deleted or rotated key must be replaced here too), or set auth: basic for a tenant reached with a client key and API token`,
  apiOauth: () =>
    'the token was issued but this API refused it: the API key may not cover this feature (keys are made per feature: connections, decision model testing, or multiple resources), or the base URL is another region than the organisation\'s',
  apiBasic: (o: ApiOptions) =>
    `check that ${o.apiKeyVariable} and ${o.apiSecretVariable} hold the client key and API token of this tenant (Settings > API access) and that the base URL is the tenant's region; a tenant on the Cloud Portal needs auth: oauth with an API key`,
};

/** The API or its token endpoint refused the credentials (401/403). */
export function refusedFinding(r: ApiRefusal, o: ApiOptions, subject: string): Finding {
  const again = r.reused ? ' (refused earlier in this run; not sent again)' : '';
  const where = r.at === 'token' ? 'the token endpoint' : 'the API';
  const hint = r.at === 'token' ? REFUSED_HINT.token(o) : o.auth === 'oauth' ? REFUSED_HINT.apiOauth() : REFUSED_HINT.apiBasic(o);
  return fail('api-credentials-rejected', `${where} answered ${r.status} to the credentials in ${o.apiKeyVariable} and ${o.apiSecretVariable}${again}${r.detail ? `: ${r.detail}` : ''}`, hint, subject);
}

/**
 * The evidence to judge, or the verdict when there is none: credentials not set (skipped) or
 * refused (fail). `what` completes "… not set, so": "no flow was looked up".
 */
export function judgeable<E extends Answered>(meta: Pick<RuleMeta, 'title' | 'failureTitle'>, e: NotConfigured | E, o: ApiOptions, what: string): { verdict: Verdict } | { evidence: E } {
  if (!e.configured) return { verdict: notConfiguredVerdict(what, e.missing, credentialSource(o.auth)) };
  if (e.refused) return { verdict: verdictFrom(meta, [refusedFinding(e.refused, o, e.base)]) };
  return { evidence: e };
}

/** Statuses in which a flow runs now or will run: it serves decisions around go-live. */
export const RUNNING_STATUSES = ['LIVE', 'SCHEDULED', 'PRODUCTION', 'PUBLISHING'];
export const isRunning = (f: Flow): boolean => f.archived !== true && RUNNING_STATUSES.includes((f.status ?? '').toUpperCase());

/** How people recognise a flow in messages: its name and friendly ID. */
export function flowLabel(f: Flow): string {
  if (f.name && f.friendlyId && f.name !== f.friendlyId) return `"${f.name}" (${f.friendlyId})`;
  return `"${f.name ?? f.friendlyId ?? f.ref}"`;
}

export type Lookup = { found: Flow } | { missing: true; near?: string } | { ambiguous: Flow[] };

/** A declared flow by friendly ID (exact), else by name (exact, then ignoring case); archived copies lose to live ones. */
export function findFlow(flows: Flow[], wanted: string): Lookup {
  const byId = flows.filter((f) => f.friendlyId === wanted);
  const byName = byId.length > 0 ? byId : flows.filter((f) => f.name === wanted);
  const hits = byName.length > 0 ? byName : flows.filter((f) => f.name !== undefined && f.name.toLowerCase() === wanted.toLowerCase());
  const current = hits.filter((f) => f.archived !== true);
  const pick = current.length > 0 ? current : hits;
  if (pick.length === 1) return { found: pick[0]! };
  if (pick.length > 1) return { ambiguous: pick };
  const near = closest(wanted, flows.flatMap((f) => [f.friendlyId, f.name]).filter((x): x is string => x !== undefined));
  return { missing: true, ...(near ? { near } : {}) };
}

export interface Selection {
  flows: { flow: Flow; declared?: FlowDeclaration }[];
  /** Declared flows the API did not list (flows-live reports them; here they are noted). */
  notes: Finding[];
}

/** The flows a rule judges: the declared ones the API listed, or, when none is declared, every running flow. */
export function selectFlows(all: Flow[], declared: FlowDeclaration[]): Selection {
  if (declared.length === 0) return { flows: all.filter(isRunning).map((flow) => ({ flow })), notes: [] };
  const flows: Selection['flows'] = [];
  const unknown: string[] = [];
  for (const d of declared) {
    const l = findFlow(all, d.flow);
    if ('found' in l) flows.push({ flow: l.found, declared: d });
    else unknown.push(d.flow);
  }
  const notes = unknown.length > 0 ? [info('flows-not-listed', `not judged, as the API lists no single flow by this friendly ID or name: ${listOf(unknown)} (personalize/flows-live reports them)`)] : [];
  return { flows, notes };
}

/** "1 flow" / "3 flows". */
export const count = (n: number, noun: string, plural = `${noun}s`): string => `${n} ${n === 1 ? noun : plural}`;

/** An instant as messages show it: to the minute, in UTC ("2026-12-01T08:00Z"). */
export const instant = (d: Date): string => d.toISOString().replace(/:\d\d\.\d{3}Z$/, 'Z');

/** A date from the answer, or undefined when absent or unreadable. */
export function dateOf(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : new Date(t);
}
