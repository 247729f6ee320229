// A throw-away certificate authority driven by Debian's openssl CLI, for test/support/certs.ts.
// Everything lives in a temp dir removed as soon as the PEMs are read (inWorkshop); nothing is committed.
// Leaves are signed with `openssl ca`, the only OpenSSL 3.0 CLI that sets a notBefore date
// (x509/req -not_before arrived in 3.4), each call with its own database so calls run in parallel.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const DAY = 86_400_000;

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

/** A CA: its key and certificate files. */
export interface Authority {
  key: string; // path
  cert: string; // path
}

export interface SignRequest {
  name: string;
  /** Key file of the certificate's subject. */
  key: string;
  cn: string;
  /** The signing CA, or 'self' for a self-signed certificate. */
  issuer: Authority | 'self';
  start: Date;
  end: Date;
  /** Digest (default sha256). */
  md?: string;
  /** SAN entries for a leaf; absent for a CA (root when self-signed, else intermediate). */
  hosts?: string[];
}

/**
 * Run `fn` in a fresh workshop and remove it afterwards, whatever happens. (An 'exit' hook would
 * not do: vitest's forked workers end without emitting it.)
 */
export async function inWorkshop<T>(fn: (w: Workshop) => Promise<T>): Promise<T> {
  const w = new Workshop();
  try {
    return await fn(w);
  } finally {
    w.dispose();
  }
}

/** One temp dir of keys, certificates and per-signature CA databases. */
export class Workshop {
  readonly dir = mkdtempSync(join(tmpdir(), 'golive-certs-'));
  readonly config = join(this.dir, 'openssl.cnf');
  private count = 0;

  constructor() {
    writeFileSync(this.config, CONFIG);
  }

  /** Remove the directory and every key in it. */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Write a file into the workshop; returns its path. */
  write(name: string, content: string): string {
    writeFileSync(this.path(name), content);
    return this.path(name);
  }

  path(name: string): string {
    return join(this.dir, name);
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

  /**
   * Sign a CSR for `o.key` through `openssl ca`, with explicit dates (the only OpenSSL 3.0 CLI that
   * sets notBefore). `issuer: 'self'` makes a self-signed certificate (`-selfsign`): a root CA, or a
   * self-signed leaf when `hosts` is given.
   */
  async sign(o: SignRequest): Promise<string> {
    const n = `${o.name}-${++this.count}`;
    const dir = this.path(`db-${n}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'index.txt.attr'), 'unique_subject = no\n');
    writeFileSync(join(dir, 'serial'), `${randomSerial()}\n`);
    const csr = this.path(`${n}.csr`);
    await this.openssl(['req', '-new', '-key', o.key, '-subj', `/CN=${o.cn}`, '-config', this.config, '-out', csr]);
    const profile = o.hosts ? 'leaf' : o.issuer === 'self' ? 'v3_root' : 'v3_intermediate';
    const extfile = o.hosts ? this.leafConfig(n, o.hosts) : this.config;
    const signer = o.issuer === 'self' ? ['-selfsign', '-keyfile', o.key] : ['-cert', o.issuer.cert, '-keyfile', o.issuer.key];
    const out = this.path(`${n}.crt`);
    await this.openssl(
      ['ca', '-batch', '-notext', '-config', this.config, '-preserveDN', ...signer, '-md', o.md ?? 'sha256',
        '-startdate', asn1Time(o.start), '-enddate', asn1Time(o.end), '-extfile', extfile, '-extensions', profile, '-in', csr, '-out', out],
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
