import { makeStyle, type Style } from '../report/style.js';
import { clockFrom, type Context } from '../services/context.js';

/** The process's streams and environment, injected so tests can run the CLI in-process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
  stdinIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Width for help text; 80 when unknown, so generated docs do not depend on the terminal. */
  columns?: number;
  /** Answers prompts on a TTY (golive init). */
  ask?: (question: string) => Promise<string>;
}

export interface GlobalOptions {
  project?: string;
  color?: boolean;
}

export function nodeIo(): Io {
  return {
    out: (t) => void process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => void process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    isTTY: Boolean(process.stdout.isTTY),
    ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Colour only on a TTY, never with NO_COLOR (any value) or --no-color. */
export function styleFor(io: Io, opts: GlobalOptions): Style {
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  return makeStyle(io.isTTY && !noColor && opts.color !== false);
}

export function contextFor(io: Io, opts: GlobalOptions): Context {
  return {
    cwd: io.cwd,
    env: io.env,
    now: clockFrom(io.env),
    ...(opts.project ? { projectFile: opts.project } : {}),
    progress: (m) => {
      if (io.isTTY || io.env.GOLIVE_PROGRESS === '1') io.err(m);
    },
    warn: (m) => io.err(`warning: ${m}`),
  };
}

export type Format = 'text' | 'md' | 'json' | 'ics';

/** --json wins over --format; text is the default. */
export function formatOf(opts: { json?: boolean; format?: string }, allowed: Format[]): Format {
  if (opts.json) return 'json';
  const f = (opts.format ?? 'text') as Format;
  return allowed.includes(f) ? f : 'text';
}
