import { describe, expect, it } from 'vitest';
import { edit, evidenceOf, GOOD_DEPLOY as G, judgeWith } from '../../spryker/deploy/test-helpers.js';
import { deployProductionRule } from './deploy-production.rule.js';

const cases = [
  { name: 'a production file', text: G, status: 'pass', codes: [] },
  { name: 'SSL off', text: edit(G, /ssl:\n {8}enabled: true/, 'ssl:\n        enabled: false'), status: 'fail', codes: ['ssl-disabled'] },
  { name: 'a dev environment with debug on', text: edit(edit(G, 'environment: docker.prod', 'environment: docker.dev'), /debug:\n {8}enabled: false/, 'debug:\n        enabled: true'), status: 'fail', codes: ['debug-enabled', 'environment-not-production'] },
  { name: 'composer mode not set', text: edit(G, '    mode: --no-dev\n', ''), status: 'warn', codes: ['composer-dev-dependencies'] },
  { name: 'a CHANGE_ME left', text: edit(G, 'namespace: shop', 'namespace: CHANGE_ME'), status: 'fail', codes: ['placeholder-value'] },
  // Other topics' findings do not count here.
  { name: 'demo hosts and a demo sender', text: edit(edit(G, 'www.de.shop.com:', 'www.de.b2c.demo-spryker.com:'), 'no-reply@shop.com', 'no-reply@spryker.local'), status: 'pass', codes: [] },
];

describe('spryker/deploy-production', () => {
  it.each(cases)('$name', (c) => {
    const j = judgeWith(deployProductionRule, evidenceOf(c.text));
    expect({ status: j.status, codes: j.codes, hintless: j.hintless }).toEqual({ status: c.status, codes: [...c.codes].sort(), hintless: [] });
  });

  it('names the markers when it passes, and where to change them when it fails', () => {
    expect(judgeWith(deployProductionRule, evidenceOf(G)).summary).toBe('Deploy file builds a production image: environment docker.prod, SSL on, debug off, composer --no-dev, assets production, mount baked');
    const failed = judgeWith(deployProductionRule, evidenceOf(edit(G, /ssl:\n {8}enabled: true/, 'ssl:\n        enabled: false')));
    expect(failed.verdict.findings[0]).toMatchObject({ code: 'ssl-disabled', subject: 'deploy.yml:90:9' });
  });

  it('shares one probe run with the other deploy rules for the same file and options', () => {
    const options = deployProductionRule.options.parse({ domains: ['shop.com'], repo: '.' });
    expect(deployProductionRule.probeInput({ file: 'deploy.yml' }, options)).toEqual({ file: 'deploy.yml', repo: '.', domains: ['shop.com'] });
    expect(deployProductionRule.targetFromString(' deploy.yml ')).toEqual({ file: 'deploy.yml' });
  });
});
