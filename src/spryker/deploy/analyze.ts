import { analyzeEndpoints } from './analyze-endpoints.js';
import { analyzeMail } from './analyze-mail.js';
import { analyzeProduction } from './analyze-production.js';
import { analyzeRecipes } from './analyze-recipes.js';
import { analyzeSecurity } from './analyze-security.js';
import { normaliseDomain } from './hosts.js';
import { DEPLOY_TOPICS, type AnalyzeOptions, type DeployFinding, type DeployModel } from './model.js';

/**
 * Everything the deploy file says about go-live readiness (pure: the model in, findings out).
 * Findings come grouped by topic (production, endpoints, security, mail, recipes), each in file order.
 */
export function analyzeDeploy(model: DeployModel, options: AnalyzeOptions = {}): DeployFinding[] {
  const domains = [...new Set((options.domains ?? []).map(normaliseDomain).filter((d) => d.length > 0))];
  const goLive = options.goLive ?? true;
  const all = [...analyzeProduction(model), ...analyzeEndpoints(model, domains), ...analyzeSecurity(model, goLive), ...analyzeMail(model, domains), ...analyzeRecipes(model)];
  const order = (f: DeployFinding) => DEPLOY_TOPICS.indexOf(f.topic);
  // Stable sort: by topic, then where the finding points (the main file first).
  return all
    .map((f, i) => ({ f, i }))
    .sort((a, b) => order(a.f) - order(b.f) || Number(a.f.file !== model.file) - Number(b.f.file !== model.file) || a.f.file.localeCompare(b.f.file) || a.f.line - b.f.line || a.f.column - b.f.column || a.i - b.i)
    .map(({ f }) => f);
}

/** Counts by severity. */
export function severityCounts(findings: DeployFinding[]): { fail: number; warn: number; info: number } {
  return { fail: findings.filter((f) => f.severity === 'fail').length, warn: findings.filter((f) => f.severity === 'warn').length, info: findings.filter((f) => f.severity === 'info').length };
}
