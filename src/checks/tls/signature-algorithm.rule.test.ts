import { describe, expect, it } from 'vitest';
import { signatureAlgorithmRule } from './signature-algorithm.rule.js';
import { hintsOf, handshake, intermediate, judge, leaf, outcome, root, type RuleCase } from './test-helpers.js';

const sig = (algorithm: string, hash: string) => ({ signature: { algorithm, hash } });

const valid: RuleCase[] = [
  { name: 'SHA-256 throughout', evidence: handshake(), status: 'pass', codes: [] },
  { name: 'ECDSA SHA-384', evidence: handshake({ chain: [leaf(sig('ecdsa-with-SHA384', 'sha384')), intermediate(), root()] }), status: 'pass', codes: [] },
  { name: 'Ed25519', evidence: handshake({ chain: [leaf(sig('Ed25519', 'intrinsic')), intermediate(), root()] }), status: 'pass', codes: [] },
  { name: 'a SHA-1 self-signature on the root does not matter', evidence: handshake({ chain: [leaf(), intermediate(), root(sig('sha1WithRSAEncryption', 'sha1'))] }), status: 'pass', codes: [] },
  { name: 'nor on an untrusted root (tls/chain-trusted fails that)', evidence: handshake({ chain: [leaf(), root({ inTrustStore: false, ...sig('md5WithRSAEncryption', 'md5') })] }), status: 'pass', codes: [] },
];

const invalid: RuleCase[] = [
  { name: 'SHA-1 leaf', evidence: handshake({ chain: [leaf(sig('sha1WithRSAEncryption', 'sha1')), intermediate(), root()] }), status: 'fail', codes: ['sha1-signature'] },
  { name: 'ECDSA SHA-1 leaf', evidence: handshake({ chain: [leaf(sig('ecdsa-with-SHA1', 'sha1')), intermediate(), root()] }), status: 'fail', codes: ['sha1-signature'] },
  { name: 'MD5 leaf', evidence: handshake({ chain: [leaf(sig('md5WithRSAEncryption', 'md5')), intermediate(), root()] }), status: 'fail', codes: ['md5-signature'] },
  { name: 'SHA-1 intermediate', evidence: handshake({ chain: [leaf(), intermediate(sig('sha1WithRSAEncryption', 'sha1')), root()] }), status: 'fail', codes: ['sha1-signature'] },
  { name: 'self-signed SHA-1 leaf still counts', evidence: handshake({ chain: [leaf({ selfSigned: true, ...sig('sha1WithRSAEncryption', 'sha1') })] }), status: 'fail', codes: ['sha1-signature'] },
  { name: 'unknown algorithm', evidence: handshake({ chain: [leaf(sig('1.2.3.4', 'unknown')), intermediate(), root()] }), status: 'warn', codes: ['unknown-signature-algorithm'] },
];

describe('tls/signature-algorithm', () => {
  it.each([...valid, ...invalid])('$name -> $status $codes', (c) => {
    const v = judge(signatureAlgorithmRule, c.evidence, c.with, c.ctx);
    expect(outcome(v)).toEqual({ status: c.status, codes: c.codes });
    for (const h of hintsOf(v)) expect(h).toEqual({ code: h.code, ok: true });
  });

  it('names the certificate and the algorithm', () => {
    const v = judge(signatureAlgorithmRule, handshake({ chain: [leaf(), intermediate(sig('sha1WithRSAEncryption', 'sha1')), root()] }));
    expect(v.summary).toBe('Certificate signed with a weak digest: the intermediate Example Issuing CA is signed with SHA-1 (sha1WithRSAEncryption)');
  });
});
