import { z } from 'zod';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { Connection, ConnectionsEvidence, ConnectionTimeout } from './evidence.js';
import type { ConnectionsInput } from './inputs.js';
import { apiInput, apiOptions, OPT_IN, TARGET_HELP, targetParts, type ApiTarget } from './options.js';
import { count, judgeable, listOf } from './rule-kit.js';

export const ConnectionTimeoutsOptions = z.strictObject({
  connections: z.array(z.string().min(1).max(200)).max(100).default([]).describe('Connections to check, by name (default: every connection in the tenant).'),
  maxTimeoutMs: z.number().int().min(1).max(120_000).default(2000).describe('Longest timeout accepted, in milliseconds: a decision waits up to this long for the connection.'),
  ...apiOptions,
});
export type ConnectionTimeoutsOptions = z.infer<typeof ConnectionTimeoutsOptions>;

const meta: RuleMeta = {
  id: 'personalize/connection-timeouts',
  probe: 'personalize/connections',
  title: 'Every connection has its timeouts set, within budget',
  failureTitle: 'A connection has a timeout missing or too long',
  description:
    'Lists the connections with `GET /v2/connections` and checks that each (or each named in `connections`) has its connect and socket ' +
    'timeouts set above 0 and at most `maxTimeoutMs`. A decision model that calls a data system waits for it: without a timeout, or with a ' +
    'long one, a slow partner system makes every decision slow, and the page shows its fallback or nothing. The timeout keys are not ' +
    'documented: golive reads every key with "timeout" in its name, expects each kind the tenant\'s connections show (connect, socket), ' +
    'and warns when no connection carries any. ' + OPT_IN,
  docs: 'docs/rules/personalize/connection-timeouts.md',
  targetHelp: TARGET_HELP,
  examples: [{ target: 'eu' }, { target: 'eu', with: { connections: ['Loyalty API'], maxTimeoutMs: 1000 } }],
};

const HINT = {
  unset: 'open the connection in Personalize (Connections) and set the connect and socket timeouts, in milliseconds, to what a decision can wait',
  long: 'lower the timeout: a decision waits this long for the connection before it can answer',
  none: 'golive found no timeout in any connection: open each connection in Personalize and check its timeouts by eye (if they are set, the API shows them under a name golive does not read)',
  missing: 'the connection is not in the tenant under this name: fix the name in the connections option, or create it',
};

const KINDS = ['connect', 'socket'] as const;

function connectionFindings(c: Connection, expected: Set<string>, max: number): Finding[] {
  const out: Finding[] = [];
  const subject = c.name;
  for (const kind of KINDS.filter((k) => expected.has(k) && !c.timeouts.some((t) => t.kind === k))) {
    out.push(fail('timeout-not-set', `"${c.name}" has no ${kind} timeout`, HINT.unset, subject));
  }
  const shown = (t: ConnectionTimeout) => `${t.path} ${t.ms === undefined ? 'is not a number' : `= ${t.ms} ms`}`;
  const unset = c.timeouts.filter((t) => t.ms === undefined || t.ms <= 0);
  if (unset.length > 0) out.push(fail('timeout-not-set', `"${c.name}": ${listOf(unset.map(shown))} (0 or none waits without end)`, HINT.unset, subject));
  const long = c.timeouts.filter((t) => t.ms !== undefined && t.ms > max);
  if (long.length > 0) out.push(fail('timeout-too-long', `"${c.name}": ${listOf(long.map(shown))}, over ${max} ms`, HINT.long, subject));
  return out;
}

export const connectionTimeoutsRule: Rule<ApiTarget, ConnectionTimeoutsOptions, ConnectionsEvidence> = {
  meta,
  ...targetParts,
  options: ConnectionTimeoutsOptions,
  probeInput: (target, options): ConnectionsInput => apiInput(target, options),
  judge(e, options) {
    const j = judgeable(meta, e, options, 'no connection was read');
    if ('verdict' in j) return j.verdict;
    const all = j.evidence.connections;
    const named = options.connections;
    const chosen = named.length === 0 ? all : all.filter((c) => named.includes(c.name));
    const findings: Finding[] = named.filter((n) => !all.some((c) => c.name === n)).map((n) => fail('connection-not-found', `no connection is called "${n}"${j.evidence.truncated ? ' among those read' : ''}`, HINT.missing, n));
    // The kinds of timeout this tenant's answers show: a connection lacking one of them has it unset.
    const expected = new Set(all.flatMap((c) => c.timeouts.map((t) => t.kind)).filter((k) => k !== 'other'));
    if (chosen.length > 0 && all.every((c) => c.timeouts.length === 0)) findings.push(warn('timeouts-not-found', `none of the ${count(all.length, 'connection')} carries a timeout field golive can read`, HINT.none));
    findings.push(...chosen.flatMap((c) => connectionFindings(c, expected, options.maxTimeoutMs)));
    if (all.length === 0) findings.push(info('no-connections', 'the tenant has no connections'));
    return verdictFrom(meta, findings, `${count(chosen.length, 'connection')} with timeouts set, at most ${options.maxTimeoutMs} ms`);
  },
};
