import { describe, expect, it } from 'vitest';
import { compare, ruleCtx, type RuleCase } from '../http/test-helpers.js';
import { connectionTimeoutsRule } from './connection-timeouts.rule.js';
import type { Connection, ConnectionsEvidence, ConnectionTimeout } from './evidence.js';
import { BASE, NOT_CONFIGURED } from './test-helpers.js';

const t = (path: string, ms?: number): ConnectionTimeout => ({ path, kind: /connect/i.test(path) ? 'connect' : /socket|read/i.test(path) ? 'socket' : 'other', ...(ms !== undefined ? { ms } : {}) });
const conn = (name: string, ...timeouts: ConnectionTimeout[]): Connection => ({ ref: `c-${name}`, name, systemType: 'DATA_SYSTEM', host: 'https://api.example', timeouts });
const both = (name: string, connect = 1000, socket = 1500) => conn(name, t('request.connectionTimeout', connect), t('request.socketTimeout', socket));
const ev = (...connections: Connection[]): Extract<ConnectionsEvidence, { configured: true }> => ({ configured: true, base: BASE, auth: 'oauth', connections, truncated: false });

const valid: RuleCase<ConnectionsEvidence>[] = [
  { name: 'two connections with both timeouts within budget', evidence: ev(both('Loyalty'), both('Weather', 500, 500)), status: 'pass', codes: [] },
  { name: 'exactly at the budget', evidence: ev(both('Loyalty', 2000, 2000)), status: 'pass', codes: [] },
  { name: 'only the named connection is judged', evidence: ev(both('Loyalty'), conn('Legacy')), options: { connections: ['Loyalty'] }, status: 'pass', codes: [] },
  { name: 'a single timeout kind across the tenant', evidence: ev(conn('A', t('timeout', 900)), conn('B', t('timeoutMs', 1200))), status: 'pass', codes: [] },
  { name: 'no connections at all (noted)', evidence: ev(), status: 'pass', codes: [] },
  { name: 'credentials not set', evidence: NOT_CONFIGURED, status: 'skipped', codes: [] },
];

const invalid: RuleCase<ConnectionsEvidence>[] = [
  { name: 'a connection without timeouts beside one with them', evidence: ev(both('Loyalty'), conn('Legacy')), status: 'fail', codes: ['timeout-not-set', 'timeout-not-set'] },
  { name: 'a connection lacking the socket timeout', evidence: ev(both('Loyalty'), conn('Half', t('request.connectionTimeout', 500))), status: 'fail', codes: ['timeout-not-set'] },
  { name: 'a timeout of 0 (waits without end)', evidence: ev(both('Loyalty', 0)), status: 'fail', codes: ['timeout-not-set'] },
  { name: 'a timeout that is not a number', evidence: ev(conn('Odd', t('request.connectionTimeout'), t('request.socketTimeout', 100))), status: 'fail', codes: ['timeout-not-set'] },
  { name: 'a socket timeout of 30 s', evidence: ev(both('Slow', 1000, 30_000)), status: 'fail', codes: ['timeout-too-long'] },
  { name: 'over a stricter budget', evidence: ev(both('Loyalty')), options: { maxTimeoutMs: 1000 }, status: 'fail', codes: ['timeout-too-long'] },
  { name: 'no connection carries a readable timeout', evidence: ev(conn('A'), conn('B')), status: 'warn', codes: ['timeouts-not-found'] },
  { name: 'a named connection that does not exist', evidence: ev(both('Loyalty')), options: { connections: ['Loyalty', 'CRM'] }, status: 'fail', codes: ['connection-not-found'] },
  { name: 'credentials refused', evidence: { ...ev(), refused: { status: 401, at: 'api' } }, status: 'fail', codes: ['api-credentials-rejected'] },
];

describe('personalize/connection-timeouts', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(connectionTimeoutsRule, c);
    expect(got, summary).toEqual(want);
  });

  it('names the connection, the field and the value', () => {
    const v = connectionTimeoutsRule.judge(ev(both('Slow', 1000, 30_000)), connectionTimeoutsRule.options.parse({}), ruleCtx);
    expect(v.summary).toBe('A connection has a timeout missing or too long: "Slow": request.socketTimeout = 30000 ms, over 2000 ms');
  });
});
