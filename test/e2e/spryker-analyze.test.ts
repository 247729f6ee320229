import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_DOCUMENTS } from '../../src/report/json-schema.js';
import { GOOD_DEPLOY } from '../../src/spryker/deploy/test-helpers.js';
import { ROOT, runCli } from '../support/cli.js';
import { sharedPath, SPRYKER_SAMPLES } from '../support/shared.js';

/** `golive spryker analyze` as a user runs it: the built CLI (npm run build) on the sample deploy files. */
describe('golive spryker analyze', () => {
  const samples = sharedPath('samples', 'spryker');
  let dir: string;
  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'dist', 'cli', 'commands', 'spryker.js'))) throw new Error('the CLI is not built with the spryker command: run npm run build first');
    dir = mkdtempSync(path.join(tmpdir(), 'golive-analyze-'));
    writeFileSync(path.join(dir, 'deploy.myshop-production.yml'), GOOD_DEPLOY);
    writeFileSync(path.join(dir, 'broken.yml'), 'version: 1\nregions:\n  EU:\n    stores: [DE\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the local deploy.yml findings by topic with file:line:col and exits 1', async () => {
    const r = await runCli(['spryker', 'analyze', SPRYKER_SAMPLES.local], samples);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^b2c-demo-shop\.deploy\.yml: not ready \(\d+ fail, 2 warn, 2 info\)/);
    expect(r.stdout).toMatch(/\nproduction \(1 fail\)\n {2}FAIL ssl-disabled {2}b2c-demo-shop\.deploy\.yml:233:9 {2}docker\.ssl\.enabled is off/);
    expect(r.stdout).toMatch(/\n {7}hint: set docker\.ssl\.enabled: true/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('prints the golive.spryker-analyze/1 document with --json, valid against its schema', async () => {
    const r = await runCli(['spryker', 'analyze', SPRYKER_SAMPLES.production, '--json', '--domains', 'b2c.demo-spryker.com'], samples);
    expect(r.code).toBe(1);
    const doc = JSON_DOCUMENTS['spryker-analyze'].parse(JSON.parse(r.stdout));
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema', 'spryker-analyze.output.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect([doc.ok, doc.domains, doc.summary.markers.ssl]).toEqual([false, ['b2c.demo-spryker.com'], true]);
    expect([...new Set(doc.findings.filter((f) => f.severity === 'fail').map((f) => f.code))].sort()).toEqual(['default-credentials', 'mail-sender-missing']);
  });

  it('exits 0 on a ready production file, and writes Markdown for a pull request', async () => {
    const text = await runCli(['spryker', 'analyze', 'deploy.myshop-production.yml', '--domains', 'shop.com'], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^deploy\.myshop-production\.yml: ready/);
    const md = await runCli(['spryker', 'analyze', 'deploy.myshop-production.yml', '--domains', 'shop.com', '--format', 'md'], dir);
    expect(md.stdout).toMatch(/^## ✅ deploy\.myshop-production\.yml: ready/);
    expect(md.stdout).toMatch(/\n### production: ok\n/);
  });

  it.each([
    ['a missing file', 'nope.yml', /nope\.yml error cannot be read \(ENOENT\)/],
    ['a YAML error', 'broken.yml', /broken\.yml:5:1 error /],
  ])('exits 2 on %s, naming the file and line', async (_name, file, message) => {
    const r = await runCli(['spryker', 'analyze', file], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/hint: /);
    expect(r.stdout).toBe('');
  });
});

describe('golive init --deploy-file', () => {
  it('prefills the production environment from the deploy file, and golive check plans the derived checks', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'golive-init-deploy-'));
    writeFileSync(path.join(dir, 'deploy.b2c-production.yml'), readFileSync(sharedPath('samples', 'spryker', SPRYKER_SAMPLES.production), 'utf8'));
    const init = await runCli(['init', '--name', 'B2C shop', '--go-live', '2030-03-04T09:00', '--time-zone', 'Europe/Berlin', '--deploy-file', 'deploy.b2c-production.yml'], dir, { GOLIVE_NOW: '2030-01-07T09:00:00Z' });
    expect(init.code, init.stderr).toBe(0);
    const yaml = readFileSync(path.join(dir, 'golive.yaml'), 'utf8');
    expect(yaml).toMatch(/playbooks: \[spryker-cloud\]/);
    expect(yaml).toMatch(/url: https:\/\/www\.de\.b2c\.demo-spryker\.com\//);
    expect(yaml).toMatch(/deployFile: deploy\.b2c-production\.yml/);
    expect(yaml).toMatch(/hosts: \[.*glue\.de\.b2c\.demo-spryker\.com/);
    // --no-store, a tiny time limit and no network: every check is planned and ends quickly, none is stored.
    const check = await runCli(['check', '--no-store', '--only', 'spryker/deploy-*', '--json'], dir, { GOLIVE_NOW: '2030-01-07T09:00:00Z' });
    const doc = JSON_DOCUMENTS.check.parse(JSON.parse(check.stdout));
    expect(doc.results.map((r) => r.rule).sort()).toEqual(['spryker/deploy-endpoints', 'spryker/deploy-mail', 'spryker/deploy-production', 'spryker/deploy-security']);
    expect(doc.results.find((r) => r.rule === 'spryker/deploy-security')?.status).toBe('fail');
    expect(doc.results.every((r) => r.task === 'spryker.deploy-file')).toBe(true);
    expect(existsSync(path.join(dir, '.golive'))).toBe(false);
  });

  it('says which file it cannot read', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'golive-init-deploy-missing-'));
    const r = await runCli(['init', '--name', 'X', '--go-live', '2030-03-04T09:00', '--deploy-file', 'nope.yml'], dir, { GOLIVE_NOW: '2030-01-07T09:00:00Z' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read the deploy file nope\.yml/);
    expect(existsSync(path.join(dir, 'golive.yaml'))).toBe(false);
  });
});
