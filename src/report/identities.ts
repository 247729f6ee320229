import type { IdentitiesResult, LinesRead } from '../data/identities.js';
import type { Where } from '../data/identities-keys.js';
import type { Style } from './style.js';
import { cell, mdTable } from './text.js';

/** `golive data identities`: expected persons from event exports and their comparison with guests, as text, Markdown or JSON (pure). */

export interface IdentitiesReport {
  /** golive.yaml the rules come from, when they were declared there. */
  project?: string;
  /** Where the rules come from: cdp.identityRules, --rules, or none declared (every provider seen). */
  rulesSource: 'golive.yaml' | '--rules' | 'none declared';
  result: IdentitiesResult;
}

export interface Finding {
  level: 'fail' | 'info';
  text: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const at = (w: Where) => `${w.file}:${w.line}`;
const key = (k: { provider: string; id: string }) => `${k.provider}:${JSON.stringify(k.id)}`;

/** Findings in report order: what fails (exit 1) and what is only worth knowing. */
export function identityFindings(r: IdentitiesResult): Finding[] {
  const out: Finding[] = [];
  const lines = (what: string, l: LinesRead) => {
    const unread = l.files.filter((f) => f.error !== undefined).length;
    if (unread) out.push({ level: 'fail', text: `${plural(unread, `${what} file`)} not read` });
    if (l.invalidLineCount) out.push({ level: 'fail', text: `${plural(l.invalidLineCount, `invalid ${what} line`)}` });
  };
  lines('event', r.events);
  if (r.sharedKeys.count) out.push({ level: 'fail', text: `${plural(r.sharedKeys.count, 'identifier')} shared by more than ${r.sharedThreshold} browsers` });
  const g = r.guests;
  if (g) {
    lines('guest', g.lines);
    if (g.notGuests.count) out.push({ level: 'fail', text: `${plural(g.notGuests.count, 'guest line')} without a guest record` });
    if (g.splitPersons.count) out.push({ level: 'fail', text: `${plural(g.splitPersons.count, 'person')} split over several guests` });
    if (g.mergingGuests.count) out.push({ level: 'fail', text: `${plural(g.mergingGuests.count, 'guest')} merging different people on ${r.rules[0] ?? 'the top rule'}` });
    if (g.unreached.identifiedBrowsers) out.push({ level: 'fail', text: `${plural(g.unreached.identifiedBrowsers, 'identified browser')} (${plural(g.unreached.identifiedEvents, 'event')}) reaching no guest` });
    const anonymous = g.unreached.browsers - g.unreached.identifiedBrowsers;
    if (anonymous) out.push({ level: 'info', text: `${plural(anonymous, 'anonymous browser')} (${plural(g.unreached.events - g.unreached.identifiedEvents, 'event')}) reach no guest: they carry no identifier of a rule` });
    if (g.nonCustomerGuests.count) out.push({ level: 'info', text: `${plural(g.nonCustomerGuests.count, 'guest')} with identifiers not of type customer` });
  }
  const ignored = r.ignored.reduce((sum, i) => sum + i.count, 0);
  if (ignored) out.push({ level: 'info', text: `${plural(ignored, 'identifier')} ignored: ${r.ignored.map((i) => `${i.provider ?? '(no provider)'} ${i.reason} ${i.count}`).join(', ')}` });
  if (r.eventsWithoutBrowser) out.push({ level: 'info', text: `${plural(r.eventsWithoutBrowser, 'event')} without browser_id` });
  return out;
}

export function identitiesOk(r: IdentitiesResult): boolean {
  return identityFindings(r).every((f) => f.level !== 'fail');
}

function headline(report: IdentitiesReport): string {
  const r = report.result;
  const fails = identityFindings(r).filter((f) => f.level === 'fail').length;
  const verdict = fails ? `${plural(fails, 'problem')}` : 'clean';
  return `identities: ${verdict} · ${plural(r.events.validLines, 'event')}, ${plural(r.browsers, 'browser')} → ${plural(r.persons, 'expected person')}`;
}

/** Where the rules come from, in words; without declared rules the note says what was done instead. */
export function rulesNote(report: IdentitiesReport): string {
  const rules = report.result.rules.join(', ') || '(none)';
  if (report.rulesSource === 'none declared') {
    return `no identity rules declared (cdp.identityRules in golive.yaml or --rules): stitched on every provider seen, most used first: ${rules}; this is what the data gives with one rule per provider`;
  }
  return `identity rules ${rules} (${report.rulesSource === '--rules' ? '--rules' : report.project ?? 'golive.yaml'}), in priority order, case-sensitive`;
}

function summaryLines(r: IdentitiesResult): string[] {
  const files = (l: LinesRead) => `${plural(l.files.length, 'file')}, ${plural(l.lines, 'line')}, ${l.validLines} valid`;
  const out = [
    `events      ${files(r.events)}`,
    `browsers    ${r.browsers}: ${r.identifiedBrowsers} with identifiers, ${r.anonymousBrowsers} anonymous`,
    `identifiers ${r.keys} distinct of rule providers, ${r.identifiers} browser links`,
    `persons     ${r.persons}, ${r.multiBrowserPersons} with more than one browser`,
  ];
  if (r.guests) out.push(`guests      ${files(r.guests.lines)} → ${plural(r.guests.guests, 'guest')}`);
  return out;
}

/** Example lines per finding (text and Markdown share them). */
function detailLines(r: IdentitiesResult): { title: string; items: string[] }[] {
  const out: { title: string; items: string[] }[] = [];
  if (r.largestPersons.length) out.push({ title: 'largest persons', items: r.largestPersons.map((p) => `${plural(p.browsers, 'browser')}  ${key(p.identifier)}  first browser ${p.browserId}`) });
  if (r.sharedKeys.count) out.push({ title: `identifiers shared by more than ${r.sharedThreshold} browsers (${r.sharedKeys.count})`, items: r.sharedKeys.examples.map((k) => `${key(k)}  ${plural(k.browsers, 'browser')}  ${k.lines.map(at).join(', ')}`) });
  const g = r.guests;
  if (!g) return out;
  if (g.splitPersons.count) out.push({ title: `persons split over several guests (${g.splitPersons.count})`, items: g.splitPersons.examples.map((s) => `${plural(s.browsers, 'browser')} (${s.browserIds.join(', ')}) over ${plural(s.guests, 'guest')}: ${s.guestRefs.join(', ')}`) });
  if (g.mergingGuests.count) out.push({ title: `guests merging different people (${g.mergingGuests.count})`, items: g.mergingGuests.examples.map((m) => `${m.guestRef}  ${m.provider}: ${m.ids.join(', ')}  ${at(m)}`) });
  if (g.unreached.identifiedBrowsers) out.push({ title: `identified browsers reaching no guest (${g.unreached.identifiedBrowsers})`, items: g.unreached.identifiedExamples.map((b) => `${b.browserId}  ${at(b)}`) });
  if (g.notGuests.count) out.push({ title: `guest lines without a guest record (${g.notGuests.count})`, items: g.notGuests.examples.map((n) => `${at(n)}  ${n.reason}`) });
  if (g.nonCustomerGuests.count) out.push({ title: `guests with identifiers, not customers (${g.nonCustomerGuests.count})`, items: g.nonCustomerGuests.examples.map((n) => `${n.guestRef}  guestType ${n.guestType ?? '(missing)'}  ${at(n)}`) });
  return out;
}

function invalid(r: IdentitiesResult): { file: string; line: number; reason: string }[] {
  return [...r.events.invalidLines, ...(r.guests?.lines.invalidLines ?? [])];
}

function unreadable(r: IdentitiesResult) {
  return [...r.events.files, ...(r.guests?.lines.files ?? [])].filter((f) => f.error !== undefined);
}

export function renderIdentitiesText(report: IdentitiesReport, style: Style): string {
  const r = report.result;
  const paint = identitiesOk(r) ? style.green : style.red;
  const out = [style.bold(paint(headline(report))), style.dim(rulesNote(report))];
  for (const f of unreadable(r)) out.push(`  ${style.red('FILE')} ${style.cyan(f.file)}  ${f.error ?? ''}`);
  out.push('', ...summaryLines(r).map((l) => `  ${l}`), '');
  for (const f of identityFindings(r)) out.push(`  ${f.level === 'fail' ? style.red('FAIL') : style.dim('info')} ${f.text}`);
  for (const d of detailLines(r)) out.push('', style.bold(d.title), ...d.items.map((i) => `  ${i}`));
  const lines = invalid(r);
  if (lines.length) out.push('', style.bold('invalid lines'), ...lines.map((l) => `  ${style.cyan(`${l.file}:${l.line}`)}  ${l.reason}`));
  return out.join('\n');
}

export function renderIdentitiesMarkdown(report: IdentitiesReport): string {
  const r = report.result;
  const parts = [`## ${identitiesOk(r) ? '✅' : '❌'} ${cell(headline(report))}`, '', cell(rulesNote(report)), '', ...summaryLines(r).map((l) => `- ${cell(l.replace(/ {2,}/, ': '))}`)];
  const findings = identityFindings(r);
  if (findings.length) parts.push('', mdTable(['Level', 'Finding'], findings.map((f) => [f.level, f.text])));
  for (const d of detailLines(r)) parts.push('', `### ${cell(d.title)}`, '', ...d.items.map((i) => `- \`${cell(i)}\``));
  const lines = invalid(r);
  if (lines.length) parts.push('', '### Invalid lines', '', mdTable(['Where', 'Reason'], lines.map((l) => [`\`${cell(`${l.file}:${l.line}`)}\``, l.reason])));
  return `${parts.join('\n')}\n`;
}

/** The golive.data-identities/1 document. */
export function dataIdentitiesDocument(report: IdentitiesReport) {
  const r = report.result;
  return {
    schema: 'golive.data-identities/1' as const,
    ok: identitiesOk(r),
    ...(report.project === undefined ? {} : { project: report.project }),
    rules: r.rules,
    rulesSource: report.rulesSource,
    note: rulesNote(report),
    findings: identityFindings(r),
    events: r.events,
    eventsWithoutBrowser: r.eventsWithoutBrowser,
    browsers: r.browsers,
    identifiedBrowsers: r.identifiedBrowsers,
    anonymousBrowsers: r.anonymousBrowsers,
    identifiers: r.identifiers,
    keys: r.keys,
    ignored: r.ignored,
    persons: r.persons,
    multiBrowserPersons: r.multiBrowserPersons,
    largestPersons: r.largestPersons,
    sharedThreshold: r.sharedThreshold,
    sharedKeys: r.sharedKeys,
    ...(r.guests === undefined ? {} : { guests: r.guests }),
  };
}
