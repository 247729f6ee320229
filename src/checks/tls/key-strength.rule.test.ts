import { describe, expect, it } from 'vitest';
import { keyStrengthRule } from './key-strength.rule.js';
import { hintsOf, handshake, intermediate, judge, leaf, outcome, root, type RuleCase } from './test-helpers.js';

const leafKey = (key: { type: string; bits: number | null; curve?: string }) => handshake({ chain: [leaf({ key }), intermediate(), root()] });

const valid: RuleCase[] = [
  { name: 'RSA 2048', evidence: handshake(), status: 'pass', codes: [] },
  { name: 'RSA 4096', evidence: leafKey({ type: 'rsa', bits: 4096 }), status: 'pass', codes: [] },
  { name: 'EC P-256', evidence: leafKey({ type: 'ec', bits: 256, curve: 'prime256v1' }), status: 'pass', codes: [] },
  { name: 'EC P-384', evidence: leafKey({ type: 'ec', bits: 384, curve: 'secp384r1' }), status: 'pass', codes: [] },
  { name: 'Ed25519', evidence: leafKey({ type: 'ed25519', bits: 256 }), status: 'pass', codes: [] },
  { name: 'a weak trusted root is the trust store\'s business', evidence: handshake({ chain: [leaf(), intermediate(), root({ key: { type: 'rsa', bits: 1024 } })] }), status: 'pass', codes: [] },
  { name: 'RSA 1024 allowed by option', evidence: leafKey({ type: 'rsa', bits: 1024 }), with: { minRsaBits: 1024 }, status: 'pass', codes: [] },
];

const invalid: RuleCase[] = [
  { name: 'RSA 1024 leaf', evidence: leafKey({ type: 'rsa', bits: 1024 }), status: 'fail', codes: ['weak-rsa-key'] },
  { name: 'RSA 2048 below a stricter minimum', evidence: handshake(), with: { minRsaBits: 3072 }, status: 'fail', codes: ['weak-rsa-key', 'weak-rsa-key'] },
  { name: 'RSA-PSS 1024', evidence: leafKey({ type: 'rsa-pss', bits: 1024 }), status: 'fail', codes: ['weak-rsa-key'] },
  { name: 'EC P-192', evidence: leafKey({ type: 'ec', bits: 192, curve: 'prime192v1' }), status: 'fail', codes: ['weak-ec-key'] },
  { name: 'DSA', evidence: leafKey({ type: 'dsa', bits: 2048 }), status: 'fail', codes: ['dsa-key'] },
  { name: 'weak intermediate', evidence: handshake({ chain: [leaf(), intermediate({ key: { type: 'rsa', bits: 1024 } }), root()] }), status: 'fail', codes: ['weak-rsa-key'] },
  { name: 'weak untrusted root sent by the server', evidence: handshake({ chain: [leaf(), root({ inTrustStore: false, key: { type: 'rsa', bits: 1024 } })] }), status: 'fail', codes: ['weak-rsa-key'] },
  { name: 'unknown key type', evidence: leafKey({ type: 'unknown', bits: null }), status: 'warn', codes: ['unknown-key-type'] },
  { name: 'unknown size', evidence: leafKey({ type: 'rsa', bits: null }), status: 'warn', codes: ['unknown-key-size'] },
];

describe('tls/key-strength', () => {
  it.each([...valid, ...invalid])('$name -> $status $codes', (c) => {
    const v = judge(keyStrengthRule, c.evidence, c.with, c.ctx);
    expect(outcome(v)).toEqual({ status: c.status, codes: c.codes });
    for (const h of hintsOf(v)) expect(h).toEqual({ code: h.code, ok: true });
  });

  it('names the key in the summary', () => {
    expect(judge(keyStrengthRule, leafKey({ type: 'rsa', bits: 1024 })).summary).toBe('Certificate key too weak: the leaf shop.example.com has a 1024-bit RSA key (minimum 2048)');
    expect(judge(keyStrengthRule, leafKey({ type: 'ec', bits: 256, curve: 'prime256v1' })).summary).toBe('Certificate keys strong enough: leaf key EC 256 (prime256v1)');
  });
});
