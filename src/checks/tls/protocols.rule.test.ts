import { describe, expect, it } from 'vitest';
import { protocolsRule } from './protocols.rule.js';
import { hintsOf, judge, outcome, protocols, type RuleCase } from './test-helpers.js';

const valid: RuleCase[] = [
  { name: 'TLS 1.2 and 1.3', evidence: protocols(['TLSv1.2', 'TLSv1.3']), status: 'pass', codes: [] },
  { name: 'TLS 1.3 only', evidence: protocols(['TLSv1.3']), status: 'pass', codes: [] },
  { name: 'TLS 1.2 only: noted', evidence: protocols(['TLSv1.2']), status: 'pass', codes: ['tls-1-3-missing'] },
];

const invalid: RuleCase[] = [
  { name: 'TLS 1.0 offered', evidence: protocols(['TLSv1', 'TLSv1.2', 'TLSv1.3']), status: 'fail', codes: ['tls-1-0-offered'] },
  { name: 'TLS 1.0 and 1.1 offered', evidence: protocols(['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']), status: 'fail', codes: ['tls-1-0-offered', 'tls-1-1-offered'] },
  { name: 'TLS 1.1 offered, as a warning', evidence: protocols(['TLSv1.1', 'TLSv1.2', 'TLSv1.3']), with: { legacyProtocols: 'warn' }, status: 'warn', codes: ['tls-1-1-offered'] },
  { name: 'TLS 1.0 only', evidence: protocols(['TLSv1']), status: 'fail', codes: ['tls-1-0-offered', 'no-modern-protocol'] },
  { name: 'TLS 1.0 only, legacy as warning: still no modern protocol', evidence: protocols(['TLSv1']), with: { legacyProtocols: 'warn' }, status: 'fail', codes: ['tls-1-0-offered', 'no-modern-protocol'] },
  { name: 'nothing completes (not TLS?)', evidence: protocols([]), status: 'fail', codes: ['no-tls-handshake'] },
  { name: 'TLS 1.3 missing, as a warning', evidence: protocols(['TLSv1.2']), with: { missingTls13: 'warn' }, status: 'warn', codes: ['tls-1-3-missing'] },
  { name: 'TLS 1.3 missing, as a failure', evidence: protocols(['TLSv1.2']), with: { missingTls13: 'fail' }, status: 'fail', codes: ['tls-1-3-missing'] },
];

describe('tls/protocols', () => {
  it.each([...valid, ...invalid])('$name -> $status $codes', (c) => {
    const v = judge(protocolsRule, c.evidence, c.with, c.ctx);
    expect(outcome(v)).toEqual({ status: c.status, codes: c.codes });
    for (const h of hintsOf(v)) expect(h).toEqual({ code: h.code, ok: true });
  });

  it('lists what is offered', () => {
    expect(judge(protocolsRule, protocols(['TLSv1.2', 'TLSv1.3'])).summary).toBe('Only current TLS versions offered: offers TLS 1.2, TLS 1.3');
  });

  it('gives the reason when nothing completes', () => {
    expect(judge(protocolsRule, protocols([])).summary).toBe('Outdated or missing TLS versions: no TLS version completed a handshake (tlsv1 alert protocol version)');
  });

  it('rejects an unknown severity', () => {
    expect(() => protocolsRule.options.parse({ legacyProtocols: 'ignore' })).toThrow();
  });
});
