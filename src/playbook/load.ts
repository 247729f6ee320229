import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, UsageError, type Diagnostic } from '../errors.js';
import { suggestion } from '../lib/suggest.js';
import { builtinPath, builtinPlaybookIds, isBuiltinRef } from './builtin.js';
import { builtinRules } from '../checks/registry.js';
import type { RuleCatalog } from '../checks/config.js';
import type { Project } from './model.js';
import { resolveProject, type LoadedPlaybook, type LoadedProject } from './resolve.js';
import { PlaybookSchema, ProjectSchema } from './schema.js';
import { diagnosticAt, parseYaml, type YamlFile } from './yaml.js';
import { zodDiagnostics } from './zod-diagnostics.js';
import type { z } from 'zod';

export const PROJECT_FILE = 'golive.yaml';

export interface LoadOptions {
  now: Date;
  /** Rules that checks may use (default: every built-in rule). */
  rules?: RuleCatalog;
  /** Directory paths in diagnostics are shown relative to. */
  cwd?: string;
}

export interface LoadResult {
  project: Project;
  warnings: Diagnostic[];
}

interface Parsed<T> {
  yaml: YamlFile;
  value?: T;
}

function display(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') ? rel : abs;
}

function readText(abs: string, cwd: string, out: Diagnostic[]): string | undefined {
  try {
    return readFileSync(abs, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    out.push({ severity: 'error', code: 'unreadable-file', file: display(abs, cwd), line: 0, column: 0, path: '', message: code === 'EISDIR' ? 'is a directory, not a YAML file' : `cannot be read (${code ?? (err as Error).message})`, hint: 'point at a .yaml file' });
    return undefined;
  }
}

/** Top-level keys starting with `x-` hold YAML anchors for reuse (as in Compose files); they are not part of the document. */
function withoutExtensionKeys(contents: unknown): unknown {
  if (typeof contents !== 'object' || contents === null || Array.isArray(contents)) return contents;
  return Object.fromEntries(Object.entries(contents).filter(([key]) => !key.startsWith('x-')));
}

function parseFile<T>(abs: string, cwd: string, schema: z.ZodType<T>, out: Diagnostic[]): Parsed<T> | undefined {
  const text = readText(abs, cwd, out);
  if (text === undefined) return undefined;
  const { yaml, diagnostics } = parseYaml(display(abs, cwd), text);
  out.push(...diagnostics);
  if (diagnostics.some((d) => d.severity === 'error')) return { yaml };
  let contents: unknown;
  try {
    contents = yaml.doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    out.push(diagnosticAt(yaml, [], { code: 'yaml-syntax', message: (err as Error).message, hint: 'aliases (*name) that expand to huge documents are refused; write the values out' }));
    return { yaml };
  }
  if (contents === null || contents === undefined) {
    out.push(diagnosticAt(yaml, [], { code: 'empty-file', message: 'the file is empty', hint: 'see docs/playbooks.md for the format' }));
    return { yaml };
  }
  const result = schema.safeParse(withoutExtensionKeys(contents));
  if (!result.success) {
    out.push(...zodDiagnostics(yaml, schema, result.error.issues));
    return { yaml };
  }
  return { yaml, value: result.data };
}

/** Resolve a playbook reference made in `from` at `at`; reports unknown built-ins and missing files. */
function refPath(ref: string, fromDir: string, from: YamlFile, at: (string | number)[], out: Diagnostic[]) {
  if (isBuiltinRef(ref)) {
    const known = builtinPlaybookIds();
    if (known.includes(ref)) return { abs: builtinPath(ref), builtin: true };
    out.push(
      diagnosticAt(from, at, {
        code: 'unknown-playbook',
        message: `unknown playbook "${ref}"`,
        hint: `${suggestion(ref, known, 'built-in playbook')}; a playbook of your own is referenced by path, e.g. ./playbooks/${ref}.yaml`,
      }),
    );
    return undefined;
  }
  const abs = path.resolve(fromDir, ref);
  if (existsSync(abs) && statSync(abs).isDirectory()) {
    out.push(diagnosticAt(from, at, { code: 'not-a-file', message: `${ref} is a directory, not a playbook file`, hint: `name the YAML file inside it, e.g. ${ref.replace(/\/$/, '')}/playbook.yaml` }));
    return undefined;
  }
  if (existsSync(abs)) return { abs, builtin: false };
  out.push(
    diagnosticAt(from, at, {
      code: 'missing-file',
      message: `playbook file ${ref} does not exist`,
      hint: `the path is relative to ${from.file}; looked for ${abs}`,
    }),
  );
  return undefined;
}

interface Walk {
  cwd: string;
  loaded: Map<string, LoadedPlaybook>;
  stack: string[];
  out: Diagnostic[];
}

function loadPlaybook(abs: string, builtin: boolean, walk: Walk, from: YamlFile, at: (string | number)[]): void {
  if (walk.stack.includes(abs)) {
    const cycle = [...walk.stack.slice(walk.stack.indexOf(abs)), abs].map((p) => display(p, walk.cwd));
    walk.out.push(
      diagnosticAt(from, at, { code: 'include-cycle', message: `playbooks include each other: ${cycle.join(' -> ')}`, hint: 'remove one of the includes' }),
    );
    return;
  }
  if (walk.loaded.has(abs)) return;
  const parsed = parseFile(abs, walk.cwd, PlaybookSchema, walk.out);
  if (!parsed?.value) return;
  walk.stack.push(abs);
  parsed.value.includes?.forEach((ref, i) => {
    const target = refPath(ref, path.dirname(abs), parsed.yaml, ['includes', i], walk.out);
    if (target) loadPlaybook(target.abs, target.builtin, walk, parsed.yaml, ['includes', i]);
  });
  walk.stack.pop();
  walk.loaded.set(abs, { input: parsed.value, yaml: parsed.yaml, abs, builtin });
}

/** Load golive.yaml and every playbook it uses; throws ConfigError with all problems found. */
export function loadProject(file: string, options: LoadOptions): LoadResult {
  const cwd = options.cwd ?? process.cwd();
  const abs = path.resolve(cwd, file);
  if (!existsSync(abs)) {
    throw new UsageError(`no project file at ${display(abs, cwd)}`, {
      hint: 'run `golive init` to create golive.yaml, or pass --project <path>',
    });
  }
  const out: Diagnostic[] = [];
  const parsed = parseFile(abs, cwd, ProjectSchema, out);
  if (!parsed?.value) throw new ConfigError(out);
  const walk: Walk = { cwd, loaded: new Map(), stack: [], out };
  parsed.value.playbooks.forEach((ref, i) => {
    const target = refPath(ref, path.dirname(abs), parsed.yaml, ['playbooks', i], out);
    if (target) loadPlaybook(target.abs, target.builtin, walk, parsed.yaml, ['playbooks', i]);
  });
  const project: LoadedProject = { input: parsed.value, yaml: parsed.yaml, abs };
  const complete = !out.some((d) => d.severity === 'error');
  const resolved = resolveProject(project, [...walk.loaded.values()], options.now, out, complete, options.rules ?? builtinRules());
  if (!resolved || out.some((d) => d.severity === 'error')) throw new ConfigError(out);
  return { project: resolved, warnings: out };
}
