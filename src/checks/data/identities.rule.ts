import { z } from 'zod';
import { fail, info, verdictFrom } from '../verdict.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import type { IdentitiesEvidence, IdentitiesInput } from './identities.probe.js';

export const IdentitiesTarget = z.strictObject({
  events: z.string().min(1).describe('An event export: a file or a glob relative to golive.yaml.'),
});
export type IdentitiesTarget = z.infer<typeof IdentitiesTarget>;

export const IdentitiesOptions = z.strictObject({
  guests: z.string().min(1).optional().describe('A guest export (REST shape or batch guest records), a file or a glob relative to golive.yaml; without it only the events are judged.'),
  sharedThreshold: z.number().int().min(1).default(50).describe('An identifier linking more browsers than this fails the check (a test address, "undefined").'),
});
export type IdentitiesOptions = z.infer<typeof IdentitiesOptions>;

const meta: RuleMeta = {
  id: 'data/identities',
  probe: 'data/identities',
  title: 'Identities stitch into the profiles the identity rules predict',
  failureTitle: 'Identities do not stitch as the identity rules predict',
  description:
    'Stitches the browsers of an event export into expected persons (union-find over the identifiers of IDENTITY events, by the identity rules declared under cdp.identityRules, case-sensitive) ' +
    'and flags identifiers that link suspiciously many browsers. Given a guest export it also finds persons split over several guests, guests merging different people on the top-priority rule, ' +
    'and identified browsers whose events reach no guest. Split and merged profiles are invisible in a handful of spot checks and wrong in every segment built on them.',
  docs: 'docs/rules/data/identities.md',
  targetHelp: 'event export: file or glob (relative to golive.yaml)',
  examples: [{ target: 'exports/events-*.ndjson.gz' }, { target: '${env.eventsExport}', with: { guests: '${env.guestExport}' } }],
};

const at = (w: { file: string; line: number }) => `${w.file}:${w.line}`;

function findings(e: IdentitiesEvidence): Finding[] {
  const out: Finding[] = [];
  for (const f of e.events.files.filter((x) => x.error !== undefined)) out.push(fail('file-unreadable', `${f.file}: ${f.error ?? 'unreadable'}`, 'replace the file with a complete export', f.file));
  if (e.events.invalidLineCount > 0) out.push(fail('invalid-lines', `${e.events.invalidLineCount} event lines are not JSON objects`, 'golive data identities lists them; fix the export', e.events.invalidLines[0] ? at(e.events.invalidLines[0]) : undefined));
  const shared = e.sharedKeys.examples[0];
  if (e.sharedKeys.count > 0) out.push(fail('shared-identifier', `${e.sharedKeys.count} identifiers link more than ${e.sharedThreshold} browsers${shared ? `, e.g. ${shared.provider}:${JSON.stringify(shared.id)} on ${shared.browsers}` : ''}`, 'a test account or a placeholder id ("undefined", a shared mailbox) merges visitors into one profile: stop sending it as an identifier', shared?.lines[0] ? at(shared.lines[0]) : undefined));
  const g = e.guests;
  if (g) {
    const split = g.splitPersons.examples[0];
    if (g.splitPersons.count > 0) out.push(fail('split-persons', `${g.splitPersons.count} persons are split over several guests${split ? `, e.g. ${split.guestRefs.slice(0, 3).join(', ')}` : ''}`, 'send every known identifier in each IDENTITY event, and ask Support to reindex after changing identity rules'));
    const merging = g.mergingGuests.examples[0];
    if (g.mergingGuests.count > 0) out.push(fail('merging-guests', `${g.mergingGuests.count} guests hold two different ${e.rules[0] ?? 'top-rule'} ids${merging ? `, e.g. ${merging.guestRef}` : ''}`, 'two people share a profile: check where the top-priority identifier is set (a shared device, a reused test id)', merging ? at(merging) : undefined));
    const unreached = g.unreached.identifiedExamples[0];
    if (g.unreached.identifiedBrowsers > 0) out.push(fail('unreached-browsers', `${g.unreached.identifiedBrowsers} identified browsers (${g.unreached.identifiedEvents} events) reach no guest`, 'the identifiers in these events match no guest: check provider names against the identity rules and that the guest export is complete', unreached ? at(unreached) : undefined));
    if (g.notGuests.count > 0) out.push(fail('not-guest-records', `${g.notGuests.count} lines of the guest export are no guest record`, 'export guests (REST shape) or pass batch guest records'));
  }
  if (e.rulesFrom === 'seen') out.push(info('rules-not-declared', `no identity rules declared under cdp.identityRules: stitched with every provider seen (${e.rules.join(', ') || 'none'})`));
  return out;
}

export const identitiesRule: Rule<IdentitiesTarget, IdentitiesOptions, IdentitiesEvidence> = {
  meta,
  target: IdentitiesTarget,
  targetFromString: (text: string) => ({ events: text }),
  options: IdentitiesOptions,
  probeInput: (target, options): IdentitiesInput => ({ events: target.events, ...(options.guests ? { guests: options.guests } : {}), sharedThreshold: options.sharedThreshold }),
  judge: (e) => verdictFrom(meta, findings(e), `${e.browsers} browsers → ${e.persons} expected persons${e.guests ? ` against ${e.guests.guests} guests` : ''}`),
};
