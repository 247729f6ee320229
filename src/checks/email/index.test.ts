import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { createRegistry } from '../registry.js';
import { rules } from './index.js';
import { probes } from './probes.js';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

describe('email pack', () => {
  test('registers four rules whose probes are in the pack', () => {
    const registry = createRegistry([{ probes, rules }]);
    expect([...registry.rules.keys()]).toEqual(['email/spf', 'email/dkim', 'email/dmarc', 'email/mx']);
    for (const rule of rules) expect(registry.probes.has(rule.meta.probe)).toBe(true);
  });

  test.each(rules.map((r) => [r.meta.id, r] as const))('%s: file names, docs path, examples and option descriptions', (id, rule) => {
    const name = id.split('/')[1]!;
    expect(existsSync(here(`./${name}.rule.ts`))).toBe(true);
    expect(existsSync(here(`./${name}.rule.test.ts`))).toBe(true);
    expect(existsSync(here(`./${name}.probe.test.ts`))).toBe(true);
    expect(rule.meta.docs).toBe(`docs/rules/${id}.md`);
    for (const example of rule.meta.examples) {
      expect(rule.target.safeParse(rule.targetFromString(example.target)).success).toBe(true);
      expect(rule.options.safeParse(example.with ?? {}).success).toBe(true);
    }
    const shape = (rule.options as unknown as { shape: Record<string, { description?: string }> }).shape;
    for (const [key, field] of Object.entries(shape)) expect(field.description, `${id} option ${key}`).toBeTruthy();
  });
});
