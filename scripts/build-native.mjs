// Builds the native event validator (native/events/*.cc -> native/build/golive_events.node) with
// Debian's g++ against simdjson and zlib (apt-get install g++ libsimdjson-dev zlib1g-dev) and the
// Node-API headers from npm (node-api-headers, so no header download).
//
// It is an accelerator: without a compiler or the libraries the build says so and golive validates
// events on its DuckDB engine instead (same results, slower). GOLIVE_NATIVE=required makes a failed
// build an error, for a pipeline that must ship the native engine. The test suite needs it too, and
// says so itself: its first native test fails when the engine is not built.
// Objects are rebuilt only when a source or header is newer, so `npm run build` stays quick.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'native', 'events');
const out = path.join(root, 'native', 'build');
const target = path.join(out, 'golive_events.node');
const required = process.env.GOLIVE_NATIVE === 'required';
const HINT = 'install the build tools with: apt-get install -y g++ libsimdjson-dev zlib1g-dev (then npm run build)';

function give(reason) {
  const text = `golive: the native event validator was not built (${reason}).`;
  if (required) {
    process.stderr.write(`${text}\nGOLIVE_NATIVE=required: ${HINT}\n`);
    process.exit(1);
  }
  process.stderr.write(`${text}\n\`golive data validate\` uses its DuckDB engine (same results, slower); to build it, ${HINT}\n`);
  process.exit(0);
}

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

let include;
try {
  include = createRequire(import.meta.url)('node-api-headers').include_dir;
} catch {
  give('the node-api-headers package is missing; run npm ci');
}
if (!existsSync('/usr/include/simdjson.h')) give('simdjson headers are missing');
if (!existsSync('/usr/include/zlib.h')) give('zlib headers are missing');
try {
  execFileSync('g++', ['--version'], { stdio: 'ignore' });
} catch {
  give('g++ is not installed');
}

mkdirSync(out, { recursive: true });
const headers = readdirSync(src).filter((f) => f.endsWith('.h')).map((f) => path.join(src, f));
const newestHeader = Math.max(0, ...headers.map(mtime));
const sources = readdirSync(src).filter((f) => f.endsWith('.cc')).sort();
const flags = ['-std=c++17', '-O2', '-fPIC', '-Wall', '-Wextra', '-DNAPI_VERSION=8', '-DNODE_GYP_MODULE_NAME=golive_events', `-I${include}`];
const objects = [];
try {
  for (const file of sources) {
    const input = path.join(src, file);
    const object = path.join(out, file.replace(/\.cc$/, '.o'));
    objects.push(object);
    if (mtime(object) > Math.max(mtime(input), newestHeader, mtime(fileURLToPath(import.meta.url)))) continue;
    execFileSync('g++', [...flags, '-c', input, '-o', object], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  if (objects.some((o) => mtime(o) >= mtime(target))) {
    execFileSync('g++', ['-shared', '-pthread', ...objects, '-lsimdjson', '-lz', '-o', target], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
} catch {
  give('g++ failed; see its messages above');
}
