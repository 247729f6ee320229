import type { AnyRule, Verdict } from '../../checks/types.js';
import { analyzeDeploy } from './analyze.js';
import { buildModel } from './build.js';
import type { AnalyzeOptions, DeployFinding, DeployModel, DeployTopic } from './model.js';
import { summarizeModel, type DeploySummary } from './summary.js';
import { parseTree } from './tree.js';

/** Shared by the deploy tests (free of vitest, excluded from the build). */

/** A production deploy file with nothing to complain about (given domains shop.com). */
export const GOOD_DEPLOY = `version: '0.1'
namespace: shop
environment: docker.prod

x-real-ip: &real-ip
    real-ip:
        from:
            - 10.0.0.0/8

image:
    tag: spryker/php:8.3
    environment:
        SPRYKER_HOOK_INSTALL: 'vendor/bin/install -r EU/production --no-ansi -vvv'
        SPRYKER_HOOK_DESTRUCTIVE_INSTALL: 'vendor/bin/install -r EU/destructive --no-ansi -vvv'
        SPRYKER_PAYMENT_API_KEY: '\${PAYMENT_API_KEY}'
        SPRYKER_PUSH_VAPID_PUBLIC_KEY: 'BPublicKey'

composer:
    mode: --no-dev
    autoload: --classmap-authoritative

assets:
    mode: production

regions:
    EU:
        services:
            mail:
                sender:
                    name: Shop
                    email: no-reply@shop.com
        stores:
            DE:
                services:
                    broker:
                        namespace: de_queue

groups:
    EU:
        region: EU
        applications:
            redirects:
                application: static
                endpoints:
                    shop.com:
                        store: DE
                        redirect:
                            code: 301
                            url: https://www.de.shop.com
            Yves:
                application: yves
                endpoints:
                    www.de.shop.com:
                        store: DE
                        <<: *real-ip
            Glue:
                application: glue
                endpoints:
                    glue.de.shop.com:
                        store: DE
                        cors-allow-origin: https://www.de.shop.com
                        <<: *real-ip
            boffice:
                application: backoffice
                endpoints:
                    backoffice.de.shop.com:
                        store: DE
                        <<: *real-ip
            backgw:
                application: backend-gateway
                endpoints:
                    backend-gateway.de.shop.com:
                        store: DE
                        primal: true
                        <<: *real-ip

services:
    database:
        engine: mysql
        endpoints:
            localhost:3306:
                protocol: tcp
    scheduler:
        engine: jenkins
        endpoints:
            scheduler.shop.com:

docker:
    ssl:
        enabled: true
        redirect: true
    debug:
        enabled: false
        xdebug:
            enabled: false
    mount:
        baked:
`;

/** The model of a deploy file given as text (no imports, no repository). */
export function modelOf(text: string, file = 'deploy.yml'): DeployModel {
  return buildModel(parseTree(file, text), file, [file], []);
}

/** The codes of one topic's findings, sorted and without repeats. */
export function codesOf(findings: DeployFinding[], topic?: DeployTopic): string[] {
  return [...new Set(findings.filter((f) => !topic || f.topic === topic).map((f) => `${f.severity}:${f.code}`))].sort();
}

/** Analyse a deploy file given as text. */
export function analyzeText(text: string, options: AnalyzeOptions = { domains: ['shop.com'] }): DeployFinding[] {
  return analyzeDeploy(modelOf(text), options);
}

/** `text` with `from` replaced by `to`, failing loudly when `from` is not there (so a fixture edit cannot silently do nothing). */
export function edit(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`fixture edit found nothing to replace: ${String(from)}`);
  return out;
}

/** Probe evidence for a deploy file given as text, the way spryker/deploy-file builds it (no repository). */
export function evidenceOf(text: string, options: AnalyzeOptions = { domains: ['shop.com'] }): { summary: DeploySummary; findings: DeployFinding[]; omitted: Partial<Record<DeployTopic, number>>; repositoryChecked: boolean } {
  const model = modelOf(text);
  return { summary: summarizeModel(model), findings: analyzeDeploy(model, options), omitted: {}, repositoryChecked: false };
}

export const RULE_CTX = { now: new Date('2026-11-20T10:00:00Z'), goLive: new Date('2026-12-01T08:00:00Z') };

/** Judge evidence as the runner does (options through the rule's schema): status, fail/warn codes sorted, and loud findings without a hint. */
export function judgeWith(rule: AnyRule, evidence: unknown, options: Record<string, unknown> = {}) {
  const verdict: Verdict = rule.judge(evidence, rule.options.parse(options), RULE_CTX);
  const loud = verdict.findings.filter((f) => f.severity !== 'info');
  return { status: verdict.status, codes: [...new Set(loud.map((f) => f.code))].sort(), hintless: loud.filter((f) => !f.hint).map((f) => f.code), summary: verdict.summary, verdict };
}
