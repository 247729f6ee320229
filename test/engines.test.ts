import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/** Node 20 runs golive: every installed package must declare that it supports it. */
describe('dependencies run on Node 20', () => {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { engines?: { node?: string }; version?: string }> };
  const ours = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string }; dependencies: Record<string, string>; devDependencies: Record<string, string> };

  it('golive itself declares Node 20 and pins exact versions', () => {
    expect(semver.satisfies('20.19.0', ours.engines.node)).toBe(true);
    for (const [name, version] of Object.entries({ ...ours.dependencies, ...ours.devDependencies })) {
      if (version.startsWith('file:')) continue;
      expect(semver.valid(version), `${name}@${version} is pinned`).not.toBeNull();
    }
  });

  it('no package in the lockfile requires a newer Node', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([name, p]) => name && p.engines?.node && !semver.satisfies('20.19.0', p.engines.node))
      .map(([name, p]) => `${name}@${p.version}: ${p.engines?.node}`);
    expect(refusing).toEqual([]);
  });
});
