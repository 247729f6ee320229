import path from 'node:path';
import type { RuleCatalog } from '../checks/config.js';
import { GoliveError, UsageError } from '../errors.js';
import type { Project, TaskCheck } from '../playbook/model.js';
import { deriveChecks, type DerivedCheck } from '../spryker/derive.js';

/** A check a task gets from the environment's deploy file, on top of its own. */
export interface ExtraCheck {
  task: string;
  check: TaskCheck;
}

/**
 * The checks an environment's Spryker deploy file implies: its endpoints, redirects and mail
 * sender become targets of the DNS, TLS, HTTP, email and Spryker rules, and the deploy file itself
 * is analysed by every rule that reads it. None without a deploy file.
 */
export async function deployFileChecks(project: Project, env: string, rules: RuleCatalog): Promise<ExtraCheck[]> {
  const environment = project.environments[env];
  const file = environment?.deployFile;
  if (!file) return [];
  const { loadDeployFile } = await import('../spryker/deploy/load.js');
  let model;
  try {
    model = await loadDeployFile(file);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new UsageError(`cannot read the deploy file of ${env} (${path.relative(project.dir, file)}): ${message}`, { cause: err, hint: err instanceof GoliveError && err.hint ? err.hint : `check environments.${env}.deployFile in golive.yaml` });
  }
  const vars = environment.vars;
  const origin = { file: path.relative(project.dir, file) || file, line: 1, column: 1, path: 'deploy file' };
  const derived = deriveChecks(model, { ...(vars.apex ? { apex: vars.apex } : {}), dkimSelectors: (vars.dkimSelectors ?? vars.dkimSelector ?? '').split(',').map((x) => x.trim()).filter(Boolean) });
  const domains = [vars.apex, ...environment.hosts].filter((x): x is string => Boolean(x));
  const analysis = [...rules.values()]
    .filter((r) => r.meta.probe === 'spryker/deploy-file')
    .map((r): DerivedCheck => ({ task: 'spryker.deploy-file', rule: r.meta.id, target: path.relative(project.dir, file), with: domains.length > 0 && r.options.safeParse({ domains }).success ? { domains } : {} }));
  return [...analysis, ...derived].map((d) => ({
    task: d.task,
    check: { rule: d.rule, target: d.target, with: d.with ?? {}, ...(d.environments ? { environments: d.environments } : {}), origin },
  }));
}

/** What `golive init --deploy-file` prefills for the production environment. */
export interface DeployEnvironment {
  url: string;
  hosts: string[];
  vars: Record<string, string>;
  deployFile: string;
}

/**
 * The production environment a deploy file describes: the storefront of the first store as the
 * URL, every endpoint host, the apex (the shortest redirect-only host), the mail sender domain.
 */
export async function environmentFromDeployFile(file: string, projectDir: string): Promise<DeployEnvironment> {
  const { loadDeployFile } = await import('../spryker/deploy/load.js');
  const abs = path.resolve(projectDir, file);
  let model;
  try {
    model = await loadDeployFile(abs);
  } catch (err) {
    throw new UsageError(`cannot read the deploy file ${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err, hint: 'give the production deploy file, e.g. --deploy-file deploy.myshop-production.yml' });
  }
  const storefront = model.endpoints.find((e) => e.application === 'yves' && !e.entryPoint) ?? model.endpoints.find((e) => e.application === 'yves');
  if (!storefront) throw new UsageError(`${file} declares no storefront (yves) endpoint`, { hint: 'is it the deploy file of the shop? golive spryker analyze shows what it declares' });
  const apex = model.endpoints.filter((e) => e.application === 'static').map((e) => e.host).sort((a, b) => a.split('.').length - b.split('.').length || a.length - b.length)[0];
  const { senderDomains } = await import('../spryker/derive.js');
  const mail = senderDomains(model)[0];
  return {
    url: `https://${storefront.host}${storefront.port ? `:${storefront.port}` : ''}/`,
    hosts: [...new Set(model.endpoints.map((e) => e.host))],
    vars: { ...(apex ? { apex } : {}), ...(mail ? { emailDomain: mail } : {}) },
    deployFile: path.relative(projectDir, abs) || file,
  };
}
