import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../../errors.js';
import { DEFAULT_INSTALL_RECIPE, INSTALL_HOOK, recipePath } from './hooks.js';
import type { DeployModel, RecipeFacts, RepoFacts, RepoHit } from './model.js';
import { child, dig, parseTree, type LNode } from './tree.js';

/**
 * Reads what the recipe and demo-data checks need from a project repository (I/O). Missing files
 * are facts ("no such recipe"), never errors; big trees are walked with limits.
 */

/** bcrypt("change123"): the password hash of every demo customer row of the Spryker demo shops. */
export const DEMO_CUSTOMER_HASH = '$2y$10$BfK63PmaH/mYpHNfVjCIIuDwnMM.q2ZyjzUAjZTXPmAEiXPoqsXdy';
const DEMO_USER_LINE = /[\w.+-]+@spryker\.com|change123/;
const FULL_IMPORT = /data\/import\/\S*full_[^\s'"]*\.ya?ml/;
const MAX_READ_BYTES = 20 * 1024 * 1024;
const MAX_WALK_ENTRIES = 20_000;
const CUSTOMER_CONFIG_LAYERS = ['Zed', 'Shared', 'Client', 'Yves', 'Glue'];

interface Repo {
  abs: string;
  shown: string;
  signal?: AbortSignal;
}

async function readIfFile(repo: Repo, rel: string): Promise<string | undefined> {
  const abs = path.join(repo.abs, rel);
  const s = await stat(abs).catch(() => undefined);
  if (!s?.isFile() || s.size > MAX_READ_BYTES) return undefined;
  return readFile(abs, { encoding: 'utf8', ...(repo.signal ? { signal: repo.signal } : {}) });
}

const shownPath = (repo: Repo, rel: string) => path.join(repo.shown, rel);

/** Lines of `text` matching `re`, as hits in `file`. */
function hits(text: string, re: RegExp, file: string): RepoHit[] {
  return text.split('\n').flatMap((line, i) => {
    const m = re.exec(line);
    return m ? [{ file, line: i + 1, column: m.index + 1, text: line.trim().slice(0, 160) }] : [];
  });
}

function stringsOf(node: LNode, out: { value: string; line: number; column: number }[]): void {
  if (node.kind === 'scalar') {
    if (typeof node.value === 'string') out.push({ value: node.value, line: node.at.line, column: node.at.column });
  } else if (node.kind === 'seq') node.items.forEach((n) => stringsOf(n, out));
  else for (const e of node.entries.values()) stringsOf(e.value, out);
}

async function recipeFacts(repo: Repo, name: string, hook: string): Promise<RecipeFacts> {
  const rel = recipePath(name);
  const file = shownPath(repo, rel);
  const text = await readIfFile(repo, rel);
  if (text === undefined) return { name, hook, file, exists: false, fullImports: [] };
  let tree: LNode;
  try {
    tree = parseTree(file, text);
  } catch {
    // An unparsable recipe still exists; a line scan finds its data imports.
    return { name, hook, file, exists: true, fullImports: hits(text, FULL_IMPORT, file) };
  }
  const demodata = child(dig(tree, 'sections'), 'demodata');
  const strings: { value: string; line: number; column: number }[] = [];
  stringsOf(tree, strings);
  const fullImports = strings.filter((s) => FULL_IMPORT.test(s.value)).map((s) => ({ file, line: s.line, column: s.column, text: s.value.slice(0, 160) }));
  return { name, hook, file, exists: true, ...(demodata ? { demodata: { file, line: demodata.keyAt.line, column: demodata.keyAt.column, text: 'demodata:' } } : {}), fullImports };
}

/** Every `customer.csv` under data/import, breadth-first, within a fixed budget of directory entries. */
async function customerFiles(repo: Repo): Promise<string[]> {
  const found: string[] = [];
  const queue = ['data/import'];
  let seen = 0;
  while (queue.length > 0 && seen < MAX_WALK_ENTRIES) {
    const rel = queue.shift()!;
    const entries = await readdir(path.join(repo.abs, rel), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      seen++;
      if (e.isDirectory()) queue.push(path.join(rel, e.name));
      else if (e.isFile() && e.name === 'customer.csv') found.push(path.join(rel, e.name));
    }
  }
  return found.sort();
}

async function demoCustomers(repo: Repo): Promise<RepoFacts['demoCustomers']> {
  const out: RepoFacts['demoCustomers'] = [];
  for (const rel of await customerFiles(repo)) {
    const text = await readIfFile(repo, rel);
    const rows = text === undefined ? [] : hits(text, new RegExp(DEMO_CUSTOMER_HASH.replace(/[$./]/g, '\\$&')), shownPath(repo, rel));
    if (rows[0]) out.push({ ...rows[0], text: `${rows.length} rows with the demo password hash`, rows: rows.length });
  }
  return out;
}

async function scan(repo: Repo, rels: string[], re: RegExp): Promise<RepoHit[]> {
  const out: RepoHit[] = [];
  for (const rel of rels) {
    const text = await readIfFile(repo, rel);
    if (text !== undefined) out.push(...hits(text, re, shownPath(repo, rel)));
  }
  return out;
}

/** The recipes the model's hooks name; the Spryker Cloud default stands in for a missing install hook. */
function recipesToRead(model: DeployModel): { name: string; hook: string }[] {
  const named = model.hooks.flatMap((h) => (h.recipe ? [{ name: h.recipe, hook: h.name }] : []));
  const hasInstall = model.hooks.some((h) => h.name === INSTALL_HOOK);
  return hasInstall ? named : [...named, { name: DEFAULT_INSTALL_RECIPE, hook: 'default' }];
}

export async function gatherRepoFacts(model: DeployModel, abs: string, shown: string, signal?: AbortSignal): Promise<RepoFacts> {
  const repo: Repo = { abs, shown, ...(signal ? { signal } : {}) };
  const s = await stat(abs).catch(() => undefined);
  if (!s?.isDirectory()) {
    throw new ConfigError([{ severity: 'error', code: 'repo-not-found', file: shown, line: 0, column: 0, path: '', message: 'is not a directory: the repository cannot be checked', hint: 'pass the root of the project repository (where config/install/ and src/Pyz/ are)' }]);
  }
  const recipes: RecipeFacts[] = [];
  for (const r of recipesToRead(model)) recipes.push(await recipeFacts(repo, r.name, r.hook));
  return {
    root: shown,
    recipes,
    installerUsers: await scan(repo, ['src/Pyz/Zed/User/UserConfig.php'], DEMO_USER_LINE),
    demoCustomers: await demoCustomers(repo),
    passwordAllowList: await scan(repo, CUSTOMER_CONFIG_LAYERS.map((l) => `src/Pyz/${l}/Customer/CustomerConfig.php`), /change123/),
  };
}
