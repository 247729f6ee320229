import type { AnyRule } from '../types.js';
import { deployEndpointsRule } from './deploy-endpoints.rule.js';
import { deployMailRule } from './deploy-mail.rule.js';
import { deployProductionRule } from './deploy-production.rule.js';
import { deploySecurityRule } from './deploy-security.rule.js';
import { installRecipesRule } from './install-recipes.rule.js';

/** The deploy rules of the spryker pack: five views of one spryker/deploy-file probe run. */
export const deployRules: AnyRule[] = [deployProductionRule, deployEndpointsRule, deploySecurityRule, deployMailRule, installRecipesRule];
