// A stand-in for GOLIVE_CHROMIUM that runs Debian's Chromium and writes down each launch (its PID
// and its arguments, which hold the profile directory), so a test can show that a run launched one
// browser and that none of its processes outlived the run.
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ChromiumSpy {
  /** The wrapper script: set GOLIVE_CHROMIUM to it. */
  path: string;
  /** One entry per launch. */
  launches(): { pid: number; profile: string }[];
  /** Processes still running that belong to a recorded launch (its PID, or its profile in their arguments). */
  alive(): number[];
  remove(): void;
}

export function chromiumSpy(): ChromiumSpy {
  const dir = mkdtempSync(path.join(tmpdir(), 'golive-chromium-spy-'));
  const log = path.join(dir, 'launches.log');
  const script = path.join(dir, 'chromium');
  writeFileSync(script, `#!/bin/sh\necho "$$ $*" >> '${log}'\nexec /usr/bin/chromium "$@"\n`);
  chmodSync(script, 0o755);
  const launches = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((line) => {
    const [pid, ...args] = line.split(' ');
    return { pid: Number(pid), profile: args.find((a) => a.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length) ?? '' };
  }) : []);
  const alive = () => {
    const seen = launches();
    return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map(Number).filter((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return seen.some((l) => l.pid === pid || (l.profile !== '' && cmd.includes(l.profile)));
      } catch {
        return false;
      }
    });
  };
  return { path: script, launches, alive, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
