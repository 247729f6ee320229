import { z } from 'zod';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, verdictFrom, warn } from '../verdict.js';
import type { GuestLookupEvidence, IdentityLookup } from './evidence.js';
import { Identity, identitiesFrom, type GuestLookupInput } from './inputs.js';
import { apiTokenVariable, clientKeyVariable, listOf, notConfiguredVerdict, refusedFinding, targetParts, TARGET_HELP, type CdpApiTarget } from './target.js';

const IdentityText = z.string().regex(/^\s*[^:,\s][^:,]*:[^,]+(,\s*[^:,\s][^:,]*:[^,]+)*\s*$/, { message: 'expected provider:id, e.g. email:anna.test@shop.example (several separated by commas)' });

export const TestIdentityOptions = z.strictObject({
  identities: z
    .array(z.union([IdentityText, Identity]))
    .min(1)
    .max(50)
    .describe('Test identities as provider:id (several in one text separated by commas, e.g. from one ${env.*} variable) or {provider, id}. The provider is case-sensitive, as in the identity rules.'),
  clientKeyVariable,
  apiTokenVariable,
});
export type TestIdentityOptions = z.infer<typeof TestIdentityOptions>;

const meta: RuleMeta = {
  id: 'cdp/test-identity',
  probe: 'cdp/guest-lookup',
  title: 'Every test identity resolves to exactly one customer guest',
  failureTitle: 'A test identity does not resolve to exactly one customer guest',
  description:
    'Looks each declared test identity up in the tenant with the guest search of the documented Guest REST API v2, ' +
    '`GET /v2/guests?identifiers.provider=…&identifiers.id=…` (Basic auth: client key and API token), and expects exactly one guest, of type ' +
    '`customer`. No guest means the identity never reached the profile (wrong provider name, an identity rule missing, events not sent); ' +
    'several guests mean one person is split over duplicate profiles, which splits their history, segments and decisions; a `visitor` ' +
    'means the IDENTITY event or the batch upload did not make it a customer. It uses the v2 path because Sitecore\'s documentation does not ' +
    'confirm that v2.1 accepts the same search parameters. Opt-in: it runs only when the client key and the API token are ' +
    'in the environment (SITECORE_CDP_CLIENT_KEY and SITECORE_CDP_API_TOKEN by default), otherwise it is skipped; neither is recorded. ' +
    'After a 401 or 403 nothing more is sent with the same credentials in the run.',
  docs: 'docs/rules/cdp/test-identity.md',
  targetHelp: TARGET_HELP,
  examples: [
    { target: 'eu', with: { identities: ['email:anna.test@shop.example', 'CRM_ID:C-100042'] } },
    { target: 'https://api-engage-us.sitecorecloud.io', with: { identities: ['email:qa.cdp@shop.example'], apiTokenVariable: 'CDP_PROD_API_TOKEN' } },
  ],
};

const HINT = {
  none: 'the identity never reached a profile: check that IDENTITY events (or the batch upload) carry this provider exactly as the identity rule names it, case included, and that the test user really logged in on this tenant',
  split: 'one person has several profiles: send every known identifier in each IDENTITY event, keep the identity rules in the agreed order, and ask Sitecore Support to reindex if the rules were changed after data arrived',
  visitor: 'the guest is not a customer: the identity step (an IDENTITY event with identifiers, or a customer record in a batch upload) did not reach this guest',
  unknownType: 'the API did not say the guest\'s type; open the guest in CDP and check it is a customer',
};

const label = (l: IdentityLookup) => `${l.provider}:${l.id}`;

function lookupFindings(l: IdentityLookup): Finding[] {
  const subject = label(l);
  const refs = l.guests.map((g) => g.ref);
  if (l.guests.length === 0) return [fail('identity-not-found', `${subject} finds no guest`, HINT.none, subject)];
  if (l.guests.length > 1 || l.more) {
    const count = `${l.guests.length}${l.more ? ' or more' : ''}`;
    return [fail('duplicate-guests', `${subject} finds ${count} guests: ${listOf(refs)}`, HINT.split, subject)];
  }
  const type = l.guests[0]!.guestType;
  if (type === undefined) return [warn('guest-type-unknown', `${subject} finds guest ${refs[0]!} of unknown type`, HINT.unknownType, subject)];
  return type === 'customer' ? [] : [fail('guest-not-customer', `${subject} finds guest ${refs[0]!}, a ${type}, not a customer`, HINT.visitor, subject)];
}

export const testIdentityRule: Rule<CdpApiTarget, TestIdentityOptions, GuestLookupEvidence> = {
  meta,
  ...targetParts,
  options: TestIdentityOptions,
  probeInput: (target, options): GuestLookupInput => ({ baseUrl: target.url, identities: identitiesFrom(options.identities), clientKeyVariable: options.clientKeyVariable, apiTokenVariable: options.apiTokenVariable }),
  judge(e, options) {
    if (!e.configured) return notConfiguredVerdict('no guest was searched for', e.missing);
    // Answered searches are judged one by one; a refusal stands for the searches it stopped.
    const answered = e.lookups.filter((l) => l.status !== undefined && l.status >= 200 && l.status < 300);
    const findings = answered.flatMap(lookupFindings);
    if (e.refused) findings.unshift(refusedFinding(e.refused, [options.clientKeyVariable, options.apiTokenVariable], e.base));
    const n = answered.length;
    return verdictFrom(meta, findings, `${n} test identit${n === 1 ? 'y' : 'ies'} each found as one customer`);
  },
};
