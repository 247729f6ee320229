import { z } from 'zod';
import type { UrlTarget } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, verdictFrom, warn } from '../verdict.js';
import type { PageEvidence } from './evidence.js';
import { normalLoad, PAGE_TARGET_HELP, pageOptions, pageTarget } from './rule-kit.js';
import { callKind, isSitecoreHost, SDK_ERROR } from './sitecore.js';

export const ScriptHealthOptions = pageOptions({
  maxConsoleErrors: z.number().int().min(0).default(0).describe('Console errors tolerated (failed resource loads and CSP reports are judged on their own, not counted here).'),
  ignoreConsole: z.array(z.string().min(1)).default([]).describe('Console errors to ignore: text they contain, e.g. [favicon, "third-party widget"].'),
});
export type ScriptHealthOptions = z.infer<typeof ScriptHealthOptions>;

const meta: RuleMeta = {
  id: 'page/script-health',
  probe: 'page/load',
  title: 'The Sitecore script loads cleanly, once, in order',
  failureTitle: 'The Sitecore script or the page\'s scripts have problems',
  description:
    'Reads the page\'s network, console and CSP reports: no script that fails to load, no uncaught error, no console error (beyond ' +
    '`maxConsoleErrors`), one copy of each Sitecore SDK (two copies, say a tag manager\'s and the site bundle\'s, send every event twice ' +
    'and fight over cookies), no Content-Security-Policy violation that blocks the Edge or events host (the SDK then fails without a visible ' +
    'sign), and no SDK used before it was loaded or initialised (load order: `[IE-0012]`, `[IE-0014]`, `[IE-0016]`, "Engage is not defined").',
  docs: 'docs/rules/page/script-health.md',
  targetHelp: PAGE_TARGET_HELP,
  examples: [{ target: 'https://www.example.com/', with: { consent: '#accept', ignoreConsole: ['favicon'] } }],
};

/** Chromium's console line for a CSP violation: reported from the violation itself. */
const CSP_CONSOLE = /Content Security Policy/i;
const ORDER = /\[IE-001[2-7]\]|(Engage|scCloudSDK) is not defined|Cannot read properties of undefined \(reading '(pageView|personalize|identity|event)'\)/;

function sitecoreTarget(e: PageEvidence, uri: string): boolean {
  const edge = e.sdk.cloud?.edgeUrl ? hostOf(e.sdk.cloud.edgeUrl) : undefined;
  try {
    const u = new URL(uri);
    return callKind(u) !== undefined || isSitecoreHost(u.hostname) || (edge !== undefined && u.host === edge) || e.calls.some((c) => hostOf(c.url) === u.host);
  } catch {
    return false;
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** SDK files per document, the most any one document asked for: each page of a journey loads the SDK afresh. */
function filesPerPage(e: PageEvidence): Map<string, number> {
  const perDocument = new Map<string, number>();
  const most = new Map<string, number>();
  for (const s of e.sdk.scripts) {
    const key = `${s.sdk} ${s.document ?? 0}`;
    const n = (perDocument.get(key) ?? 0) + 1;
    perDocument.set(key, n);
    most.set(s.sdk, Math.max(most.get(s.sdk) ?? 0, n));
  }
  return most;
}

function duplicates(e: PageEvidence): Finding[] {
  const out: Finding[] = [];
  const files = filesPerPage(e);
  for (const [sdk, n] of [['Cloud SDK', Math.max(e.sdk.copies.cloud, files.get('cloud') ?? 0)], ['Engage SDK', Math.max(e.sdk.copies.engage, files.get('engage') ?? 0)]] as const) {
    if (n > 1) out.push(fail('duplicate-sdk', `${n} copies of the ${sdk} on the page`, 'load the SDK once: remove the tag manager\'s copy or the bundled one', e.url));
  }
  return out;
}

function findings(e: PageEvidence, o: ScriptHealthOptions): Finding[] {
  const out: Finding[] = [];
  for (const r of e.requests.list.filter((x) => x.type === 'script' && !x.blocked && (x.failure !== undefined || (x.status ?? 0) >= 400))) {
    out.push(fail('script-failed', `script ${r.url} ${r.failure ? `failed: ${r.failure}` : `answered ${r.status}`}`, 'fix the script URL or the server that serves it', r.url));
  }
  const texts = [...e.errors.map((x) => x.message), ...e.console.filter((c) => c.type === 'error').map((c) => c.text)];
  for (const t of [...new Set(texts.filter((x) => ORDER.test(x)))].slice(0, 3)) out.push(fail('sdk-load-order', `the SDK was used before it was loaded or initialised: ${t.slice(0, 160)}`, 'load and initialise the SDK before calling it (await initialize / the script\'s onload), once per page', e.url));
  for (const err of e.errors.filter((x) => !ORDER.test(x.message)).slice(0, 3)) out.push(fail('page-error', `uncaught error: ${err.message.slice(0, 200)}`, SDK_ERROR.test(err.message) ? 'catch the SDK\'s errors (try/catch around SDK calls)' : 'fix the error; the page\'s scripts may stop before the SDK runs', e.url));
  const consoleErrors = e.console.filter((c) => c.type === 'error' && !c.text.startsWith('Failed to load resource') && !CSP_CONSOLE.test(c.text) && !ORDER.test(c.text) && !o.ignoreConsole.some((i) => c.text.includes(i)));
  if (consoleErrors.length > o.maxConsoleErrors) out.push(fail('console-errors', `${consoleErrors.length} console error(s), first: ${consoleErrors[0]!.text.slice(0, 160)}`, 'fix them, or list known harmless ones in ignoreConsole', consoleErrors[0]!.source));
  out.push(...duplicates(e));
  // A report-only policy (Content-Security-Policy-Report-Only) blocks nothing: it is not a finding.
  for (const v of e.csp.filter((x) => x.disposition !== 'report')) {
    if (sitecoreTarget(e, v.blockedUri)) out.push(fail('csp-blocks-events-host', `the Content-Security-Policy (${v.directive}) blocks ${v.blockedUri}`, `allow the Edge host in ${v.directive || 'connect-src'} (e.g. connect-src https://edge-platform.sitecorecloud.io)`, v.blockedUri));
    else out.push(warn('csp-violation', `the Content-Security-Policy (${v.directive}) blocks ${v.blockedUri || '(inline)'}`, 'allow what the page needs in its policy, or remove what it does not', v.blockedUri || e.url));
  }
  return out;
}

export const scriptHealthRule: Rule<UrlTarget, ScriptHealthOptions, PageEvidence> = {
  meta,
  ...pageTarget,
  options: ScriptHealthOptions,
  probeInput: normalLoad,
  judge: (e, o) => verdictFrom(meta, findings(e, o), `${e.requests.count} requests, ${e.sdk.scripts.length} SDK file(s), no error`),
};
