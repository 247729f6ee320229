import { findingsFor } from './finding.js';
import { DEFAULT_INSTALL_RECIPE, INSTALL_HOOK } from './hooks.js';
import type { DeployFinding, DeployModel, RecipeFacts, RepoFacts, RepoHit, SourceRef } from './model.js';

/**
 * Deploy hooks and what the repository installs (pure, over facts the loader gathered): hooks name
 * recipes that exist; the normal-deploy recipe imports no demo data; no demo installer users,
 * demo customers or demo password allow-list remain (DAT-02).
 */

const { fail, warn, info } = findingsFor('recipes');

const hitRef = (h: RepoHit, path = ''): SourceRef => ({ file: h.file, line: h.line, column: h.column, path });

function hookRef(model: DeployModel, recipe: RecipeFacts): SourceRef {
  const hook = model.hooks.find((h) => h.name === recipe.hook);
  return hook?.at ?? { file: model.file, line: 1, column: 1, path: 'image.environment' };
}

function recipe(model: DeployModel, r: RecipeFacts): DeployFinding[] {
  const named = r.hook === 'default' ? `the Spryker Cloud default install recipe ${r.name}` : `${r.hook} runs recipe ${r.name}`;
  if (!r.exists) return [fail('hook-recipe-missing', `${named}, but ${r.file} does not exist`, 'name a recipe that exists under config/install/ (vendor/bin/install -r <name> reads config/install/<name>.yml), or add it', hookRef(model, r))];
  const normal = r.hook === INSTALL_HOOK || r.hook === 'default';
  if (!normal) return [];
  const out: DeployFinding[] = [];
  if (r.demodata) out.push(fail('install-recipe-demodata', `${r.file} (the normal-deploy recipe) has a demodata section`, 'remove the demodata section from the recipe the normal pipeline runs; keep demo data to destructive recipes of non-production environments', hitRef(r.demodata, 'sections.demodata')));
  for (const hit of r.fullImports) out.push(fail('install-recipe-full-import', `${r.file} (the normal-deploy recipe) imports ${/full_[^\s'"]*/.exec(hit.text)?.[0] ?? 'a full data set'}`, 'do not run full (demo) data imports on every deploy; import only the production data the shop needs', hitRef(hit)));
  return out;
}

function demoData(repo: RepoFacts): DeployFinding[] {
  const out: DeployFinding[] = [];
  const users = repo.installerUsers[0];
  if (users) out.push(fail('installer-demo-users', `${users.file} still creates demo Back Office users (${repo.installerUsers.length} line${repo.installerUsers.length === 1 ? '' : 's'} with @spryker.com or change123)`, 'replace getInstallerUsers() with the project\'s own users and read their passwords from the Parameter Store; setup:init-db creates them even without demo data (DAT-02)', hitRef(users, 'getInstallerUsers')));
  for (const c of repo.demoCustomers) out.push(warn('demo-customer-data', `${c.file} has ${c.rows} customer row${c.rows === 1 ? '' : 's'} with the demo password hash (change123)`, 'make sure no production import loads this file; remove the demo customers from data the production recipes import', hitRef(c)));
  const allow = repo.passwordAllowList[0];
  if (allow) out.push(warn('demo-password-allowed', `${allow.file} allows the demo password change123`, 'remove change123 from getCustomerPasswordAllowList() so customers cannot choose it', hitRef(allow)));
  return out;
}

export function analyzeRecipes(model: DeployModel): DeployFinding[] {
  const out: DeployFinding[] = [];
  if (!model.hooks.some((h) => h.name === INSTALL_HOOK)) {
    out.push(info('hooks-not-set', `image.environment sets no ${INSTALL_HOOK}: Spryker Cloud runs its default (vendor/bin/install -r ${DEFAULT_INSTALL_RECIPE})`, 'set the SPRYKER_HOOK_* variables so the deploy runs the recipes you reviewed', { file: model.file, line: 1, column: 1, path: 'image.environment' }));
  }
  const repo = model.repository;
  if (!repo) return [...out, info('recipes-not-checked', 'the install recipes and demo data were not checked: no repository given', 'pass --repo <project root> (or the rule option repo) to check config/install recipes and demo users', { file: model.file, line: 1, column: 1, path: '' })];
  return [...out, ...repo.recipes.flatMap((r) => recipe(model, r)), ...demoData(repo)];
}
