import { describe, expect, it } from 'vitest';
import { chainTrustedRule } from './chain-trusted.rule.js';
import { hintsOf, handshake, intermediate, judge, leaf, outcome, root, unauthorized, type RuleCase } from './test-helpers.js';

const selfSignedLeaf = leaf({ issuer: 'CN=shop.example.com', selfSigned: true });

const valid: RuleCase[] = [
  { name: 'a chain to a trusted root', evidence: handshake(), status: 'pass', codes: [] },
  { name: 'trusted through --ca-file (noted)', evidence: handshake({ extraTrustedCas: 1, trustAnchorSource: 'ca-file' }), status: 'pass', codes: ['trusted-by-ca-file'] },
  { name: '--ca-file given, but a system root was reached', evidence: handshake({ extraTrustedCas: 1, trustAnchorSource: 'system' }), status: 'pass', codes: [] },
  { name: 'trusted, but only a legacy client connected (noted)', evidence: handshake({ legacyHandshake: true }), status: 'pass', codes: ['legacy-handshake'] },
];

const invalid: RuleCase[] = [
  { name: 'expired leaf', evidence: unauthorized('CERT_HAS_EXPIRED', 'certificate has expired', { chain: [leaf({ validTo: '2026-01-01T00:00:00.000Z' }), intermediate(), root()] }), status: 'fail', codes: ['cert-expired'] },
  { name: 'not yet valid', evidence: unauthorized('CERT_NOT_YET_VALID', 'certificate is not yet valid'), status: 'fail', codes: ['cert-not-yet-valid'] },
  { name: 'self-signed leaf', evidence: unauthorized('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate', { chain: [selfSignedLeaf] }), status: 'fail', codes: ['self-signed'] },
  { name: 'untrusted root sent in the chain', evidence: unauthorized('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain', { chain: [leaf(), root({ subject: 'CN=Evil Root', inTrustStore: false })] }), status: 'fail', codes: ['untrusted-root'] },
  { name: 'intermediate not sent', evidence: unauthorized('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate', { chain: [leaf()] }), status: 'fail', codes: ['incomplete-chain'] },
  { name: 'issuer missing higher up', evidence: unauthorized('UNABLE_TO_GET_ISSUER_CERT', 'unable to get issuer certificate', { chain: [leaf(), intermediate()] }), status: 'fail', codes: ['incomplete-chain'] },
  { name: 'private CA without --ca-file', evidence: unauthorized('UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unable to get local issuer certificate', { chain: [leaf(), intermediate()] }), status: 'fail', codes: ['unknown-issuer'] },
  { name: 'SHA-1 signature (Node: UNSPECIFIED)', evidence: unauthorized('UNSPECIFIED', 'CA signature digest algorithm too weak'), status: 'fail', codes: ['weak-signature'] },
  { name: 'tiny key (Node: UNSPECIFIED)', evidence: unauthorized('UNSPECIFIED', 'EE certificate key too weak'), status: 'fail', codes: ['weak-key'] },
  { name: 'bad signature', evidence: unauthorized('CERT_SIGNATURE_FAILURE', 'certificate signature failure'), status: 'fail', codes: ['bad-signature'] },
  { name: 'revoked', evidence: unauthorized('CERT_REVOKED', 'certificate revoked'), status: 'fail', codes: ['revoked'] },
  { name: 'wrong purpose', evidence: unauthorized('INVALID_PURPOSE', 'unsupported certificate purpose'), status: 'fail', codes: ['invalid-purpose'] },
  { name: 'unknown code', evidence: unauthorized('PATH_LENGTH_EXCEEDED', 'path length constraint exceeded'), status: 'fail', codes: ['untrusted'] },
  { name: 'untrusted with --ca-file given', evidence: unauthorized('SELF_SIGNED_CERT_IN_CHAIN', 'x', { extraTrustedCas: 2, trustAnchorSource: null }), status: 'fail', codes: ['untrusted-root'] },
];

describe('tls/chain-trusted', () => {
  it.each([...valid, ...invalid])('$name -> $status $codes', (c) => {
    const v = judge(chainTrustedRule, c.evidence, c.with, c.ctx);
    expect(outcome(v)).toEqual({ status: c.status, codes: c.codes });
    for (const h of hintsOf(v)) expect(h).toEqual({ code: h.code, ok: true });
  });

  it('names the certificate that expired and the missing intermediate', () => {
    const expired = judge(chainTrustedRule, unauthorized('CERT_HAS_EXPIRED', 'certificate has expired', { chain: [leaf({ validTo: '2026-01-01T00:00:00.000Z' }), intermediate(), root()] }));
    expect(expired.summary).toContain('leaf shop.example.com');
    expect(expired.summary).toContain('2026-01-01');
    const incomplete = judge(chainTrustedRule, unauthorized('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate', { chain: [leaf()] }));
    expect(incomplete.summary).toContain('the server does not send its intermediate certificate "Example Issuing CA"');
  });

  it('says when --ca-file did not contain the root', () => {
    const v = judge(chainTrustedRule, unauthorized('UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unable to get local issuer certificate', { extraTrustedCas: 2 }));
    expect(v.findings[0]?.hint).toContain('the 2 certificate(s) given with --ca-file do not include it');
  });

  it('says which root it reached', () => {
    expect(judge(chainTrustedRule, handshake()).summary).toBe('Certificate chain trusted: chain of 3 to "Example Root"');
  });

  it('rejects unknown options', () => {
    expect(() => chainTrustedRule.options.parse({ allowSelfSigned: true })).toThrow();
  });
});
