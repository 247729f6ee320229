/**
 * Just enough DER to read a certificate's signatureAlgorithm: Node 20's X509Certificate has no
 * property for it and toLegacyObject() omits it (Node 22+ neither). Certificate ::= SEQUENCE {
 * tbsCertificate SEQUENCE, signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING }.
 */

interface Tlv {
  tag: number;
  /** First content byte. */
  start: number;
  /** One past the last content byte. */
  end: number;
}

function readTlv(der: Uint8Array, pos: number, limit = der.length): Tlv {
  const tag = der[pos];
  let len = der[pos + 1];
  if (tag === undefined || len === undefined) throw new Error('DER: truncated header');
  let start = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error('DER: unsupported length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (der[start + i] ?? 0);
    start += n;
  }
  const end = start + len;
  if (end > limit) throw new Error('DER: length past the end');
  return { tag, start, end };
}

function expect(tlv: Tlv, tag: number): Tlv {
  if (tlv.tag !== tag) throw new Error(`DER: expected tag 0x${tag.toString(16)}, got 0x${tlv.tag.toString(16)}`);
  return tlv;
}

/** "1.2.840.113549.1.1.11" from an OBJECT IDENTIFIER's content bytes. */
export function decodeOid(bytes: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if (b & 0x80) continue;
    if (parts.length === 0) {
      // The first sub-identifier packs two arcs: 40 * X + Y, with X in 0..2.
      const x = value < 80 ? Math.floor(value / 40) : 2;
      parts.push(x, value - x * 40);
    } else parts.push(value);
    value = 0;
  }
  return parts.join('.');
}

const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '2.16.840.1.101.3.4.2.4': 'sha224',
};

const RSASSA_PSS = '1.2.840.113549.1.1.10';

/** Signature algorithm OIDs -> [name, digest]. */
const ALGORITHMS: Record<string, [string, string]> = {
  '1.2.840.113549.1.1.2': ['md2WithRSAEncryption', 'md2'],
  '1.2.840.113549.1.1.3': ['md4WithRSAEncryption', 'md4'],
  '1.2.840.113549.1.1.4': ['md5WithRSAEncryption', 'md5'],
  '1.2.840.113549.1.1.5': ['sha1WithRSAEncryption', 'sha1'],
  '1.2.840.113549.1.1.11': ['sha256WithRSAEncryption', 'sha256'],
  '1.2.840.113549.1.1.12': ['sha384WithRSAEncryption', 'sha384'],
  '1.2.840.113549.1.1.13': ['sha512WithRSAEncryption', 'sha512'],
  '1.2.840.113549.1.1.14': ['sha224WithRSAEncryption', 'sha224'],
  '1.2.840.10045.4.1': ['ecdsa-with-SHA1', 'sha1'],
  '1.2.840.10045.4.3.1': ['ecdsa-with-SHA224', 'sha224'],
  '1.2.840.10045.4.3.2': ['ecdsa-with-SHA256', 'sha256'],
  '1.2.840.10045.4.3.3': ['ecdsa-with-SHA384', 'sha384'],
  '1.2.840.10045.4.3.4': ['ecdsa-with-SHA512', 'sha512'],
  '1.2.840.10040.4.3': ['dsa-with-SHA1', 'sha1'],
  '2.16.840.1.101.3.4.3.2': ['dsa-with-SHA256', 'sha256'],
  '1.3.101.112': ['Ed25519', 'intrinsic'],
  '1.3.101.113': ['Ed448', 'intrinsic'],
};

/** RSASSA-PSS names its digest in the parameters: [0] hashAlgorithm, SHA-1 when absent (RFC 4055). */
function pssHash(der: Uint8Array, params: Tlv | undefined): string {
  if (!params || params.tag !== 0x30 || params.start === params.end) return 'sha1';
  const first = readTlv(der, params.start, params.end);
  if (first.tag !== 0xa0) return 'sha1';
  const alg = expect(readTlv(der, first.start, first.end), 0x30);
  const oid = expect(readTlv(der, alg.start, alg.end), 0x06);
  return HASHES[decodeOid(der.subarray(oid.start, oid.end))] ?? 'unknown';
}

/** The outer signature algorithm of a DER certificate: its name (or OID) and digest. */
export function signatureAlgorithmOf(der: Uint8Array): { algorithm: string; hash: string } {
  const cert = expect(readTlv(der, 0), 0x30);
  const tbs = expect(readTlv(der, cert.start, cert.end), 0x30);
  const alg = expect(readTlv(der, tbs.end, cert.end), 0x30);
  const oidTlv = expect(readTlv(der, alg.start, alg.end), 0x06);
  const oid = decodeOid(der.subarray(oidTlv.start, oidTlv.end));
  if (oid === RSASSA_PSS) {
    const params = oidTlv.end < alg.end ? readTlv(der, oidTlv.end, alg.end) : undefined;
    return { algorithm: 'rsassaPss', hash: pssHash(der, params) };
  }
  const known = ALGORITHMS[oid];
  return known ? { algorithm: known[0], hash: known[1] } : { algorithm: oid, hash: 'unknown' };
}
