import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { GoliveError } from '../errors.js';

const run = promisify(execFile);

export interface DemoCerts {
  caFile: string;
  key: string;
  cert: string;
}

/**
 * A throw-away CA and a server certificate for the demo's loopback servers, made with openssl in
 * the demo directory. The certificate covers the demo's names but runs out `days` after today, so
 * the demo's certificate check has something real to find.
 */
export async function makeDemoCerts(dir: string, hosts: string[], days: number): Promise<DemoCerts> {
  const f = (name: string) => path.join(dir, name);
  const openssl = (args: string[]) => run('openssl', args, { cwd: dir, timeout: 20_000 });
  try {
    await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('demo-ca.key'), '-out', f('demo-ca.pem'), '-days', '365', '-subj', '/CN=golive demo CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('demo-server.key'), '-out', f('demo-server.csr'), '-subj', `/CN=${hosts[0]}`]);
    writeFileSync(f('demo-server.ext'), `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
    await openssl(['x509', '-req', '-in', f('demo-server.csr'), '-CA', f('demo-ca.pem'), '-CAkey', f('demo-ca.key'), '-CAcreateserial', '-out', f('demo-server.pem'), '-days', String(days), '-sha256', '-extfile', f('demo-server.ext')]);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new GoliveError(missing ? 'the demo needs the openssl command to make its certificates' : `openssl failed: ${(err as Error).message}`, { cause: err, hint: missing ? 'install it (Debian: apt-get install openssl), or run golive demo --no-checks' : 'run golive demo --no-checks to skip the checks part' });
  }
  return { caFile: f('demo-ca.pem'), key: f('demo-server.key'), cert: f('demo-server.pem') };
}
