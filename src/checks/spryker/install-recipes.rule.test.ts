import { describe, expect, it } from 'vitest';
import type { DeployFinding } from '../../spryker/deploy/model.js';
import { evidenceOf, GOOD_DEPLOY as G, judgeWith } from '../../spryker/deploy/test-helpers.js';
import { installRecipesRule } from './install-recipes.rule.js';

const at = { file: 'config/install/EU/production.yml', line: 7, column: 5, path: 'sections.demodata', topic: 'recipes' as const };
const repoFinding = (severity: DeployFinding['severity'], code: string): DeployFinding => ({ severity, code, message: `${code} seen`, hint: 'do what the hint says', ...at });

/** Evidence as if a repository had been read: the deploy file's own findings plus repository findings. */
function withRepo(findings: DeployFinding[]) {
  const e = evidenceOf(G);
  return { ...e, findings: [...e.findings.filter((f) => f.topic !== 'recipes'), ...findings], repositoryChecked: true, summary: { ...e.summary, repository: { root: '.', recipes: [{ name: 'EU/production', hook: 'SPRYKER_HOOK_INSTALL', exists: true }] } } };
}

const cases = [
  { name: 'clean recipes', evidence: withRepo([]), status: 'pass', codes: [] },
  { name: 'demo data in the normal recipe', evidence: withRepo([repoFinding('fail', 'install-recipe-demodata'), repoFinding('fail', 'install-recipe-full-import')]), status: 'fail', codes: ['install-recipe-demodata', 'install-recipe-full-import'] },
  { name: 'demo customers in the repository', evidence: withRepo([repoFinding('warn', 'demo-customer-data')]), status: 'warn', codes: ['demo-customer-data'] },
  { name: 'no repository given', evidence: evidenceOf(G), status: 'skipped', codes: [] },
];

describe('spryker/install-recipes', () => {
  it.each(cases)('$name', (c) => {
    const j = judgeWith(installRecipesRule, c.evidence);
    expect({ status: j.status, codes: j.codes, hintless: j.hintless }).toEqual({ status: c.status, codes: [...c.codes].sort(), hintless: [] });
  });

  it('says how to turn the check on when it is skipped, and names the recipes when it passes', () => {
    expect(judgeWith(installRecipesRule, evidenceOf(G)).summary).toMatch(/set the rule option repo/);
    expect(judgeWith(installRecipesRule, withRepo([])).summary).toBe('Deploy hooks run reviewed recipes without demo data: recipes EU/production');
  });
});
