/**
 * How a page's requests show the Sitecore scripts at work, for both SDK generations (pure: the
 * probe and the rules share it). Paths decide, not hosts: the Cloud SDK talks to whatever
 * `sitecoreEdgeUrl` says (a proxy, a region), and the Engage SDK to its `targetURL`.
 *
 * Cloud SDK 0.6 (`@sitecore-cloudsdk/*`): GET {edge}/v1/events/v1.2/browser/create.json,
 * POST {edge}/v1/events/v1.2/events, POST {edge}/v1/personalize, GET {edge}/v1/personalize/cdn-url.
 * Engage SDK (`engage.min.js`): POST {target}/v1.2/events, POST {target}/v2/callFlows,
 * GET /v1.2/browser/create.json and the direct GET /v1.2/event/create.json?message=….
 */
export type CallKind = 'events' | 'decision' | 'browser' | 'cdn-url';
export type Sdk = 'cloud' | 'engage';

const CALLS: { kind: CallKind; sdk: Sdk; path: RegExp }[] = [
  { kind: 'events', sdk: 'cloud', path: /\/v1\/events\/v1\.2\/events$/ },
  { kind: 'browser', sdk: 'cloud', path: /\/v1\/events\/v1\.2\/browser\/(create|[^/]+\/show)\.json$/ },
  { kind: 'cdn-url', sdk: 'cloud', path: /\/v1\/personalize\/cdn-url$/ },
  { kind: 'decision', sdk: 'cloud', path: /\/v1\/personalize$/ },
  { kind: 'events', sdk: 'engage', path: /\/v1\.2\/events$/ },
  { kind: 'events', sdk: 'engage', path: /\/v1\.2\/event\/create\.json$/ },
  { kind: 'browser', sdk: 'engage', path: /\/v1\.2\/browser\/(create|[^/]+\/show)\.json$/ },
  { kind: 'decision', sdk: 'engage', path: /\/v2\/callFlows$/ },
];

/** Script files of the SDKs when a page loads them as files (a CDN or the site's own copy). */
const SCRIPTS: { sdk: Sdk; path: RegExp }[] = [
  { sdk: 'engage', path: /(^|\/)(sitecore-)?engage(-v?[\d.]+)?(\.min)?\.js$/i },
  { sdk: 'engage', path: /(^|\/)boxever[^/]*\.js$/i },
  { sdk: 'cloud', path: /(sitecore[-_.]?cloudsdk|@sitecore-cloudsdk)/i },
];

/** Hosts that serve only Sitecore's tracking and decisions. */
const HOSTS = [/^edge-platform\.sitecorecloud\.io$/i, /^api-engage-[a-z]+\.sitecorecloud\.io$/i, /^api(-[a-z]+)?\.boxever\.com$/i];

export function callKind(url: URL): { kind: CallKind; sdk: Sdk } | undefined {
  const hit = CALLS.find((c) => c.path.test(url.pathname));
  return hit ? { kind: hit.kind, sdk: hit.sdk } : undefined;
}

export function sdkScript(url: URL): Sdk | undefined {
  return SCRIPTS.find((s) => s.path.test(url.pathname))?.sdk;
}

export function isSitecoreHost(host: string): boolean {
  return HOSTS.some((h) => h.test(host));
}

/** Tracking calls: anything that identifies the browser to Sitecore (events, browser IDs, decisions). */
export const TRACKING_KINDS: readonly CallKind[] = ['events', 'browser', 'decision'];

/**
 * What the fallback and performance comparisons block: every Sitecore call and SDK script, the
 * Sitecore hosts, and the hosts or URL prefixes the user adds (a tag manager's copy, a proxy).
 */
export function blockedBy(extra: readonly string[]): (url: URL) => boolean {
  const prefixes = extra.map((e) => e.replace(/^https?:\/\//i, '').toLowerCase());
  return (url) => {
    if (callKind(url) || sdkScript(url) || isSitecoreHost(url.hostname)) return true;
    const here = `${url.host}${url.pathname}`.toLowerCase();
    return prefixes.some((p) => here === p || here.startsWith(p.includes('/') ? p : `${p}/`) || url.hostname.toLowerCase() === p);
  };
}

/** Cloud SDK error codes in messages: `[IE-0003]`, `[MV-0004]`, `[IV-0001]`. */
export const SDK_ERROR = /\[(IE|MV|IV)-\d{4}\]/;
