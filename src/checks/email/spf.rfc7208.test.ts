// The OpenSPF RFC 7208 test suite (release 2014.04, 203 cases), as Debian's python3-spf ships it.
// Each scenario's zonedata is served by a real DNS server on loopback; every case whose expected
// result is exactly `permerror` goes through the email/spf probe and rule, which must fail with a
// permerror-class finding. The probe evaluates for its own address (203.0.113.1), not the case's,
// which is fine here: a permerror is a property of the published records.
// As a guard against false alarms, no other case may get an spf-syntax finding.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { startZoneServer, type Rr } from '../../../test/support/dns-server.js';
import { SPF_PERMERROR_CODES } from './spf-findings.js';
import { spfProbe } from './spf.probe.js';
import { spfRule } from './spf.rule.js';
import { probeContext, RULE_CONTEXT } from './test-helpers.js';

const SUITE_PATH = '/usr/share/doc/python3-spf/rfc7208-tests.yml.gz';
/** Permerror cases in release 2014.04; a smaller number means cases were lost, not passed. */
const MIN_PERMERROR_CASES = 74;
/**
 * Cases left out, each with its reason. Empty: the grammar check in spf-syntax.ts catches the
 * cases mailauth's evaluation does not (bare-ip6 after -all, exp-syntax-error, exp-twice,
 * exp-only-macro-char), so every permerror case runs.
 */
const EXCLUDED: Record<string, string> = {};

interface SuiteCase { id: string; helo: string; mailfrom: string; result: string | string[] }
interface Scenario { description: string; records: Rr[]; timeouts: string[]; cases: SuiteCase[] }
type ZoneEntry = string | Record<string, unknown>;

function loadSuite(): Scenario[] {
  if (!existsSync(SUITE_PATH)) return [];
  const text = gunzipSync(readFileSync(SUITE_PATH)).toString('utf8');
  return parseAllDocuments(text)
    .map((d) => d.toJS() as { description?: string; zonedata?: Record<string, ZoneEntry[]>; tests?: Record<string, Record<string, unknown>> } | null)
    .flatMap((d) => (d?.tests ? [d] : []))
    .map((d) => ({
      description: d.description ?? '',
      ...zone(d.zonedata ?? {}),
      cases: Object.entries(d.tests!).map(([id, t]) => ({ id, helo: String(t.helo ?? ''), mailfrom: String(t.mailfrom ?? ''), result: t.result as string | string[] })),
    }));
}

/**
 * pyspf's driver semantics (testspf.py): an SPF-type record is also served as TXT unless the name
 * has TXT entries of its own; `TXT: NONE` means "no TXT"; a `TIMEOUT` entry makes the name time out.
 */
function zone(zonedata: Record<string, ZoneEntry[]>): { records: Rr[]; timeouts: string[] } {
  const records: Rr[] = [];
  const timeouts: string[] = [];
  for (const [name, entries] of Object.entries(zonedata)) {
    const hasTxt = entries.some((e) => typeof e === 'object' && 'TXT' in e);
    for (const entry of entries) {
      if (entry === 'TIMEOUT') timeouts.push(name.toLowerCase());
      if (typeof entry !== 'object') continue;
      const [type, value] = Object.entries(entry)[0] ?? [];
      const record = toRecord(name, type, value, hasTxt);
      if (record) records.push(record);
    }
  }
  return { records, timeouts };
}

const text = (v: unknown) => (Array.isArray(v) ? v.map(String) : String(v));
const RECORDS: Record<string, (name: string, value: unknown, hasTxt: boolean) => Rr | undefined> = {
  TXT: (name, value) => (value === 'NONE' ? undefined : { name, type: 'TXT', data: text(value) }),
  // Type 99 is obsolete and never asked for; here it only stands in for TXT.
  SPF: (name, value, hasTxt) => (hasTxt ? undefined : { name, type: 'TXT', data: text(value) }),
  A: (name, value) => ({ name, type: 'A', address: String(value) }),
  AAAA: (name, value) => ({ name, type: 'AAAA', address: String(value) }),
  CNAME: (name, value) => ({ name, type: 'CNAME', domain: String(value) }),
  PTR: (name, value) => ({ name, type: 'PTR', domain: String(value) }),
  MX: (name, value) => ({ name, type: 'MX', priority: (value as [number, string])[0], exchange: (value as [number, string])[1] }),
};

function toRecord(name: string, type: string | undefined, value: unknown, hasTxt: boolean): Rr | undefined {
  return type ? RECORDS[type]?.(name, value, hasTxt) : undefined;
}

/** check_host() starts from the MAIL FROM domain, or the HELO name when MAIL FROM is empty. */
const caseDomain = (c: SuiteCase) => (c.mailfrom ? c.mailfrom.slice(c.mailfrom.lastIndexOf('@') + 1) : c.helo);
const isPermerror = (code: string) => (SPF_PERMERROR_CODES as readonly string[]).includes(code);

async function judgeCase(domain: string, spec: string) {
  const evidence = await spfProbe.run(spfProbe.input.parse({ domain }), probeContext([spec], 400));
  return spfRule.judge(evidence, spfRule.options.parse({}), RULE_CONTEXT);
}

const scenarios = loadSuite();
const ran: string[] = [];

describe('RFC 7208 test suite', () => {
  test('the suite is installed', () => {
    expect(existsSync(SUITE_PATH), `the RFC 7208 SPF test suite is missing at ${SUITE_PATH}: run \`apt-get install python3-spf\``).toBe(true);
    expect(scenarios.length).toBeGreaterThanOrEqual(16);
  });

  describe.each(scenarios.map((s) => [s.description, s] as const))('%s', (_name, scenario) => {
    const server = startZoneServer({ records: scenario.records, behaviour: Object.fromEntries(scenario.timeouts.map((n) => [n, 'drop' as const])) });
    afterAll(async () => (await server).close());
    const permerrors = scenario.cases.filter((c) => c.result === 'permerror' && !(c.id in EXCLUDED));
    const others = scenario.cases.filter((c) => ![c.result].flat().includes('permerror') && spfProbe.input.safeParse({ domain: caseDomain(c) }).success);

    test.each(permerrors.map((c) => [c.id, c] as const))('permerror: %s', async (_id, c) => {
      const verdict = await judgeCase(caseDomain(c), (await server).spec);
      expect(verdict.status, verdict.summary).toBe('fail');
      expect(verdict.findings.filter((f) => f.severity === 'fail' && isPermerror(f.code)).length, JSON.stringify(verdict.findings)).toBeGreaterThan(0);
      ran.push(c.id);
    });

    test.runIf(others.length > 0)('no false spf-syntax finding in the other cases', async () => {
      const spec = (await server).spec;
      // Cases that time out on purpose (temperror) throw; only verdicts are checked.
      const verdicts = await Promise.all(others.map((c) => judgeCase(caseDomain(c), spec).catch(() => null)));
      const wrong = verdicts.flatMap((v, i) => (v?.findings.some((f) => f.code === 'spf-syntax') ? [`${others[i]!.id}: ${v.summary}`] : []));
      expect(wrong).toEqual([]);
      expect(verdicts.filter((v) => v !== null).length).toBeGreaterThan(0);
    });
  });

  test('every permerror case ran', () => {
    const all = scenarios.flatMap((s) => s.cases).filter((c) => c.result === 'permerror');
    expect(ran.length).toBe(all.length - Object.keys(EXCLUDED).length);
    expect(ran.length).toBeGreaterThanOrEqual(MIN_PERMERROR_CASES - Object.keys(EXCLUDED).length);
    for (const id of Object.keys(EXCLUDED)) expect(all.map((c) => c.id)).toContain(id);
  });
});
