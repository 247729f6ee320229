import { describe, expect, it } from 'vitest';
import type { DeployTopic } from './model.js';
import { analyzeText, codesOf, edit, GOOD_DEPLOY } from './test-helpers.js';

/** One edit of a good production file, and the findings (severity:code) of one topic it must cause. */
interface Case {
  name: string;
  text: string;
  topic: DeployTopic;
  codes: string[];
  domains?: string[];
  goLive?: boolean;
}

const G = GOOD_DEPLOY;
const ENDPOINT_DE = '                    www.de.shop.com:\n                        store: DE\n';
const addEndpoint = (lines: string) => edit(G, ENDPOINT_DE, `${ENDPOINT_DE}${lines}`);

const cases: Case[] = [
  { name: 'the good file: production', text: G, topic: 'production', codes: [] },
  { name: 'the good file: endpoints', text: G, topic: 'endpoints', codes: [] },
  { name: 'the good file: security', text: G, topic: 'security', codes: [] },
  { name: 'the good file: mail (the sender, for the DNS checks)', text: G, topic: 'mail', codes: ['info:mail-sender'] },
  { name: 'the good file: recipes not checked without a repository', text: G, topic: 'recipes', codes: ['info:recipes-not-checked'] },
  // production markers
  { name: 'docker.dev environment', text: edit(G, 'environment: docker.prod', 'environment: docker.dev'), topic: 'production', codes: ['fail:environment-not-production'] },
  { name: 'CI environment', text: edit(G, 'environment: docker.prod', 'environment: docker.ci.acceptance'), topic: 'production', codes: ['fail:environment-not-production'] },
  { name: 'no environment', text: edit(G, 'environment: docker.prod\n', ''), topic: 'production', codes: ['warn:environment-not-production'] },
  { name: 'SSL off', text: edit(G, /ssl:\n {8}enabled: true/, 'ssl:\n        enabled: false'), topic: 'production', codes: ['fail:ssl-disabled'] },
  { name: 'SSL not set', text: edit(G, /    ssl:\n {8}enabled: true\n {8}redirect: true\n/, ''), topic: 'production', codes: ['fail:ssl-disabled'] },
  { name: 'debug and xdebug on', text: edit(edit(G, /debug:\n {8}enabled: false/, 'debug:\n        enabled: true'), /xdebug:\n {12}enabled: false/, 'xdebug:\n            enabled: true'), topic: 'production', codes: ['fail:debug-enabled', 'fail:xdebug-enabled'] },
  { name: 'quoted "false" is true for PHP', text: edit(G, /debug:\n {8}enabled: false/, "debug:\n        enabled: 'false'"), topic: 'production', codes: ['fail:debug-enabled'] },
  { name: 'composer dev mode', text: edit(G, 'mode: --no-dev', 'mode: --dev'), topic: 'production', codes: ['fail:composer-dev-dependencies'] },
  { name: 'composer mode not set', text: edit(G, '    mode: --no-dev\n', ''), topic: 'production', codes: ['warn:composer-dev-dependencies'] },
  { name: 'development assets', text: edit(G, 'mode: production', 'mode: development'), topic: 'production', codes: ['fail:assets-not-production'] },
  { name: 'mounted sources', text: edit(G, 'mount:\n        baked:', 'mount:\n        native:'), topic: 'production', codes: ['fail:mount-not-baked'] },
  { name: 'maintenance on', text: `${G}    maintenance:\n        enabled: true\n`, topic: 'production', codes: ['warn:maintenance-enabled'] },
  { name: 'CHANGE_ME left in a value', text: edit(G, 'namespace: shop', 'namespace: CHANGE_ME'), topic: 'production', codes: ['fail:placeholder-value'] },
  // endpoints
  { name: 'a local host', text: edit(G, 'www.de.shop.com:', 'yves.de.spryker.local:'), topic: 'endpoints', codes: ['fail:host-local'], domains: [] },
  { name: 'localhost', text: edit(G, 'www.de.shop.com:', 'localhost:'), topic: 'endpoints', codes: ['fail:host-local'] },
  { name: 'an example host', text: edit(G, 'www.de.shop.com:', 'www.de.example.com:'), topic: 'endpoints', codes: ['fail:host-example-domain'] },
  { name: 'a demo host', text: edit(G, 'www.de.shop.com:', 'www.de.b2c.demo-spryker.com:'), topic: 'endpoints', codes: ['fail:host-demo-domain'] },
  { name: 'a demo host declared as final domain', text: edit(G, 'www.de.shop.com:', 'www.de.b2c.demo-spryker.com:'), topic: 'endpoints', codes: [], domains: ['shop.com', 'b2c.demo-spryker.com'] },
  { name: 'a CHANGE_ME host', text: edit(G, 'www.de.shop.com:', 'www.CHANGE_ME.com:'), topic: 'endpoints', codes: ['fail:host-placeholder'] },
  { name: 'the default cloud domain', text: edit(G, 'www.de.shop.com:', 'www.myshop-production.cloud.spryker.toys:'), topic: 'endpoints', codes: ['warn:host-spryker-toys'] },
  { name: 'a host outside the declared domains', text: edit(G, 'www.de.shop.com:', 'www.de.other-shop.com:'), topic: 'endpoints', codes: ['fail:host-outside-domains'] },
  { name: 'a service host outside the declared domains', text: edit(G, 'scheduler.shop.com:', 'jenkins.other.com:'), topic: 'endpoints', codes: ['fail:host-outside-domains'] },
  { name: 'a store without Glue', text: edit(G, /            Glue:\n(.*\n){6}/, ''), topic: 'endpoints', codes: ['fail:store-missing-endpoint'] },
  { name: 'a store without gateway, served by an old-style zed endpoint', text: edit(edit(G, 'application: backend-gateway', 'application: zed'), /            boffice:\n(.*\n){5}/, ''), topic: 'endpoints', codes: [] },
  { name: 'an endpoint for an undeclared store', text: addEndpoint('                    www.at.shop.com:\n                        store: AT\n'), topic: 'endpoints', codes: ['fail:endpoint-unknown-store'] },
  { name: 'no primal Zed endpoint', text: edit(G, '                        primal: true\n', ''), topic: 'endpoints', codes: ['warn:no-primal-endpoint'] },
  { name: 'primal on a storefront', text: addEndpoint('                        primal: true\n'), topic: 'endpoints', codes: ['info:primal-ignored'] },
  { name: 'redirect with type: instead of code:', text: edit(G, 'code: 301', 'type: 301'), topic: 'endpoints', codes: ['warn:redirect-code-missing', 'warn:redirect-ignored-key'] },
  { name: 'redirect with a 307', text: edit(G, 'code: 301', 'code: 307'), topic: 'endpoints', codes: ['fail:redirect-code-invalid'] },
  { name: 'redirect without url', text: edit(G, '                            url: https://www.de.shop.com\n', ''), topic: 'endpoints', codes: ['fail:redirect-url-missing'] },
  { name: 'redirect url without scheme', text: edit(G, 'url: https://www.de.shop.com', 'url: www.de.shop.com'), topic: 'endpoints', codes: ['warn:redirect-url-no-scheme'] },
  { name: 'the apex served by the storefront', text: edit(edit(G, 'application: static', 'application: yves'), /                        redirect:\n(.*\n){2}/, ''), topic: 'endpoints', codes: ['warn:apex-not-redirected'] },
  { name: 'a declared apex nobody serves', text: G, topic: 'endpoints', codes: ['info:apex-not-served'], domains: ['shop.com', 'shop.de'] },
  { name: 'a duplicate endpoint', text: edit(G, 'scheduler.shop.com:', 'glue.de.shop.com:'), topic: 'endpoints', codes: ['fail:duplicate-endpoint'] },
  { name: 'an unknown application type', text: edit(G, 'application: glue\n', 'application: glue-api\n'), topic: 'endpoints', codes: ['fail:store-missing-endpoint', 'warn:unknown-application'] },
  // security
  { name: 'basic auth on the storefront at go-live', text: addEndpoint('                        auth:\n                            engine: basic\n                            users:\n                                - username: shop\n                                  password: Zq8-long-random-9fX\n'), topic: 'security', codes: ['fail:basic-auth-storefront'] },
  { name: 'basic auth on the storefront before go-live', text: addEndpoint('                        auth:\n                            engine: basic\n                            users:\n                                - username: shop\n                                  password: Zq8-long-random-9fX\n'), topic: 'security', codes: ['warn:basic-auth-storefront'], goLive: false },
  { name: 'default credentials', text: addEndpoint('                        auth:\n                            engine: basic\n                            users:\n                                - username: cloud\n                                  password: cloud\n'), topic: 'security', codes: ['fail:basic-auth-storefront', 'fail:default-credentials'] },
  { name: 'an IP allow list is not basic auth', text: addEndpoint('                        auth:\n                            engine: whitelist\n                            include: [203.0.113.0/24]\n'), topic: 'security', codes: [] },
  { name: "CORS '*'", text: edit(G, 'cors-allow-origin: https://www.de.shop.com', "cors-allow-origin: '*'"), topic: 'security', codes: ['warn:cors-any-origin'] },
  { name: 'an endpoint without real-ip', text: edit(G, /                        primal: true\n {24}<<: \*real-ip\n/, '                        primal: true\n'), topic: 'security', codes: ['warn:real-ip-missing'] },
  { name: 'a literal secret', text: edit(G, "'${PAYMENT_API_KEY}'", 'sk_live_abc'), topic: 'security', codes: ['fail:literal-secret'] },
  // mail
  { name: 'no mail sender', text: edit(G, /            mail:\n(.*\n){3}/, ''), topic: 'mail', codes: ['fail:mail-sender-missing'] },
  { name: 'a demo sender', text: edit(G, 'no-reply@shop.com', 'no-reply@spryker.local'), topic: 'mail', codes: ['fail:mail-sender-demo-domain'] },
  { name: "Spryker's own domain", text: edit(G, 'no-reply@shop.com', 'no-reply@spryker.com'), topic: 'mail', codes: ['fail:mail-sender-demo-domain'] },
  { name: 'not an address', text: edit(G, 'no-reply@shop.com', 'no-reply'), topic: 'mail', codes: ['fail:mail-sender-invalid'] },
  { name: 'a sender outside the declared domains', text: edit(G, 'no-reply@shop.com', 'no-reply@mailer.net'), topic: 'mail', codes: ['warn:mail-sender-outside-domains'] },
  // recipes (without a repository: only the hooks)
  { name: 'no install hook', text: edit(G, /        SPRYKER_HOOK_INSTALL: .*\n/, ''), topic: 'recipes', codes: ['info:hooks-not-set', 'info:recipes-not-checked'] },
];

describe('analyzeDeploy: one change to a good production file, one finding', () => {
  it.each(cases)('$name', (c) => {
    const findings = analyzeText(c.text, { domains: c.domains ?? ['shop.com'], ...(c.goLive === undefined ? {} : { goLive: c.goLive }) });
    expect(codesOf(findings, c.topic)).toEqual([...c.codes].sort());
    for (const f of findings) expect(f.hint.length, f.code).toBeGreaterThan(10);
  });

  it('points at the place to change: the << that merged a setting in, the key that holds it', () => {
    const auth = '                        auth:\n                            engine: basic\n                            users:\n                                - username: shop\n                                  password: Zq8-long-random-9fX\n';
    const findings = analyzeText(addEndpoint(auth));
    const basic = findings.find((f) => f.code === 'basic-auth-storefront')!;
    expect([basic.line, basic.path]).toEqual([55, 'groups.EU.applications.Yves.endpoints["www.de.shop.com"].auth']);
    const ssl = analyzeText(edit(G, /ssl:\n {8}enabled: true/, 'ssl:\n        enabled: false')).find((f) => f.code === 'ssl-disabled')!;
    expect([ssl.line, ssl.column, ssl.path]).toEqual([90, 9, 'docker.ssl.enabled']);
  });

  it('never repeats a password that is not a published default', () => {
    const auth = '                        auth:\n                            engine: basic\n                            users:\n                                - username: shop\n                                  password: shop\n';
    const findings = analyzeText(addEndpoint(auth));
    expect(findings.find((f) => f.code === 'default-credentials')?.message).toMatch(/user shop has the password "shop" \(the user name\)/);
    const secret = analyzeText(edit(G, "'${PAYMENT_API_KEY}'", 'sk_live_abc')).find((f) => f.code === 'literal-secret')!;
    expect(secret.message).not.toContain('sk_live_abc');
  });

  it('sorts by topic, then by place', () => {
    const findings = analyzeText(edit(edit(G, 'no-reply@shop.com', 'no-reply@spryker.local'), /ssl:\n {8}enabled: true/, 'ssl:\n        enabled: false'));
    expect(findings.map((f) => f.topic)).toEqual(['production', 'mail', 'recipes']);
  });
});
