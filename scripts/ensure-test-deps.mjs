// Runs before `npm test`: some tests need programs from Debian packages — the PostgreSQL server
// (store tests against a real PostgreSQL), openssl (certificates made at test start) and
// python3-spf (it ships the RFC 7208 SPF test suite), and g++ with libsimdjson-dev and zlib1g-dev (the
// native event validator, which `npm test` builds and compares with the DuckDB engine). On a fresh machine (root, apt available)
// this installs what is missing; otherwise it says exactly what to do.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const pgRoot = '/usr/lib/postgresql';
const NEEDS = [
  { pkg: 'postgresql', present: () => existsSync(pgRoot) && readdirSync(pgRoot).some((v) => existsSync(`${pgRoot}/${v}/bin/initdb`)) },
  { pkg: 'openssl', present: () => existsSync('/usr/bin/openssl') },
  { pkg: 'python3-spf', present: () => existsSync('/usr/share/doc/python3-spf/rfc7208-tests.yml.gz') },
  // The native event validator (scripts/build-native.mjs): its tests compare it with the DuckDB engine.
  { pkg: 'g++', present: () => existsSync('/usr/bin/g++') },
  { pkg: 'libsimdjson-dev', present: () => existsSync('/usr/include/simdjson.h') },
  { pkg: 'zlib1g-dev', present: () => existsSync('/usr/include/zlib.h') },
];

const missing = NEEDS.filter((n) => !n.present()).map((n) => n.pkg);
if (missing.length > 0) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    process.stderr.write(`The tests need Debian packages that are not installed: ${missing.join(', ')}.\nInstall them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n`);
    process.exit(1);
  }
  process.stderr.write(`Installing Debian packages for the tests (apt-get): ${missing.join(', ')}…\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  const still = NEEDS.filter((n) => !n.present()).map((n) => n.pkg);
  if (still.length > 0) {
    process.stderr.write(`apt-get finished but these are still missing: ${still.join(', ')}\n`);
    process.exit(1);
  }
}
