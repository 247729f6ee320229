import type { PageMetrics } from '../../browser/types.js';
import type { CompareEvidence, PageEvidence, SitecoreCall } from './evidence.js';

/** Evidence builders for the page rule tests (free of vitest, so they compile with src). */

const EDGE = 'https://edge.shop.example';
export const PAGE = 'https://www.shop.example/';

export function call(kind: SitecoreCall['kind'], startMs: number, body?: Record<string, unknown>, extra: Partial<SitecoreCall> = {}): SitecoreCall {
  const path = { events: '/v1/events/v1.2/events', decision: '/v1/personalize', browser: '/v1/events/v1.2/browser/create.json', 'cdn-url': '/v1/personalize/cdn-url' }[kind];
  return { kind, sdk: 'cloud', url: `${EDGE}${path}`, method: kind === 'browser' ? 'GET' : 'POST', startMs, document: 0, status: kind === 'events' ? 201 : 200, ...(body ? { body } : {}), ...extra };
}

export const view = (startMs: number, extra: Partial<SitecoreCall> = {}) => call('events', startMs, { type: 'VIEW', channel: 'WEB', currency: 'EUR', language: 'EN' }, extra);
export const decision = (startMs: number, flow = 'homepage_hero', extra: Partial<SitecoreCall> = {}) => call('decision', startMs, { friendlyId: flow }, { response: { variant: 'B' }, ...extra });

/** A good page: Cloud SDK, consent at 500 ms, browser/VIEW/decision after it, one filled slot. */
export function page(over: Partial<PageEvidence> = {}): PageEvidence {
  return {
    url: PAGE, finalUrl: PAGE, status: 200, blocked: false, lang: 'en-GB', title: 'Shop',
    sdk: { cloud: { core: '0.6.1', events: '0.6.1', personalize: '0.6.1', edgeUrl: EDGE, siteName: 'shop', contextId: 'ctx' }, scripts: [], copies: { cloud: 1, engage: 0 } },
    calls: [call('browser', 600), view(700), decision(800)],
    requests: { count: 5, truncated: false, list: [{ url: PAGE, method: 'GET', type: 'document', startMs: 0, status: 200 }] },
    console: [], errors: [], csp: [],
    steps: [{ step: 'click #accept', consent: true, atMs: 500, durationMs: 50, ok: true }], journeyComplete: true,
    consent: { declared: true, atMs: 500, cookiesBefore: [] },
    slots: [{ name: 'hero', found: true, visible: true, filledAtMs: 900, text: 'Autumn sale', links: [{ href: 'https://www.shop.example/sale', text: 'Shop' }], images: [{ src: 'https://www.shop.example/a.png', loaded: true }], attributes: { 'data-variant': 'B' } }],
    links: [{ url: 'https://www.shop.example/sale', status: 200 }],
    events: { sent: 1, types: ['VIEW'], checks: [{ id: 'events/language-code', title: 'Every event has an uppercase two-letter language code', severity: 'fail', applicable: 1, violations: 0 }], skipped: [] },
    declared: { languages: null, identityRules: null },
    metrics: { lcpMs: 400, fcpMs: 300, cls: 0, tbtMs: 0, longTasks: 0 },
    durationMs: 1500,
    ...over,
  };
}

export function compare(normal: Partial<PageMetrics>, blocked: Partial<PageMetrics> = {}): CompareEvidence {
  const base: PageMetrics = { lcpMs: 400, fcpMs: 300, cls: 0, tbtMs: 0, longTasks: 0 };
  return { url: PAGE, normal: { metrics: { ...base, ...normal }, durationMs: 1000, calls: 3 }, blocked: { metrics: { ...base, ...blocked }, durationMs: 900, blockedRequests: 3 } };
}

/** Status and non-info finding codes, the shape every table compares. */
export const outcome = (v: { status: string; findings: { severity: string; code: string; hint?: string }[] }) => [v.status, ...v.findings.filter((f) => f.severity !== 'info').map((f) => f.code)];
