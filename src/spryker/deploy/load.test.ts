import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.js';
import { analyzeDeploy } from './analyze.js';
import { loadDeployFile } from './load.js';

describe('loadDeployFile: imports resolved the way the Docker SDK does', () => {
  let dir: string;
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  const failure = async (file: string, options: Parameters<typeof loadDeployFile>[1] = {}) => {
    try {
      await loadDeployFile(file, { cwd: dir, ...options });
    } catch (err) {
      if (err instanceof ConfigError) return err.diagnostics[0]!;
      throw err;
    }
    throw new Error('expected a ConfigError');
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'golive-deploy-'));
    write('deploy.prod.yml', `version: '0.1'
environment: docker.prod
imports:
    groups.yml:
        template: groups.yml
        parameters:
            domain: shop.com
    base.yml:
        parameters:
            env: prod
    sdk-base.yml:
docker:
    ssl:
        enabled: true
`);
    write('config/deploy-templates/groups.yml', `groups:
    EU:
        region: EU
        applications:
            Yves:
                application: yves
                endpoints:
                    'www.de.%domain%':
                        store: DE
`);
    write('base.yml', `namespace: shop-%env%
environment: docker.dev
docker:
    ssl:
        enabled: false
    debug:
        enabled: false
imports:
    nested.yml:
        parameters:
            store: DE
`);
    write('nested.yml', `regions:
    EU:
        services:
            mail:
                sender:
                    email: 'no-reply@%env%.shop.com'
        stores:
            '%store%':
                services: {}
`);
    write('cycle-a.yml', 'imports:\n    cycle-b.yml:\n');
    write('cycle-b.yml', 'imports:\n    cycle-a.yml:\n');
    write('broken-main.yml', 'imports:\n    broken.yml:\n');
    write('broken.yml', 'a: 1\n  b: 2\n');
    write('list.yml', '- just\n- a list\n');
    mkdirSync(path.join(dir, 'a-directory.yml'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('merges templates under the deploy file, substitutes parameters (inherited by nested imports) and keeps their positions', async () => {
    const m = await loadDeployFile('deploy.prod.yml', { cwd: dir });
    expect(m.files).toEqual(['deploy.prod.yml', path.join('config', 'deploy-templates', 'groups.yml'), 'base.yml', 'nested.yml']);
    expect([m.namespace, m.environment, m.markers.ssl.value, m.markers.debug.set]).toEqual(['shop-prod', 'docker.prod', true, true]);
    expect(m.endpoints.map((e) => [e.host, e.store, e.at.file, e.at.line])).toEqual([['www.de.shop.com', 'DE', path.join('config', 'deploy-templates', 'groups.yml'), 8]]);
    expect(m.regions).toMatchObject([{ name: 'EU', stores: ['DE'], mailSender: { email: 'no-reply@prod.shop.com', at: { file: 'nested.yml', line: 5 } } }]);
    expect(m.placeholders).toEqual([]);
  });

  it('reports an import it cannot find (a Docker SDK base template) and analyses the rest', async () => {
    const m = await loadDeployFile('deploy.prod.yml', { cwd: dir });
    expect(m.problems).toEqual([expect.objectContaining({ code: 'import-not-found', at: expect.objectContaining({ file: 'deploy.prod.yml', line: 11, path: 'imports["sdk-base.yml"]' }) })]);
    expect(analyzeDeploy(m).filter((f) => f.code === 'import-not-found').map((f) => [f.severity, f.line])).toEqual([['warn', 11]]);
  });

  it('finds templates in the repository\'s config/deploy-templates when the deploy file lives elsewhere', async () => {
    write('elsewhere/deploy.yml', 'imports:\n    groups.yml:\n        parameters:\n            domain: shop.de\n');
    const m = await loadDeployFile(path.join('elsewhere', 'deploy.yml'), { cwd: dir, repo: '.' });
    expect(m.endpoints.map((e) => e.host)).toEqual(['www.de.shop.de']);
    expect(m.files[1]).toBe(path.join('config', 'deploy-templates', 'groups.yml'));
  });

  it('leaves an unpassed parameter in place, as a placeholder finding', async () => {
    write('noparam.yml', 'imports:\n    groups.yml:\n');
    const m = await loadDeployFile('noparam.yml', { cwd: dir });
    expect(m.endpoints[0]?.host).toBe('www.de.%domain%');
    expect(analyzeDeploy(m).find((f) => f.code === 'host-placeholder')).toMatchObject({ file: path.join('config', 'deploy-templates', 'groups.yml'), line: 8 });
  });

  it.each([
    ['a missing file', 'nope.yml', 'deploy-file-unreadable', 'nope.yml', 0, /cannot be read \(ENOENT\)/],
    ['a directory', 'a-directory.yml', 'deploy-file-unreadable', 'a-directory.yml', 0, /not a regular file/],
    ['a list instead of a mapping', 'list.yml', 'deploy-file-unreadable', 'list.yml', 1, /not a mapping/],
    ['an import cycle', 'cycle-a.yml', 'import-cycle', 'cycle-b.yml', 2, /imports itself/],
    ['a YAML error in an imported template', 'broken-main.yml', 'yaml-syntax', 'broken.yml', 1, /./],
  ])('fails on %s with a diagnostic naming the file and line', async (_name, file, code, where, line, message) => {
    const d = await failure(file);
    expect({ code: d.code, file: d.file, line: d.line }).toEqual({ code, file: where, line });
    expect(d.message).toMatch(message);
    expect(d.hint?.length).toBeGreaterThan(10);
  });

  it('fails when the repository is not a directory', async () => {
    const d = await failure('deploy.prod.yml', { repo: 'no-such-repo' });
    expect([d.code, d.file]).toEqual(['repo-not-found', 'no-such-repo']);
  });
});
