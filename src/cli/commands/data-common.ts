import { InvalidArgumentError } from 'commander';
import { UsageError } from '../../errors.js';
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

/**
 * File arguments, globs expanded (a quoted glob works like one the shell expanded): absolute path ->
 * the name reports show. A glob that matches nothing is a usage error naming it.
 */
export async function givenFiles(args: readonly string[], cwd: string): Promise<Map<string, string>> {
  const { expandFiles } = await import('../../data/glob.js');
  const { files, unmatched } = await expandFiles(args, cwd);
  if (unmatched.length > 0) throw new UsageError(`no file matches ${unmatched.join(', ')} (looked in ${cwd})`, { hint: 'check the pattern: * matches within a folder, ** across folders' });
  return new Map(files.map((f) => [f.absolute, f.given]));
}
