import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { GoliveError } from '../errors.js';

const run = promisify(execFile);

export interface DemoCerts {
  caFile: string;
  key: string;
  cert: string;
}

const CONFIG = `[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ ca ]
default_ca = demo
[ demo ]
dir = $ENV::GOLIVE_DEMO_CA
database = $dir/index.txt
new_certs_dir = $dir
serial = $dir/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[ any ]
commonName = optional
[ root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ leaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
`;

/** OpenSSL's GeneralizedTime: YYYYMMDDHHMMSSZ. */
const asn1 = (d: Date) => d.toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}/, '');

/**
 * A throw-away CA and a server certificate for the demo's loopback servers, made with openssl in
 * the demo directory. `openssl ca` is the OpenSSL 3.0 command that sets both dates, so validity
 * follows the demo's clock (GOLIVE_NOW included), not the machine's.
 */
export async function makeDemoCerts(dir: string, hosts: string[], validity: { from: Date; to: Date }): Promise<DemoCerts> {
  const ca = path.join(dir, '.golive-demo-ca');
  mkdirSync(ca, { recursive: true });
  const f = (name: string) => path.join(ca, name);
  writeFileSync(f('openssl.cnf'), `${CONFIG}subjectAltName = ${hosts.map((h) => `DNS:${h}`).join(', ')}\n`);
  writeFileSync(f('index.txt'), '');
  writeFileSync(f('serial'), '1000\n');
  const openssl = (args: string[]) => run('openssl', args, { cwd: ca, timeout: 20_000, env: { ...process.env, GOLIVE_DEMO_CA: ca } });
  const sign = (extra: string[], ext: string, csr: string, out: string, from: Date, to: Date) =>
    openssl(['ca', '-batch', '-notext', '-config', f('openssl.cnf'), '-preserveDN', ...extra, '-startdate', asn1(from), '-enddate', asn1(to), '-extfile', f('openssl.cnf'), '-extensions', ext, '-in', csr, '-out', out]);
  try {
    for (const key of ['ca.key', 'server.key']) await openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', f(key)]);
    await openssl(['req', '-new', '-key', f('ca.key'), '-subj', '/CN=golive demo CA', '-config', f('openssl.cnf'), '-out', f('ca.csr')]);
    await sign(['-selfsign', '-keyfile', f('ca.key')], 'root', f('ca.csr'), path.join(dir, 'demo-ca.pem'), new Date(validity.from.getTime() - 86_400_000), new Date(validity.to.getTime() + 365 * 86_400_000));
    await openssl(['req', '-new', '-key', f('server.key'), '-subj', `/CN=${hosts[0]}`, '-config', f('openssl.cnf'), '-out', f('server.csr')]);
    await sign(['-cert', path.join(dir, 'demo-ca.pem'), '-keyfile', f('ca.key')], 'leaf', f('server.csr'), f('server.pem'), validity.from, validity.to);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new GoliveError(missing ? 'the demo needs the openssl command to make its certificates' : `openssl failed: ${String((err as { stderr?: string }).stderr ?? (err as Error).message).trim()}`, { cause: err, hint: missing ? 'install it (Debian: apt-get install openssl), or run golive demo --no-checks' : 'run golive demo --no-checks to skip the checks part' });
  }
  return { caFile: path.join(dir, 'demo-ca.pem'), key: f('server.key'), cert: f('server.pem') };
}
