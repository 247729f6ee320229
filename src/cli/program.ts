import { Option, type Command } from 'commander';
import type { Io } from './io.js';

/** Exit codes: the contract with CI scripts. */
export const EXIT = { ok: 0, noGo: 1, usage: 2, internal: 3 } as const;

/** Shared mutable outcome of one run: commands set the exit code, main returns it. */
export interface Run {
  io: Io;
  exitCode: number;
}

export function formatOption(allowed: string[], extra = ''): Option {
  return new Option('--format <format>', `output format${extra}`).choices(allowed).default('text');
}

/** --format with its choices, and --json as its shorthand, on a reporting command. */
export function withFormats(cmd: Command, allowed: string[], extra = ''): Command {
  return cmd.addOption(formatOption(allowed, extra)).option('--json', 'same as --format json');
}

/** Repeatable options: each use adds to the list. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

export function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => (l === '' ? '' : l.startsWith('#') ? `  ${l}` : `  $ ${l}`)).join('\n')}\n`;
}

export type Register = (program: Command, run: Run) => void;
