import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { PROJECT_FILE } from '../playbook/load.js';

/** Everything a command needs from the outside world, passed explicitly (no globals). */
export interface Context {
  cwd: string;
  env: NodeJS.ProcessEnv;
  now: Date;
  /** Explicit --project path, if given. */
  projectFile?: string;
  /** Progress for people on a terminal (stderr); never part of a report. */
  progress: (message: string) => void;
  /** Warnings that must be seen even in CI (stderr). */
  warn: (message: string) => void;
}

/** The clock: GOLIVE_NOW (an ISO instant) pins it, for rehearsals ("what will the gate say on Monday?") and tests. */
export function clockFrom(env: NodeJS.ProcessEnv): Date {
  const pinned = env.GOLIVE_NOW;
  if (!pinned) return new Date();
  const d = new Date(pinned);
  // An offset is required: without one the machine's own zone would decide, not the project's.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(pinned) || Number.isNaN(d.getTime())) {
    throw new UsageError(`GOLIVE_NOW="${pinned}" is not an instant with an offset`, { hint: 'use an ISO 8601 instant such as 2026-12-01T09:00:00Z or 2026-12-01T10:00:00+01:00, or unset it' });
  }
  return d;
}

/** golive.yaml in the working directory or the nearest parent, like git finds its repository. */
export function findProjectFile(ctx: Pick<Context, 'cwd' | 'projectFile'>): string {
  if (ctx.projectFile) return path.resolve(ctx.cwd, ctx.projectFile);
  for (let dir = ctx.cwd; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, PROJECT_FILE);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new UsageError(`no ${PROJECT_FILE} in ${ctx.cwd} or any parent directory`, {
    hint: 'run `golive init` to create one, `golive demo` to try a sample launch, or pass --project <path>',
  });
}

/** Who is making a change, when no --as names a person: GOLIVE_ACTOR, else the login name. */
export function defaultActor(env: NodeJS.ProcessEnv): string {
  if (env.GOLIVE_ACTOR) return env.GOLIVE_ACTOR;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
