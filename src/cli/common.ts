import type { Command } from 'commander';
import { openSession, type Session } from '../services/session.js';
import { contextFor, formatOf, styleFor, type Format, type GlobalOptions } from './io.js';
import type { Run } from './program.js';

export function globals(cmd: Command): GlobalOptions & Record<string, unknown> {
  return cmd.optsWithGlobals();
}

/** Load the project for a command; mentions configuration warnings once, on stderr. */
export function session(run: Run, cmd: Command): Session {
  const s = openSession(contextFor(run.io, globals(cmd)));
  const warnings = s.warnings.filter((w) => w.severity === 'warning').length;
  if (warnings > 0) run.io.err(`note: ${warnings} warning${warnings === 1 ? '' : 's'} in the configuration (golive validate lists them)`);
  return s;
}

export function style(run: Run, cmd: Command) {
  return styleFor(run.io, globals(cmd));
}

export function format(cmd: Command, allowed: Format[]): Format {
  return formatOf(cmd.opts(), allowed);
}

export function printJson(run: Run, doc: unknown): void {
  run.io.out(JSON.stringify(doc, null, 2));
}
