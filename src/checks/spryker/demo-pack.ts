import type { AnyRule } from '../types.js';
import { backofficeExposureRule } from './backoffice-exposure.rule.js';
import { demoCatalogueRule } from './demo-catalogue.rule.js';
import { demoUsersRule } from './demo-users.rule.js';
import { healthCheckRule } from './health-check.rule.js';

/** The demo rules of the spryker pack: demo data and users seen from outside, Back Office exposure, health checks. */
export const demoRules: AnyRule[] = [demoUsersRule, demoCatalogueRule, backofficeExposureRule, healthCheckRule];
