import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeDeploy } from './analyze.js';
import { recipeOf, recipePath } from './hooks.js';
import { loadDeployFile } from './load.js';
import { DEMO_CUSTOMER_HASH } from './repo.js';
import { codesOf, edit, GOOD_DEPLOY } from './test-helpers.js';

/** A tiny fake project repository, written by the test: recipes, installer users, demo customers. */
function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
}

const PRODUCTION_RECIPE = `env:
    NEW_RELIC_ENABLED: 0
sections:
    build:
        generate-transfers:
            command: 'vendor/bin/console transfer:generate'
    demodata:
        import:
            command: 'vendor/bin/console data:import --config=data/import/production/full_EU.yml'
`;

const DIRTY = {
  'deploy.yml': edit(GOOD_DEPLOY, "        SPRYKER_PAYMENT_API_KEY:", "        SPRYKER_HOOK_BEFORE_DEPLOY: 'vendor/bin/install -r EU/pre-deploy -vvv'\n        SPRYKER_PAYMENT_API_KEY:"),
  'config/install/EU/production.yml': PRODUCTION_RECIPE,
  'config/install/EU/destructive.yml': 'sections:\n    demodata:\n        import:\n            command: vendor/bin/console data:import\n',
  'src/Pyz/Zed/User/UserConfig.php': "<?php\nclass UserConfig {\n    public function getInstallerUsers(): array {\n        return [[\n            'username' => 'admin@spryker.com',\n            'password' => 'change123',\n        ]];\n    }\n}\n",
  'src/Pyz/Zed/Customer/CustomerConfig.php': "<?php\n    public function getCustomerPasswordAllowList(): array\n    {\n        return ['change123'];\n    }\n",
  'data/import/common/common/customer.csv': `customer_reference,email,password\nDE--1,spencor.hopkin@spryker.com,${DEMO_CUSTOMER_HASH}\nDE--2,maria.williams@spryker.com,${DEMO_CUSTOMER_HASH}\n`,
};

const CLEAN = {
  'deploy.yml': GOOD_DEPLOY,
  'config/install/EU/production.yml': 'sections:\n    build:\n        generate:\n            command: vendor/bin/console transfer:generate\n',
  'config/install/EU/destructive.yml': 'sections: {}\n',
  'src/Pyz/Zed/User/UserConfig.php': "<?php\n// users come from the Parameter Store\n",
  'data/import/common/common/customer.csv': 'customer_reference,email,password\n',
};

describe('repository checks (only with a repository)', () => {
  let root: string;
  const dir = (name: string) => path.join(root, name);
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'golive-repo-'));
    writeTree(dir('dirty'), DIRTY);
    writeTree(dir('clean'), CLEAN);
    writeTree(dir('bare'), { 'deploy.yml': edit(GOOD_DEPLOY, /        SPRYKER_HOOK_(DESTRUCTIVE_)?INSTALL: .*\n/g, '') });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds missing recipes, demo data in the normal recipe, demo users, customers and the demo password', async () => {
    const model = await loadDeployFile('deploy.yml', { cwd: dir('dirty'), repo: '.' });
    const findings = analyzeDeploy(model, { domains: ['shop.com'] });
    expect(codesOf(findings, 'recipes')).toEqual(['fail:hook-recipe-missing', 'fail:install-recipe-demodata', 'fail:install-recipe-full-import', 'fail:installer-demo-users', 'warn:demo-customer-data', 'warn:demo-password-allowed']);
    const where = (code: string) => findings.filter((f) => f.code === code).map((f) => `${f.file}:${f.line}`);
    expect(where('hook-recipe-missing')).toEqual(['deploy.yml:15']);
    expect(where('install-recipe-demodata')).toEqual([`${path.join('config', 'install', 'EU', 'production.yml')}:7`]);
    expect(where('install-recipe-full-import')).toEqual([`${path.join('config', 'install', 'EU', 'production.yml')}:9`]);
    expect(where('installer-demo-users')).toEqual([`${path.join('src', 'Pyz', 'Zed', 'User', 'UserConfig.php')}:5`]);
    expect(findings.find((f) => f.code === 'demo-customer-data')?.message).toMatch(/2 customer rows/);
    // The destructive recipe may import demo data: it is checked for existence only.
    expect(model.repository?.recipes.map((r) => [r.name, r.hook, r.exists])).toEqual([
      ['EU/production', 'SPRYKER_HOOK_INSTALL', true],
      ['EU/destructive', 'SPRYKER_HOOK_DESTRUCTIVE_INSTALL', true],
      ['EU/pre-deploy', 'SPRYKER_HOOK_BEFORE_DEPLOY', false],
    ]);
  });

  it('passes a clean repository', async () => {
    const findings = analyzeDeploy(await loadDeployFile('deploy.yml', { cwd: dir('clean'), repo: '.' }), { domains: ['shop.com'] });
    expect(codesOf(findings, 'recipes')).toEqual([]);
  });

  it('without install hooks, checks the Spryker Cloud default recipe', async () => {
    const findings = analyzeDeploy(await loadDeployFile('deploy.yml', { cwd: dir('bare'), repo: '.' }), { domains: ['shop.com'] });
    expect(codesOf(findings, 'recipes')).toEqual(['fail:hook-recipe-missing', 'info:hooks-not-set']);
    expect(findings.find((f) => f.code === 'hook-recipe-missing')?.message).toMatch(/default install recipe EU\/production/);
  });

  it('does not read the repository unless asked', async () => {
    const model = await loadDeployFile('deploy.yml', { cwd: dir('dirty') });
    expect(model.repository).toBeUndefined();
    expect(codesOf(analyzeDeploy(model), 'recipes')).toEqual(['info:recipes-not-checked']);
  });
});

describe('hook commands', () => {
  it.each([
    ['vendor/bin/install -r EU/production --no-ansi -vvv', 'EU/production'],
    ['vendor/bin/install -r production.dynamic-store-off --no-ansi -vvv', 'production.dynamic-store-off'],
    ['vendor/bin/install --recipe=US/destructive', 'US/destructive'],
    ['vendor/bin/install -rEU/pre-deploy', 'EU/pre-deploy'],
    ['true', undefined],
    ['vendor/bin/console cache:empty-all', undefined],
  ])('%s runs recipe %s', (command, recipe) => {
    expect(recipeOf(command)).toBe(recipe);
  });

  it('maps a recipe name to its file', () => {
    expect(recipePath('EU/production')).toBe('config/install/EU/production.yml');
    expect(recipePath('docker.yml')).toBe('config/install/docker.yml');
  });
});
