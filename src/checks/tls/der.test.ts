import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCertificates, type Certificates } from '../../../test/support/certs.js';
import { decodeOid, signatureAlgorithmOf } from './der.js';

/** DER TLV with short or long length. */
function tlv(tag: number, content: number[]): number[] {
  const n = content.length;
  const len = n < 128 ? [n] : n < 256 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return [tag, ...len, ...content];
}

const base128 = (v: number): number[] => {
  const groups: number[] = [];
  let x = v;
  do {
    groups.unshift(x & 0x7f);
    x = Math.floor(x / 128);
  } while (x > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g));
};

const oidBytes = (dotted: string): number[] => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  return [a! * 40 + b!, ...rest].flatMap(base128);
};

/** A skeleton certificate: an (empty or padded) tbsCertificate, the algorithm, an empty signature. */
function skeleton(algorithm: number[], tbsPadding = 0): Uint8Array {
  const tbs = tlv(0x30, new Array<number>(tbsPadding).fill(0x05));
  return Uint8Array.from(tlv(0x30, [...tbs, ...tlv(0x30, algorithm), ...tlv(0x03, [0])]));
}

describe('signatureAlgorithmOf', () => {
  let certs: Certificates;
  beforeAll(async () => {
    certs = await makeCertificates();
  });

  it('reads the certificates openssl made', () => {
    const alg = (pem: string) => signatureAlgorithmOf(new X509Certificate(pem).raw);
    expect(alg(certs.cases.good.cert)).toEqual({ algorithm: 'sha256WithRSAEncryption', hash: 'sha256' });
    expect(alg(certs.cases.sha1.cert)).toEqual({ algorithm: 'sha1WithRSAEncryption', hash: 'sha1' });
    expect(alg(certs.cases.sha1Intermediate.chain)).toEqual({ algorithm: 'sha1WithRSAEncryption', hash: 'sha1' });
  });

  const cases: [string, number[], { algorithm: string; hash: string }][] = [
    ['ECDSA with SHA-256', tlv(0x06, oidBytes('1.2.840.10045.4.3.2')), { algorithm: 'ecdsa-with-SHA256', hash: 'sha256' }],
    ['MD5 with RSA, NULL parameters', [...tlv(0x06, oidBytes('1.2.840.113549.1.1.4')), 0x05, 0x00], { algorithm: 'md5WithRSAEncryption', hash: 'md5' }],
    ['Ed25519', tlv(0x06, oidBytes('1.3.101.112')), { algorithm: 'Ed25519', hash: 'intrinsic' }],
    ['RSASSA-PSS without parameters: SHA-1 (RFC 4055 default)', tlv(0x06, oidBytes('1.2.840.113549.1.1.10')), { algorithm: 'rsassaPss', hash: 'sha1' }],
    [
      'RSASSA-PSS with SHA-256',
      [...tlv(0x06, oidBytes('1.2.840.113549.1.1.10')), ...tlv(0x30, tlv(0xa0, tlv(0x30, tlv(0x06, oidBytes('2.16.840.1.101.3.4.2.1')))))],
      { algorithm: 'rsassaPss', hash: 'sha256' },
    ],
    ['an unknown OID', tlv(0x06, oidBytes('1.2.3.4.5')), { algorithm: '1.2.3.4.5', hash: 'unknown' }],
  ];
  it.each(cases)('%s', (_name, algorithm, expected) => {
    expect(signatureAlgorithmOf(skeleton(algorithm))).toEqual(expected);
  });

  it('handles long-form lengths', () => {
    expect(signatureAlgorithmOf(skeleton(tlv(0x06, oidBytes('1.2.840.10045.4.3.3')), 300))).toEqual({ algorithm: 'ecdsa-with-SHA384', hash: 'sha384' });
  });

  it('throws on truncated or foreign input', () => {
    const good = skeleton(tlv(0x06, oidBytes('1.2.840.10045.4.3.2')));
    expect(() => signatureAlgorithmOf(good.subarray(0, good.length - 4))).toThrow(/DER/);
    expect(() => signatureAlgorithmOf(Uint8Array.from([0x02, 0x01, 0x00]))).toThrow(/DER/);
    expect(() => signatureAlgorithmOf(new Uint8Array())).toThrow(/DER/);
  });

  it('decodes OIDs with large arcs', () => {
    expect(decodeOid(Uint8Array.from(oidBytes('2.999.3')))).toBe('2.999.3');
    expect(decodeOid(Uint8Array.from(oidBytes('1.2.840.113549.1.1.11')))).toBe('1.2.840.113549.1.1.11');
  });
});
