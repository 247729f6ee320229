// Runs before `npm test`: the PostgreSQL tests need a real server from Debian's postgresql package.
// On a fresh machine (root, apt available) it installs it; otherwise it says exactly what to do.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const root = '/usr/lib/postgresql';
const installed = () => existsSync(root) && readdirSync(root).some((v) => existsSync(`${root}/${v}/bin/initdb`));

if (!installed()) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    process.stderr.write('The PostgreSQL tests need the server binaries from Debian\'s postgresql package.\n' + 'Install them with: sudo apt-get update && sudo apt-get install -y postgresql\n');
    process.exit(1);
  }
  process.stderr.write('Installing Debian\'s postgresql package for the PostgreSQL tests (apt-get)…\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env });
  if (!installed()) {
    process.stderr.write('apt-get finished but no initdb was found under /usr/lib/postgresql\n');
    process.exit(1);
  }
}
