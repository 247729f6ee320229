import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../errors.js';
import { loadProject } from '../playbook/load.js';
import type { Project } from '../playbook/model.js';
import { buildPlan, type Plan } from '../plan/plan.js';
import type { Store } from '../store/store.js';
import { findProjectFile, type Context } from './context.js';

export interface Session {
  ctx: Context;
  project: Project;
  warnings: Diagnostic[];
  plan: Plan;
}

export function planOf(project: Project, goLive = project.goLive): Plan {
  return buildPlan({ goLive, timeZone: project.timeZone, calendar: project.calendar, hypercare: project.hypercare, freeze: project.policy.freeze, tasks: project.tasks });
}

/** Load and validate the project and date its plan. Throws ConfigError with every problem. */
export function openSession(ctx: Context): Session {
  const file = findProjectFile(ctx);
  const { project, warnings } = loadProject(file, { now: ctx.now, cwd: ctx.cwd });
  return { ctx, project, warnings, plan: planOf(project) };
}

export function storeDir(project: Project): string {
  return path.join(project.dir, '.golive');
}

/** Whether the embedded store of this project has been created (its database folder exists). */
function embeddedStoreExists(project: Project): boolean {
  return existsSync(path.join(storeDir(project), 'db'));
}

/** Open the project's store for a change for the duration of `fn`, and close it whatever happens. */
export async function withStore<T>(session: Session, command: string, fn: (store: Store) => Promise<T>): Promise<T> {
  if (session.ctx.env.GOLIVE_NOW) session.ctx.warn(`the clock is pinned by GOLIVE_NOW: this change is recorded as made at ${session.ctx.now.toISOString()}`);
  return openFor(session, command, fn);
}

/**
 * Read the project's store. When the embedded store does not exist yet, nothing has been recorded:
 * say so (a gate in CI on a fresh checkout must not look like a real verdict) and read an empty one
 * instead of creating it.
 */
export async function readStore<T>(session: Session, command: string, fn: (store: Store) => Promise<T>, empty: () => T): Promise<T> {
  if (!session.ctx.env.DATABASE_URL && !embeddedStoreExists(session.project)) {
    session.ctx.warn(`nothing is recorded for this project yet (no store in ${path.relative(session.ctx.cwd, storeDir(session.project)) || '.golive'}); every task counts as todo. Record changes with golive task/signoff/waive, or set DATABASE_URL to read a shared store.`);
    return empty();
  }
  return openFor(session, command, fn);
}

async function openFor<T>(session: Session, command: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const { openStore } = await import('../store/open.js');
  const dir = storeDir(session.project);
  const databaseUrl = session.ctx.env.DATABASE_URL;
  if (!databaseUrl && !embeddedStoreExists(session.project)) {
    session.ctx.progress(`Creating the embedded store in ${path.relative(session.ctx.cwd, dir) || dir} (the first time takes a few seconds)…`);
  }
  const pause = Number(session.ctx.env.GOLIVE_FAULT_PAUSE_IN_TX_MS ?? 0);
  const storeOptions = pause > 0 ? { pauseInTransactionMs: pause, onPause: () => session.ctx.progress('fault injection: paused inside the write transaction') } : {};
  const store = await openStore({ dir, ...(databaseUrl ? { databaseUrl } : {}), command, storeOptions });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
