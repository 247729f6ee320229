import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type Diagnostic } from '../../errors.js';
import { buildModel } from './build.js';
import { mergeOver, parametersOf, withParameters } from './imports.js';
import type { DeployModel, DeployProblem } from './model.js';
import { entryRef } from './refs.js';
import { gatherRepoFacts } from './repo.js';
import { dig, parseTree, text, TreeError, type LNode } from './tree.js';

/**
 * Reads a deploy file (I/O): parses it with YAML 1.1 merge keys, resolves `imports` the way the
 * Docker SDK does, and builds the model. With `repo`, also gathers the repository facts the
 * recipe checks need. Unreadable or invalid files throw a ConfigError naming file, line and column.
 */

export interface LoadOptions {
  /** The project repository (install recipes, demo data); relative to `cwd`. */
  repo?: string;
  /** Directory relative paths are resolved from (default: the process's). */
  cwd?: string;
  signal?: AbortSignal;
}

const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_IMPORT_DEPTH = 10;

function unreadable(file: string, message: string, hint: string, at = { line: 0, column: 0 }): ConfigError {
  const d: Diagnostic = { severity: 'error', code: 'deploy-file-unreadable', file, line: at.line, column: at.column, path: '', message, hint };
  return new ConfigError([d]);
}

async function readText(abs: string, shown: string, signal?: AbortSignal): Promise<string> {
  try {
    const s = await stat(abs);
    if (!s.isFile()) throw unreadable(shown, 'is not a regular file', 'point at the deploy file itself, e.g. deploy.myshop-production.yml');
    if (s.size > MAX_FILE_BYTES) throw unreadable(shown, `is ${s.size} bytes, more than a deploy file can be (${MAX_FILE_BYTES})`, 'check that this is the deploy file');
    return await readFile(abs, { encoding: 'utf8', ...(signal ? { signal } : {}) });
  } catch (err) {
    if (err instanceof ConfigError || (err as Error).name === 'AbortError') throw err;
    throw unreadable(shown, `cannot be read (${(err as { code?: string }).code ?? String(err)})`, 'check the path; relative paths start at the current (or project) directory');
  }
}

function parse(shown: string, source: string): LNode {
  try {
    return parseTree(shown, source);
  } catch (err) {
    if (err instanceof TreeError) throw new ConfigError([err.diagnostic]);
    throw err;
  }
}

interface Walk {
  mainAbs: string;
  mainShown: string;
  repoAbs?: string;
  signal?: AbortSignal;
  files: string[];
  problems: DeployProblem[];
}

const shownOf = (w: Walk, abs: string) => (abs === w.mainAbs ? w.mainShown : path.join(path.dirname(w.mainShown), path.relative(path.dirname(w.mainAbs), abs)));

/** Where the SDK (and we) look for a template: the project's config/deploy-templates first, then beside the files. */
async function findTemplate(w: Walk, template: string, importer: string): Promise<string | undefined> {
  const dirs = [w.repoAbs && path.join(w.repoAbs, 'config', 'deploy-templates'), path.join(path.dirname(w.mainAbs), 'config', 'deploy-templates'), path.dirname(importer), path.dirname(w.mainAbs)];
  const candidates = path.isAbsolute(template) ? [template] : [...new Set(dirs.filter((d): d is string => !!d).map((d) => path.join(d, template)))];
  for (const candidate of candidates) {
    const s = await stat(candidate).catch(() => undefined);
    if (s?.isFile()) return candidate;
  }
  return undefined;
}

function withoutImports(node: LNode): LNode {
  if (node.kind !== 'map' || !node.entries.has('imports')) return node;
  const entries = new Map(node.entries);
  entries.delete('imports');
  return { ...node, entries };
}

/** The file's tree with its imports merged under it (depth-first, the importing file winning). */
async function expand(w: Walk, tree: LNode, abs: string, params: Record<string, string>, stack: string[]): Promise<LNode> {
  const node = withParameters(tree, params);
  let out = withoutImports(node);
  const imports = dig(node, 'imports');
  for (const entry of imports?.kind === 'map' ? [...imports.entries.values()] : []) {
    const template = text(dig(entry.value, 'template')) ?? entry.key;
    const found = await findTemplate(w, template, abs);
    const at = entryRef(entry, ['imports', entry.key]);
    if (!found) {
      w.problems.push({ code: 'import-not-found', message: `import ${template} was not found, so its settings are not analysed`, hint: 'put project templates in config/deploy-templates/ (pass --repo when the deploy file is elsewhere); Docker SDK base templates cannot be read here, check the output of docker/sdk config instead', at });
      continue;
    }
    if (stack.includes(found) || stack.length >= MAX_IMPORT_DEPTH) throw new ConfigError([{ severity: 'error', code: 'import-cycle', file: at.file, line: at.line, column: at.column, path: at.path, message: `import ${template} imports itself (or nests deeper than ${MAX_IMPORT_DEPTH})`, hint: 'remove the import that closes the cycle' }]);
    const shown = shownOf(w, found);
    w.files.push(shown);
    const imported = parse(shown, await readText(found, shown, w.signal));
    const expanded = await expand(w, imported, found, { ...params, ...parametersOf(dig(entry.value, 'parameters')) }, [...stack, found]);
    out = mergeOver(out, expanded);
  }
  return out;
}

/** Load and resolve a deploy file into its model. */
export async function loadDeployFile(file: string, options: LoadOptions = {}): Promise<DeployModel> {
  const cwd = options.cwd ?? process.cwd();
  const mainAbs = path.resolve(cwd, file);
  const repoAbs = options.repo === undefined ? undefined : path.resolve(cwd, options.repo);
  const w: Walk = { mainAbs, mainShown: file, ...(repoAbs ? { repoAbs } : {}), ...(options.signal ? { signal: options.signal } : {}), files: [file], problems: [] };
  const tree = parse(file, await readText(mainAbs, file, options.signal));
  if (tree.kind !== 'map') throw unreadable(file, 'is not a mapping of settings (version, namespace, regions, groups, ...)', 'check that this is a Docker SDK deploy file', { line: tree.at.line, column: tree.at.column });
  const merged = await expand(w, tree, mainAbs, {}, [mainAbs]);
  const model = buildModel(merged, file, w.files, w.problems);
  if (repoAbs && options.repo !== undefined) model.repository = await gatherRepoFacts(model, repoAbs, options.repo, options.signal);
  return model;
}
