import { z } from 'zod';
import type { Rule, RuleMeta } from '../types.js';
import type { DeployFileEvidence } from './deploy-evidence.js';
import { DEPLOY_TARGET_HELP, deployProbeInput, DeployTarget, deployTargetFromString, judgeTopic, sharedOptions, toFinding } from './deploy-kit.js';

export const InstallRecipesOptions = z.strictObject({ ...sharedOptions });
export type InstallRecipesOptions = z.infer<typeof InstallRecipesOptions>;

const meta: RuleMeta = {
  id: 'spryker/install-recipes',
  probe: 'spryker/deploy-file',
  title: 'Deploy hooks run reviewed recipes without demo data',
  failureTitle: 'Deploy hooks or recipes still bring demo data',
  description:
    'Follows the SPRYKER_HOOK_* commands of the deploy file into the repository (option repo): each names a config/install recipe that exists, and the recipe of the normal deploy ' +
    'has no demodata section and imports no data/import/*/full_*.yml. Also flags demo Back Office users (admin@spryker.com, change123) in UserConfig::getInstallerUsers(), ' +
    'demo customers with the change123 hash in customer.csv and change123 in the customer password allow-list (checklist DAT-02). Skipped without repo.',
  docs: 'docs/rules/spryker/install-recipes.md',
  targetHelp: DEPLOY_TARGET_HELP,
  examples: [{ target: 'deploy.myshop-production.yml', with: { repo: '.' } }],
};

export const installRecipesRule: Rule<DeployTarget, InstallRecipesOptions, DeployFileEvidence> = {
  meta,
  target: DeployTarget,
  targetFromString: deployTargetFromString,
  options: InstallRecipesOptions,
  probeInput: deployProbeInput,
  judge(e) {
    if (!e.repositoryChecked) {
      const notes = e.findings.filter((f) => f.topic === 'recipes').map(toFinding);
      return { status: 'skipped', summary: 'Install recipes not checked: set the rule option repo to the project repository', findings: notes };
    }
    const recipes = e.summary.repository?.recipes.map((r) => r.name) ?? [];
    return judgeTopic(meta, e, 'recipes', undefined, recipes.length > 0 ? `recipes ${recipes.join(', ')}` : undefined);
  },
};
