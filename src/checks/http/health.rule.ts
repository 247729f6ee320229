import { z } from 'zod';
import type { UrlTarget } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, verdictFrom } from '../verdict.js';
import type { FetchEvidence } from './evidence.js';
import { URL_TARGET_HELP, urlFetchParts } from './rule-kit.js';

const Status = z.number().int().min(100).max(599);
const JsonValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())]);

export const HealthOptions = z.strictObject({
  status: z.union([Status, z.array(Status).min(1)]).default(200).describe('The status code the health endpoint must answer, or a list of allowed codes.'),
  json: z.record(z.string(), JsonValue).default({}).describe('Dotted paths into the JSON body and the value each must equal, e.g. { "status": "ok", "checks.db.status": "up", "items.0.id": 1 }.'),
  contains: z.string().min(1).optional().describe('Text the body must contain (searched in the first 4096 characters).'),
});
export type HealthOptions = z.infer<typeof HealthOptions>;

const meta: RuleMeta = {
  id: 'http/health',
  probe: 'http/fetch',
  title: 'Health endpoint reports healthy',
  failureTitle: 'Health endpoint reports a problem',
  description:
    'Requests the health (or status) endpoint and checks its status code, values in its JSON body by dotted path (`json: { "status": "ok" }`) and, ' +
    'optionally, a text it must contain. A health endpoint that answers 200 while it reports a dependency down, or that answers with the error page ' +
    'of a proxy, is exactly what the load balancer and the on-call team rely on during cutover.',
  docs: 'docs/rules/http/health.md',
  targetHelp: URL_TARGET_HELP,
  examples: [{ target: 'https://api.example.com/health', with: { json: { status: 'ok', 'checks.database': 'up' } } }],
};

/** The value at a dotted path ("a.b.0.c"); undefined when any step is missing. */
export function valueAt(root: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), root);
}

/** JSON with sorted keys, for equality of nested values. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}

function jsonFindings(e: FetchEvidence, expected: Record<string, unknown>): Finding[] {
  const paths = Object.entries(expected);
  if (paths.length === 0) return [];
  if (e.final.json === undefined) {
    return [fail('not-json', `${e.final.url} did not answer with a JSON body that could be read (${e.final.contentType ?? 'no content type'}, ${e.final.bodyBytes} bytes)`, 'make the endpoint answer JSON (under 16 KiB), or drop the json option and use contains', e.final.url)];
  }
  return paths
    .filter(([path, want]) => canonical(valueAt(e.final.json, path)) !== canonical(want))
    .map(([path, want]) => fail('json-mismatch', `${path} is ${canonical(valueAt(e.final.json, path))}, expected ${canonical(want)}`, 'look at the failing dependency the health endpoint reports, or correct the expectation', e.final.url));
}

export const healthRule: Rule<UrlTarget, HealthOptions, FetchEvidence> = {
  meta,
  ...urlFetchParts,
  options: HealthOptions,
  judge(e, options) {
    const allowed = Array.isArray(options.status) ? options.status : [options.status];
    const findings: Finding[] = [];
    if (!allowed.includes(e.final.status)) findings.push(fail('unhealthy-status', `${e.final.url} answered ${e.final.status}, expected ${allowed.join(' or ')}`, 'check the application and the dependencies it reports; the body often says which one fails', e.final.url));
    findings.push(...jsonFindings(e, options.json));
    if (options.contains !== undefined && !e.final.body.includes(options.contains)) {
      const where = e.final.bodyTruncated ? 'the first 4096 characters of the body' : 'the body';
      findings.push(fail('text-missing', `${where} does not contain "${options.contains}"`, 'check that the endpoint answers its own content and not an error or maintenance page', e.final.url));
    }
    return verdictFrom(meta, findings, `${e.final.status} from ${e.final.url}`);
  },
};
