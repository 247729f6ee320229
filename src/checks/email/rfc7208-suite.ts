// Reads the OpenSPF RFC 7208 test suite (release 2014.04) that Debian's python3-spf ships, and
// turns each scenario's zonedata into records for test/support/dns-server.ts. Test-only.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseAllDocuments } from 'yaml';

export const SUITE_PATH = '/usr/share/doc/python3-spf/rfc7208-tests.yml.gz';

export interface SuiteCase {
  id: string;
  scenario: string;
  spec: string;
  helo: string;
  host: string;
  mailfrom: string;
  /** One result, or several acceptable ones. */
  result: string | string[];
}

/** One zonedata record in the shape of dns-server's Rr (kept structural: this file does not import test/support). */
export interface SuiteRecord {
  name: string;
  type: 'A' | 'AAAA' | 'CNAME' | 'TXT' | 'MX' | 'PTR';
  address?: string;
  domain?: string;
  data?: string | string[];
  exchange?: string;
  priority?: number;
}

export interface SuiteScenario {
  description: string;
  records: SuiteRecord[];
  /** Names whose queries time out (`TIMEOUT` in zonedata). */
  timeouts: string[];
  cases: SuiteCase[];
}

type ZoneEntry = string | Record<string, unknown>;

/** The scenarios, or an error telling how to install the suite. */
export function loadSuite(path = SUITE_PATH): SuiteScenario[] {
  if (!existsSync(path)) throw new Error(`the RFC 7208 SPF test suite is missing at ${path}: run \`apt-get install python3-spf\``);
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  return parseAllDocuments(text)
    .map((d) => d.toJS() as { description?: string; zonedata?: Record<string, ZoneEntry[]>; tests?: Record<string, Omit<SuiteCase, 'id' | 'scenario'>> } | null)
    .filter((d) => d !== null && d.tests !== undefined)
    .map((d) => {
      const description = d!.description ?? '';
      const { records, timeouts } = zone(d!.zonedata ?? {});
      const cases = Object.entries(d!.tests!).map(([id, t]) => ({ ...t, id, scenario: description, helo: String(t.helo ?? ''), mailfrom: String(t.mailfrom ?? ''), host: String(t.host ?? '') }));
      return { description, records, timeouts, cases };
    });
}

/**
 * pyspf's driver semantics (testspf.py): SPF-type records are also served as TXT unless the name
 * has TXT entries of its own; `TXT: NONE` means "no TXT"; a `TIMEOUT` entry makes the name time out.
 */
function zone(zonedata: Record<string, ZoneEntry[]>): { records: SuiteRecord[]; timeouts: string[] } {
  const records: SuiteRecord[] = [];
  const timeouts: string[] = [];
  for (const [name, entries] of Object.entries(zonedata)) {
    const hasTxt = entries.some((e) => typeof e === 'object' && 'TXT' in e);
    for (const entry of entries) {
      if (entry === 'TIMEOUT') {
        timeouts.push(name.toLowerCase());
        continue;
      }
      if (typeof entry !== 'object') continue;
      const [type, value] = Object.entries(entry)[0] ?? [];
      const record = toRecord(name, type, value, hasTxt);
      if (record) records.push(record);
    }
  }
  return { records, timeouts };
}

function toRecord(name: string, type: string | undefined, value: unknown, hasTxt: boolean): SuiteRecord | undefined {
  const text = (v: unknown) => (Array.isArray(v) ? v.map(String) : String(v));
  switch (type) {
    case 'TXT':
      return value === 'NONE' ? undefined : { name, type: 'TXT', data: text(value) };
    case 'SPF':
      // Type 99 is obsolete and never asked for; it only stands in for TXT here.
      return hasTxt ? undefined : { name, type: 'TXT', data: text(value) };
    case 'A':
    case 'AAAA':
      return { name, type, address: String(value) };
    case 'CNAME':
    case 'PTR':
      return { name, type, domain: String(value) };
    case 'MX': {
      const [priority, exchange] = value as [number, string];
      return { name, type: 'MX', priority, exchange };
    }
    default:
      return undefined;
  }
}

/** The domain check_host() starts from: the MAIL FROM domain, or the HELO name when MAIL FROM is empty. */
export function caseDomain(c: SuiteCase): string {
  if (!c.mailfrom) return c.helo;
  const at = c.mailfrom.lastIndexOf('@');
  return at < 0 ? c.mailfrom : c.mailfrom.slice(at + 1);
}
