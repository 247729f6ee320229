import type { NetOptions, ProbeContext } from '../types.js';
import type { Flow, FlowsEvidence } from './evidence.js';
import type { ApiInput } from './inputs.js';

/** Shared by the personalize tests (free of vitest and test/support, so it compiles with src). */

/** Distinctive credentials: tests search everything recorded for them. */
export const API_KEY = 'pk-2b7d4e91-golive-personalize-api-key-a3f0';
export const API_SECRET = 'ps-Zx81Qv0LmT5wR2yN6-golive-personalize-secret-Kp';
/** What a Basic header would carry, and the form-encoded secret of an OAuth request. */
export const BASIC_VALUE = Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64');

export const CREDENTIAL_ENV = { SITECORE_PERSONALIZE_API_KEY: API_KEY, SITECORE_PERSONALIZE_API_SECRET: API_SECRET };

/** Every form of the credentials (and any issued access token) found in `text`: none, in a passing test. */
export function leaks(text: string, tokens: string[] = []): string[] {
  return [API_KEY, API_SECRET, BASIC_VALUE, ...tokens].filter((s) => text.includes(s));
}

export function personalizeCtx(net: Partial<NetOptions>, timeoutMs = 4000, cdp?: ProbeContext['cdp']): ProbeContext {
  return {
    signal: new AbortController().signal, net: { resolvers: [], resolve: {}, ca: [], timeoutMs, ...net }, log: { debug: () => undefined },
    now: new Date(), cwd: '.', allowLogin: false, ...(cdp ? { cdp } : {}),
  };
}

/** A probe input against a base URL, signing in with OAuth at `tokenUrl` (or Basic). */
export function apiInputFor(baseUrl: string, tokenUrl: string, auth: 'oauth' | 'basic' = 'oauth'): ApiInput {
  return { baseUrl, auth, tokenUrl, apiKeyVariable: 'SITECORE_PERSONALIZE_API_KEY', apiSecretVariable: 'SITECORE_PERSONALIZE_API_SECRET' };
}

// Evidence builders for the rule tests (ruleCtx of ../http/test-helpers: now 2026-11-20T10:00Z, go-live 2026-12-01T08:00Z).
export const BASE = 'https://api-engage-eu.sitecorecloud.io/';

/** A live web experience that started before go-live, with whatever `extra` changes. */
export function flow(friendlyId: string, extra: Partial<Flow> = {}): Flow {
  return { ref: `ref-${friendlyId}`, friendlyId, name: friendlyId.replace(/_/g, ' '), type: 'INTERACTIVE_WEB_FLOW', subtype: 'EXPERIENCE', status: 'LIVE', archived: false, schedule: { startDate: '2026-11-10T00:00:00.000Z' }, traffic: { allocation: 100, splits: [] }, variants: [], ...extra };
}

export function flowsEvidence(flows: Flow[], extra: Partial<Extract<FlowsEvidence, { configured: true }>> = {}): FlowsEvidence {
  return { configured: true, base: BASE, auth: 'oauth', flows, truncated: false, unreadable: 0, declaredSegments: [], ...extra };
}

export const NOT_CONFIGURED = { configured: false as const, missing: ['SITECORE_PERSONALIZE_API_KEY', 'SITECORE_PERSONALIZE_API_SECRET'] };
export const REFUSED_AT_TOKEN = { refused: { status: 401, at: 'token' as const } };
