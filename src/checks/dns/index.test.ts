import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRegistry } from '../registry.js';
import * as pack from './index.js';
import { probes } from './probes.js';

const dir = fileURLToPath(new URL('.', import.meta.url));

describe('dns pack', () => {
  const registry = createRegistry([{ rules: pack.rules, probes }]);

  it('registers one rule per *.rule.ts file, each with a test file, ids equal to file names', () => {
    const files = readdirSync(dir);
    const ruleFiles = files.filter((f) => f.endsWith('.rule.ts')).map((f) => `dns/${f.replace(/\.rule\.ts$/, '')}`);
    expect([...registry.rules.keys()].sort()).toEqual(ruleFiles.sort());
    for (const id of ruleFiles) expect(files).toContain(`${id.slice(4)}.rule.test.ts`);
    for (const f of files.filter((x) => x.endsWith('.probe.ts'))) expect(files).toContain(f.replace(/\.ts$/, '.test.ts'));
  });

  it.each([...registry.rules.values()].map((r) => [r.meta.id, r] as const))('%s: meta, examples and documented options', (id, rule) => {
    expect(rule.meta.docs).toBe(`docs/rules/${id}.md`);
    expect(rule.meta.description.length).toBeGreaterThan(200);
    expect(rule.meta.title).not.toBe(rule.meta.failureTitle);
    for (const ex of rule.meta.examples) {
      const target = rule.target.parse(rule.targetFromString(ex.target));
      const options: unknown = rule.options.parse(ex.with ?? {});
      const input = rule.probeInput(target, options);
      expect(registry.probes.get(rule.meta.probe)!.input.safeParse(input).success).toBe(true);
    }
    const schema = z.toJSONSchema(rule.options, { io: 'input' }) as { properties?: Record<string, { description?: string }> };
    for (const [key, prop] of Object.entries(schema.properties ?? {})) expect(prop.description, `${id} option ${key}`).toBeTruthy();
  });
});
