import { Option, type Command } from 'commander';
import type { NetFlags } from '../services/network.js';
import { collect } from './program.js';

/** The network controls every check and probe takes; golive.yaml can set them per environment. */
export function withNetOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--resolver <ip[:port]>', 'DNS server to ask instead of the system\'s (repeatable), e.g. 127.0.0.1:5353; the page checks\' browser uses it too, through a local proxy').argParser(collect))
    .addOption(new Option('--resolve <host:port:addr>', 'connect to addr for host:port, like curl --resolve (repeatable): rehearse before the DNS switch').argParser(collect))
    .option('--ca-file <pem>', 'extra trusted CA certificates (PEM), e.g. a staging CA')
    .option('--timeout <duration>', 'time limit of each probe: seconds or 1500ms, 10s, 2m (default 10s)')
    .option('--concurrency <n>', 'probes running at once (default 8)');
}

export function netFlags(opts: Record<string, unknown>): NetFlags {
  const str = (k: string) => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
  const list = (k: string) => (Array.isArray(opts[k]) ? (opts[k] as string[]) : undefined);
  const flags: NetFlags = {};
  const resolver = list('resolver');
  const resolve = list('resolve');
  if (resolver) flags.resolver = resolver;
  if (resolve) flags.resolve = resolve;
  for (const [key, name] of [['caFile', 'caFile'], ['timeout', 'timeout'], ['concurrency', 'concurrency']] as const) {
    const v = str(name);
    if (v !== undefined) flags[key] = v;
  }
  return flags;
}

/** Ctrl-C during a run: the first stops new work and keeps what finished; a second one ends the process. */
export function interruptible(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { signal: controller.signal, dispose: () => { process.off('SIGINT', onSignal); process.off('SIGTERM', onSignal); } };
}
