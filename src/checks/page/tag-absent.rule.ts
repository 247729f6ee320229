import type { z } from 'zod';
import type { UrlTarget } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, verdictFrom } from '../verdict.js';
import type { PageEvidence } from './evidence.js';
import { describeCall, normalLoad, PAGE_TARGET_HELP, pageOptions, pageTarget } from './rule-kit.js';

export const TagAbsentOptions = pageOptions({});
export type TagAbsentOptions = z.infer<typeof TagAbsentOptions>;

const meta: RuleMeta = {
  id: 'page/tag-absent',
  probe: 'page/load',
  title: 'No Sitecore script runs on this non-production page',
  failureTitle: 'The Sitecore script runs on a non-production page',
  description:
    'Loads a staging, QA or preview page in headless Chromium and expects no trace of the Sitecore scripts: no Cloud SDK or Engage SDK global, ' +
    'no SDK file, and no call to the Edge, the events or the decision endpoints. A staging site that sends events to the production tenant ' +
    'mixes test visitors into real profiles, segments and experiment results; attach the rule to the non-production environments ' +
    '(and page/tag-present to production).',
  docs: 'docs/rules/page/tag-absent.md',
  targetHelp: PAGE_TARGET_HELP,
  examples: [{ target: 'https://staging.example.com/' }],
};

const HINT = 'load the Sitecore script only on production hosts (check the host before initialising, or configure the tag per environment), or point non-production at a separate tenant';

function findings(e: PageEvidence): Finding[] {
  const out: Finding[] = [];
  if (e.sdk.cloud) out.push(fail('sdk-initialised', `the Cloud SDK ${e.sdk.cloud.core ?? ''} is initialised${e.sdk.cloud.edgeUrl ? ` against ${e.sdk.cloud.edgeUrl}` : ''}`.replace('  ', ' '), HINT, e.url));
  if (e.sdk.engage) out.push(fail('sdk-initialised', `the Engage SDK ${e.sdk.engage.version} is loaded`, HINT, e.url));
  for (const s of e.sdk.scripts.slice(0, 3)) out.push(fail('sdk-script-loaded', `the page loads ${s.url}`, HINT, s.url));
  const calls = e.calls.filter((c) => !c.blocked);
  if (calls.length > 0) out.push(fail('sitecore-calls-sent', `${calls.length} call(s) to Sitecore, first ${describeCall(calls[0]!)}`, HINT, calls[0]!.url));
  return out;
}

export const tagAbsentRule: Rule<UrlTarget, TagAbsentOptions, PageEvidence> = {
  meta,
  ...pageTarget,
  options: TagAbsentOptions,
  probeInput: normalLoad,
  judge: (e) => verdictFrom(meta, findings(e), `${e.requests.count} requests, none to Sitecore`),
};
