import { InvalidArgumentError } from 'commander';
import type { CdpFacts } from '../../playbook/cdp.js';
import { findProjectFile, type Context } from '../../services/context.js';
import { openSession } from '../../services/session.js';

/** Shared by the `golive data` subcommands (one file each: data-validate.ts, data-identities.ts, ...). */

/** --examples: a whole number from 0 to 1000. */
export function exampleCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 1000) throw new InvalidArgumentError('expected a whole number from 0 to 1000.');
  return n;
}

/** The project's `cdp:` facts, or undefined when there is no golive.yaml (an invalid one is an error). */
export function projectFacts(ctx: Context): { file: string; dir: string; cdp: CdpFacts } | undefined {
  try {
    findProjectFile(ctx);
  } catch {
    return undefined;
  }
  const { project } = openSession(ctx);
  return { file: project.file, dir: project.dir, cdp: project.cdp };
}
