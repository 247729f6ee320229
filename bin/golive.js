#!/usr/bin/env node
// golive command-line entry: runs the compiled CLI from dist/ (built by `npm run build`, which `npm ci` runs).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('golive is not built yet: run `npm run build` (npm ci does it) in the golive folder.\n');
  process.exit(3);
}
// A reader that stops early (`golive rules | head`) closes the pipe: that is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
const { main } = await import(entry.href);
const { nodeIo } = await import(new URL('../dist/cli/io.js', import.meta.url).href);
const { askOnTerminal } = await import(new URL('../dist/cli/prompt.js', import.meta.url).href);
const io = nodeIo();
if (io.stdinIsTTY && io.isTTY) io.ask = askOnTerminal;
process.exitCode = await main(process.argv.slice(2), io);
