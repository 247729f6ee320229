import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Folder of the built-in playbooks; the same from src/ (tests) and dist/ (the installed CLI). */
export const BUILTIN_DIR = fileURLToPath(new URL('../../src/playbook/builtin/', import.meta.url));

export function builtinPlaybookIds(): string[] {
  if (!existsSync(BUILTIN_DIR)) return [];
  return readdirSync(BUILTIN_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** A playbook reference is a built-in id when it has no path separator and no .yaml/.yml suffix. */
export function isBuiltinRef(ref: string): boolean {
  return !ref.includes('/') && !ref.includes('\\') && !/\.ya?ml$/i.test(ref);
}

export function builtinPath(id: string): string {
  return path.join(BUILTIN_DIR, `${id}.yaml`);
}
