// Test certificates made at test start with Debian's openssl CLI, after the badssl.com recipes
// (reference/checks.md §1). Nothing is committed: keys live in a temp dir removed at exit.
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
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

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

const DAY = 86_400_000;
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

const CONFIG = `
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ v3_root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_intermediate ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ ca ]
default_ca = ca_default
[ ca_default ]
dir = $ENV::GOLIVE_CA_DIR
database = $dir/index.txt
new_certs_dir = $dir
serial = $dir/serial
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no
[ policy_any ]
commonName = optional
`;

interface Authority {
  key: string; // path
  cert: string; // path
}

class Workshop {
  readonly dir = mkdtempSync(join(tmpdir(), 'golive-certs-'));
  readonly config = join(this.dir, 'openssl.cnf');
  private count = 0;

  constructor() {
    writeFileSync(this.config, CONFIG);
    process.once('exit', () => rmSync(this.dir, { recursive: true, force: true }));
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  read(name: string): string {
    return readFileSync(this.path(name), 'utf8');
  }

  async openssl(args: string[], env: Record<string, string> = {}): Promise<void> {
    try {
      await run('openssl', args, { cwd: this.dir, env: { ...process.env, GOLIVE_CA_DIR: this.dir, ...env } });
    } catch (err) {
      throw new Error(`openssl ${args.join(' ')} failed (is Debian's openssl installed?): ${(err as { stderr?: string }).stderr ?? String(err)}`, { cause: err });
    }
  }

  async rsaKey(name: string, bits: number): Promise<string> {
    await this.openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${bits}`, '-out', this.path(name)]);
    return this.path(name);
  }

  async ecKey(name: string): Promise<string> {
    await this.openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', this.path(name)]);
    return this.path(name);
  }

  /** A self-signed certificate: a root CA, or a self-signed leaf when `leafHosts` is given. */
  async selfSigned(name: string, key: string, cn: string, leafHosts?: string[]): Promise<Authority> {
    const cert = this.path(`${name}.crt`);
    const ext = leafHosts ? ['-extensions', 'leaf', '-config', this.leafConfig(name, leafHosts)] : ['-extensions', 'v3_root', '-config', this.config];
    await this.openssl(['req', '-x509', '-new', '-key', key, '-subj', `/CN=${cn}`, '-days', '3650', '-sha256', ...ext, '-out', cert]);
    return { key, cert };
  }

  /** Sign a CSR for `key` with `issuer` through `openssl ca` (the only CLI way to set notBefore in OpenSSL 3.0). */
  async sign(o: { name: string; key: string; cn: string; issuer: Authority; start: Date; end: Date; md?: string; hosts?: string[] }): Promise<string> {
    const n = `${o.name}-${++this.count}`;
    const dir = this.path(`db-${n}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'index.txt.attr'), 'unique_subject = no\n');
    writeFileSync(join(dir, 'serial'), `${randomSerial()}\n`);
    const csr = this.path(`${n}.csr`);
    await this.openssl(['req', '-new', '-key', o.key, '-subj', `/CN=${o.cn}`, '-config', this.config, '-out', csr]);
    const ext = o.hosts ? ['-extfile', this.leafConfig(n, o.hosts), '-extensions', 'leaf'] : ['-extfile', this.config, '-extensions', 'v3_intermediate'];
    const out = this.path(`${n}.crt`);
    await this.openssl(
      ['ca', '-batch', '-notext', '-config', this.config, '-preserveDN', '-cert', o.issuer.cert, '-keyfile', o.issuer.key,
        '-md', o.md ?? 'sha256', '-startdate', asn1Time(o.start), '-enddate', asn1Time(o.end), ...ext, '-in', csr, '-out', out],
      { GOLIVE_CA_DIR: dir },
    );
    return out;
  }

  private leafConfig(name: string, hosts: string[]): string {
    const san = hosts.map((h) => (isIP(h) ? `IP:${h}` : `DNS:${h}`)).join(', ');
    const file = this.path(`${name}.ext`);
    writeFileSync(
      file,
      `${CONFIG}\n[ leaf ]\nbasicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature, keyEncipherment\n` +
        `extendedKeyUsage = serverAuth\nsubjectKeyIdentifier = hash\nsubjectAltName = ${san}\n`,
    );
    return file;
  }
}

function randomSerial(): string {
  // 16 hex digits, first nibble non-zero so it stays positive and of fixed length.
  return (Math.floor(Math.random() * 7 + 1).toString(16) + Math.random().toString(16).slice(2, 17).padEnd(15, '0')).toUpperCase();
}

/** OpenSSL's GeneralizedTime form: YYYYMMDDHHMMSSZ. */
function asn1Time(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}/, '');
}

async function build(hosts: string[]): Promise<Certificates> {
  const w = new Workshop();
  const now = Date.now();
  const [rootKey, untrustedKey, interKey, leafKey, weakKey, ecKey] = await Promise.all([
    w.rsaKey('root.key', 2048), w.rsaKey('untrusted-root.key', 2048), w.rsaKey('intermediate.key', 2048),
    w.rsaKey('leaf.key', 2048), w.rsaKey('rsa1024.key', 1024), w.ecKey('ecdsa.key'),
  ]);
  const [root, untrusted] = await Promise.all([
    w.selfSigned('root', rootKey, 'golive test root'),
    w.selfSigned('untrusted-root', untrustedKey, 'golive untrusted root'),
  ]);
  const caValid = { start: new Date(now - 30 * DAY), end: new Date(now + 3650 * DAY) };
  const [interCert, sha1InterCert] = await Promise.all([
    w.sign({ name: 'intermediate', key: interKey, cn: 'golive test intermediate', issuer: root, ...caValid }),
    w.sign({ name: 'sha1-intermediate', key: interKey, cn: 'golive test sha1 intermediate', issuer: root, md: 'sha1', ...caValid }),
  ]);
  const inter = { key: interKey, cert: interCert };
  const sha1Inter = { key: interKey, cert: sha1InterCert };
  const valid = { start: new Date(now - DAY), end: new Date(now + 730 * DAY) };
  const leaf = (name: string, extra: Partial<Parameters<Workshop['sign']>[0]> = {}) =>
    w.sign({ name, key: leafKey, cn: hosts[0] ?? 'good.test', issuer: inter, hosts, ...valid, ...extra });
  const files = await Promise.all([
    leaf('good'),
    leaf('expired', { start: new Date('2020-01-01T00:00:00Z'), end: new Date('2020-02-01T00:00:00Z') }),
    leaf('not-yet-valid', { start: new Date(now + 365 * DAY), end: new Date(now + 730 * DAY) }),
    leaf('wrong-host', { cn: 'other.test', hosts: ['other.test', '*.other.test'] }),
    w.selfSigned('self-signed', leafKey, hosts[0] ?? 'good.test', hosts).then((a) => a.cert),
    leaf('untrusted-root', { issuer: untrusted }),
    leaf('sha1', { md: 'sha1' }),
    leaf('sha1-intermediate', { issuer: sha1Inter }),
    leaf('rsa1024', { key: weakKey }),
    leaf('expiring-soon', { end: new Date(now + 10 * DAY) }),
    leaf('ecdsa', { key: ecKey }),
  ]);
  const [good, expired, notYet, wrongHost, selfSigned, untrustedLeaf, sha1, sha1InterLeaf, rsa1024, soon, ecdsa] = files.map((f) => readFileSync(f, 'utf8'));
  const pem = (p: string) => readFileSync(p, 'utf8');
  const key = pem(leafKey);
  const interPem = pem(interCert);
  const make = (cert: string, chain = interPem, extra: Partial<TlsCase> = {}): TlsCase => ({ key, cert, chain, hosts, ...extra });
  const cases: Record<CaseName, TlsCase> = {
    good: make(good!),
    expired: make(expired!),
    notYetValid: make(notYet!),
    wrongHost: make(wrongHost!, interPem, { hosts: ['other.test', '*.other.test'] }),
    selfSigned: make(selfSigned!, ''),
    untrustedRoot: make(untrustedLeaf!, pem(untrusted.cert)),
    incompleteChain: make(good!, ''),
    sha1: make(sha1!, interPem, { ciphers: LEGACY_CIPHERS }),
    sha1Intermediate: make(sha1InterLeaf!, pem(sha1InterCert), { ciphers: LEGACY_CIPHERS }),
    rsa1024: make(rsa1024!, interPem, { key: pem(weakKey), ciphers: LEGACY_CIPHERS }),
    expiringSoon: make(soon!),
    ecdsa: make(ecdsa!, interPem, { key: pem(ecKey) }),
  };
  const rootPem = pem(root.cert);
  const leafFor = async (names: string[], days = 730): Promise<TlsCase> => {
    const file = await w.sign({ name: 'custom', key: leafKey, cn: names[0] ?? 'custom.test', issuer: inter, hosts: names, start: new Date(Date.now() - DAY), end: new Date(Date.now() + days * DAY) });
    return { key, cert: pem(file), chain: interPem, hosts: names };
  };
  return { root: rootPem, ca: [rootPem], cases, leafFor };
}
