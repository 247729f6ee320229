// Test certificates made at test start with Debian's openssl CLI, after the badssl.com recipes
// (reference/checks.md §1). Nothing is committed: keys live in a temp dir only while they are made.
//
// API
//   const certs = await makeCertificates(['good.test', 'localhost'])   // memoised per process and host list
//   certs.ca                 -> [root PEM], pass as NetOptions.ca
//   certs.root               -> the root CA PEM
//   certs.cases.good         -> { key, cert, chain, hosts, ciphers? }   (see TlsCase)
//   await startTlsServer(certs.cases.expired)   // test/support/tls-server.ts takes a TlsCase as is
//   await certs.leafFor(['127.0.0.7'])          -> a good leaf for any hosts (shared key; fast)
//
// Cases (every leaf is for the given hosts unless said otherwise):
//   good, expired (2020), notYetValid (starts in a year), wrongHost (other.test, *.other.test),
//   selfSigned, untrustedRoot (leaf from a second root that is sent in the chain),
//   incompleteChain (good leaf without its intermediate), sha1 (leaf signed with SHA-1),
//   sha1Intermediate (intermediate signed with SHA-1), rsa1024, expiringSoon (10 days), ecdsa (P-256).
// Default hosts: good.test, www.good.test, localhost, 127.0.0.1.
import { readFileSync } from 'node:fs';
import { DAY, inWorkshop, type Authority, type SignRequest, type Workshop } from './openssl-ca.js';

/** Cipher string that lets OpenSSL 3 serve SHA-1, RSA-1024 and TLS 1.0/1.1 (it refuses them at the default level). */
export const LEGACY_CIPHERS = 'DEFAULT@SECLEVEL=0';

/** One server identity: what a TLS server needs. */
export interface TlsCase {
  /** Private key PEM of the leaf. */
  key: string;
  /** Leaf certificate PEM. */
  cert: string;
  /** PEM of the certificates the server sends after the leaf (intermediates, maybe a root); '' for none. */
  chain: string;
  /** Names and IPs the leaf was made for. */
  hosts: string[];
  /** Server cipher string this case needs (LEGACY_CIPHERS for SHA-1 and RSA-1024). */
  ciphers?: string;
}

export const CASE_NAMES = [
  'good', 'expired', 'notYetValid', 'wrongHost', 'selfSigned', 'untrustedRoot', 'incompleteChain',
  'sha1', 'sha1Intermediate', 'rsa1024', 'expiringSoon', 'ecdsa',
] as const;
export type CaseName = (typeof CASE_NAMES)[number];

export interface Certificates {
  /** Root CA PEM. */
  root: string;
  /** [root], ready for NetOptions.ca. */
  ca: string[];
  cases: Record<CaseName, TlsCase>;
  /** A good leaf (under the same root and intermediate) for any hosts; shares one key. */
  leafFor(hosts: string[], days?: number): Promise<TlsCase>;
}

export const DEFAULT_HOSTS = ['good.test', 'www.good.test', 'localhost', '127.0.0.1'];

const memo = new Map<string, Promise<Certificates>>();

/** Build (once per process and host list) the root, the intermediates and every case. */
export function makeCertificates(hosts: string[] = DEFAULT_HOSTS): Promise<Certificates> {
  const key = hosts.join(',');
  let made = memo.get(key);
  if (!made) {
    made = build(hosts);
    memo.set(key, made);
  }
  return made;
}

interface Keys {
  root: string;
  untrusted: string;
  intermediate: string;
  leaf: string;
  rsa1024: string;
  ecdsa: string;
}

/** Key files: one leaf key serves every RSA-2048 leaf (fast; key reuse is harmless in tests). */
async function makeKeys(w: Workshop): Promise<Keys> {
  const [root, untrusted, intermediate, leaf, rsa1024, ecdsa] = await Promise.all([
    w.rsaKey('root.key', 2048), w.rsaKey('untrusted-root.key', 2048), w.rsaKey('intermediate.key', 2048),
    w.rsaKey('leaf.key', 2048), w.rsaKey('rsa1024.key', 1024), w.ecKey('ecdsa.key'),
  ]);
  return { root, untrusted, intermediate, leaf, rsa1024, ecdsa };
}

interface Authorities {
  root: Authority;
  untrusted: Authority;
  intermediate: Authority;
  sha1Intermediate: Authority;
}

async function makeAuthorities(w: Workshop, keys: Keys, now: number): Promise<Authorities> {
  const rootValid = { issuer: 'self' as const, start: new Date(now - 365 * DAY), end: new Date(now + 3650 * DAY) };
  const [rootCert, untrustedCert] = await Promise.all([
    w.sign({ name: 'root', key: keys.root, cn: 'golive test root', ...rootValid }),
    w.sign({ name: 'untrusted-root', key: keys.untrusted, cn: 'golive untrusted root', ...rootValid }),
  ]);
  const root = { key: keys.root, cert: rootCert };
  const untrusted = { key: keys.untrusted, cert: untrustedCert };
  const valid = { key: keys.intermediate, issuer: root, start: new Date(now - 30 * DAY), end: new Date(now + 3650 * DAY) };
  const [inter, sha1Inter] = await Promise.all([
    w.sign({ name: 'intermediate', cn: 'golive test intermediate', ...valid }),
    w.sign({ name: 'sha1-intermediate', cn: 'golive test sha1 intermediate', md: 'sha1', ...valid }),
  ]);
  return { root, untrusted, intermediate: { key: keys.intermediate, cert: inter }, sha1Intermediate: { key: keys.intermediate, cert: sha1Inter } };
}

type LeafName = Exclude<CaseName, 'incompleteChain'>;

/** Leaf certificate files per case (incompleteChain reuses good). */
async function makeLeaves(w: Workshop, hosts: string[], keys: Keys, ca: Authorities, now: number): Promise<Record<LeafName, string>> {
  const cn = hosts[0] ?? 'good.test';
  const leaf = (name: string, extra: Partial<SignRequest> = {}) =>
    w.sign({ name, key: keys.leaf, cn, issuer: ca.intermediate, hosts, start: new Date(now - DAY), end: new Date(now + 730 * DAY), ...extra });
  const made: [LeafName, Promise<string>][] = [
    ['good', leaf('good')],
    ['expired', leaf('expired', { start: new Date('2020-01-01T00:00:00Z'), end: new Date('2020-02-01T00:00:00Z') })],
    ['notYetValid', leaf('not-yet-valid', { start: new Date(now + 365 * DAY), end: new Date(now + 730 * DAY) })],
    ['wrongHost', leaf('wrong-host', { cn: 'other.test', hosts: WRONG_HOSTS })],
    ['selfSigned', leaf('self-signed', { issuer: 'self' })],
    ['untrustedRoot', leaf('untrusted-root', { issuer: ca.untrusted })],
    ['sha1', leaf('sha1', { md: 'sha1' })],
    ['sha1Intermediate', leaf('sha1-intermediate', { issuer: ca.sha1Intermediate })],
    ['rsa1024', leaf('rsa1024', { key: keys.rsa1024 })],
    ['expiringSoon', leaf('expiring-soon', { end: new Date(now + 10 * DAY) })],
    ['ecdsa', leaf('ecdsa', { key: keys.ecdsa })],
  ];
  const files = await Promise.all(made.map(([, p]) => p));
  return Object.fromEntries(made.map(([name], i) => [name, files[i]!])) as Record<LeafName, string>;
}

const WRONG_HOSTS = ['other.test', '*.other.test'];
const pem = (path: string): string => readFileSync(path, 'utf8');

function assemble(hosts: string[], keys: Keys, ca: Authorities, leaves: Record<LeafName, string>): Record<CaseName, TlsCase> {
  const key = pem(keys.leaf);
  const inter = pem(ca.intermediate.cert);
  const make = (name: LeafName, extra: Partial<TlsCase> = {}): TlsCase => ({ key, cert: pem(leaves[name]), chain: inter, hosts, ...extra });
  const legacy = { ciphers: LEGACY_CIPHERS };
  return {
    good: make('good'),
    expired: make('expired'),
    notYetValid: make('notYetValid'),
    wrongHost: make('wrongHost', { hosts: WRONG_HOSTS }),
    selfSigned: make('selfSigned', { chain: '' }),
    untrustedRoot: make('untrustedRoot', { chain: pem(ca.untrusted.cert) }),
    incompleteChain: make('good', { chain: '' }),
    sha1: make('sha1', legacy),
    sha1Intermediate: make('sha1Intermediate', { chain: pem(ca.sha1Intermediate.cert), ...legacy }),
    rsa1024: make('rsa1024', { key: pem(keys.rsa1024), ...legacy }),
    expiringSoon: make('expiringSoon'),
    ecdsa: make('ecdsa', { key: pem(keys.ecdsa) }),
  };
}

async function build(hosts: string[]): Promise<Certificates> {
  // Everything is read into memory, then the key files are deleted.
  const made = await inWorkshop(async (w) => {
    const now = Date.now();
    const keys = await makeKeys(w);
    const ca = await makeAuthorities(w, keys, now);
    const leaves = await makeLeaves(w, hosts, keys, ca, now);
    return { cases: assemble(hosts, keys, ca, leaves), root: pem(ca.root.cert), issuerKey: pem(keys.intermediate), issuerCert: pem(ca.intermediate.cert), leafKey: pem(keys.leaf) };
  });
  const leafFor = (names: string[], days = 730): Promise<TlsCase> =>
    inWorkshop(async (w) => {
      const issuer = { key: w.write('issuer.key', made.issuerKey), cert: w.write('issuer.crt', made.issuerCert) };
      const start = new Date(Date.now() - DAY);
      const end = new Date(start.getTime() + (days + 1) * DAY);
      const file = await w.sign({ name: 'custom', key: w.write('leaf.key', made.leafKey), cn: names[0] ?? 'custom.test', issuer, hosts: names, start, end });
      return { key: made.leafKey, cert: pem(file), chain: made.issuerCert, hosts: names };
    });
  return { root: made.root, ca: [made.root], cases: made.cases, leafFor };
}
