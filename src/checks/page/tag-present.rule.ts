import { z } from 'zod';
import type { UrlTarget } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, verdictFrom } from '../verdict.js';
import type { PageEvidence } from './evidence.js';
import { callFailed, callUnanswered, describeCall, normalLoad, PAGE_TARGET_HELP, pageOptions, pageTarget } from './rule-kit.js';

export const TagPresentOptions = pageOptions({
  sdk: z.enum(['any', 'cloud', 'engage']).default('any').describe('Which Sitecore script the page must run: cloud (@sitecore-cloudsdk), engage (engage.min.js) or any.'),
  edgeUrl: z.string().min(1).optional().describe('The Edge URL the Cloud SDK must be set up with (sitecoreEdgeUrl), e.g. https://edge-platform.sitecorecloud.io; default: not checked.'),
  requireEvents: z.boolean().default(true).describe('The page must also send at least one event that the platform accepts.'),
});
export type TagPresentOptions = z.infer<typeof TagPresentOptions>;

const meta: RuleMeta = {
  id: 'page/tag-present',
  probe: 'page/load',
  title: 'The Sitecore script runs on the page',
  failureTitle: 'The Sitecore script does not run on the page',
  description:
    'Loads the page in headless Chromium (after the declared consent step and journey) and looks for the Sitecore script at work: the Cloud SDK ' +
    '(`window.scCloudSDK`, calls to `{edge}/v1/events/…` and `/v1/personalize`) or the older Engage SDK (`engage.min.js`, `window.Engage`, ' +
    '`/v1.2/events`, `/v2/callFlows`), and by default that at least one event was accepted. Attach it to the production environment: a page ' +
    'that ships without the script collects nothing from the first visitor on, and no experience or experiment runs on it.',
  docs: 'docs/rules/page/tag-present.md',
  targetHelp: PAGE_TARGET_HELP,
  examples: [{ target: 'https://www.example.com/' }, { target: 'https://www.example.com/', with: { sdk: 'cloud', consent: '#onetrust-accept-btn-handler' } }],
};

const HINT = {
  missing: 'add the Sitecore script to the production build (Cloud SDK: CloudSDK({...}).addEvents().initialize() and pageView(); Engage: engage.min.js with init and pageView); if it waits for consent, declare the consent step',
  wrongSdk: 'load the SDK the site is meant to use, and remove the other one',
  events: 'the page must send a VIEW that the Edge accepts: check the context ID, the site name and the Edge URL in the SDK settings',
};

function findings(e: PageEvidence, o: TagPresentOptions): Finding[] {
  const cloud = e.sdk.cloud !== undefined || e.calls.some((c) => c.sdk === 'cloud') || e.sdk.scripts.some((s) => s.sdk === 'cloud');
  const engage = e.sdk.engage !== undefined || e.calls.some((c) => c.sdk === 'engage') || e.sdk.scripts.some((s) => s.sdk === 'engage');
  if (!cloud && !engage) return [fail('tag-missing', `no Sitecore script and no call to Sitecore on ${e.finalUrl}`, HINT.missing, e.url)];
  const out: Finding[] = [];
  if (o.sdk === 'cloud' && !cloud) out.push(fail('wrong-sdk', 'the page runs the Engage SDK, not the Cloud SDK', HINT.wrongSdk, e.url));
  if (o.sdk === 'engage' && !engage) out.push(fail('wrong-sdk', 'the page runs the Cloud SDK, not the Engage SDK', HINT.wrongSdk, e.url));
  const edge = e.sdk.cloud?.edgeUrl;
  if (o.edgeUrl !== undefined && edge !== undefined && edge.replace(/\/+$/, '') !== o.edgeUrl.replace(/\/+$/, '')) {
    out.push(fail('wrong-edge-url', `the Cloud SDK is set up with sitecoreEdgeUrl ${edge}, not ${o.edgeUrl}`, 'set sitecoreEdgeUrl to the production Edge URL (or leave it out for the default)', e.url));
  }
  const events = e.calls.filter((c) => c.kind === 'events');
  if (o.requireEvents && events.length === 0) out.push(fail('no-events-sent', 'the script is there but the page sent no event', HINT.events, e.url));
  // Only an answer under 400 counts as accepted: an event still waiting when the page was captured is not.
  const refused = events.filter((c) => callFailed(c) || callUnanswered(c));
  if (o.requireEvents && events.length > 0 && refused.length === events.length) out.push(fail('events-rejected', `every event failed: ${describeCall(refused[0]!)}`, HINT.events, e.url));
  return out;
}

function detail(e: PageEvidence): string {
  const c = e.sdk.cloud;
  const sdk = c ? `Cloud SDK ${c.core ?? '?'}${c.personalize ? ` with personalize ${c.personalize}` : ''}` : e.sdk.engage ? `Engage SDK ${e.sdk.engage.version}` : 'Sitecore calls';
  return `${sdk}, ${e.calls.filter((x) => x.kind === 'events').length} event call(s)`;
}

export const tagPresentRule: Rule<UrlTarget, TagPresentOptions, PageEvidence> = {
  meta,
  ...pageTarget,
  options: TagPresentOptions,
  probeInput: normalLoad,
  judge: (e, o) => verdictFrom(meta, findings(e, o), detail(e)),
};
