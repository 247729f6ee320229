import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTarget } from '../src/checks/config.js';
import { BUILTIN_PACKS, builtinRules, loadBuiltinRegistry } from '../src/checks/registry.js';
import { ruleReference } from '../src/checks/reference.js';
import type { AnyRule } from '../src/checks/types.js';
import { ROOT } from './support/cli.js';

const checksDir = path.join(ROOT, 'src', 'checks');
const domains = readdirSync(checksDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const filesOf = (suffix: string) => domains.flatMap((d) => readdirSync(path.join(checksDir, d)).filter((f) => f.endsWith(suffix)).map((f) => ({ domain: d, file: f, name: f.slice(0, -suffix.length) })));
const rules = [...builtinRules().values()];

describe('the rule registry', () => {
  it('registers every pack, and every domain folder is a pack; every rule finds its probe', async () => {
    expect(BUILTIN_PACKS.length).toBe(domains.length);
    const registry = await loadBuiltinRegistry();
    for (const r of rules) expect(registry.probes.has(r.meta.probe), r.meta.id).toBe(true);
    expect(rules.length).toBeGreaterThanOrEqual(27);
  });

  it('has exactly one registered rule per *.rule.ts file, with the id of its file name', async () => {
    const files = filesOf('.rule.ts');
    const fromFiles: string[] = [];
    for (const f of files) {
      const mod = (await import(path.join(checksDir, f.domain, f.file))) as Record<string, unknown>;
      const exported = Object.values(mod).filter((v): v is AnyRule => typeof v === 'object' && v !== null && 'meta' in v && 'judge' in v);
      expect(exported.map((r) => r.meta.id), f.file).toEqual([`${f.domain}/${f.name}`]);
      expect(builtinRules().get(`${f.domain}/${f.name}`), `${f.domain}/${f.name} is registered`).toBe(exported[0]);
      fromFiles.push(`${f.domain}/${f.name}`);
    }
    expect(rules.map((r) => r.meta.id).sort()).toEqual(fromFiles.sort());
  });

  it('gives every rule a test file beside it, and every probe file a probe test', () => {
    for (const f of filesOf('.rule.ts')) expect(existsSync(path.join(checksDir, f.domain, `${f.name}.rule.test.ts`)), `${f.domain}/${f.name}.rule.test.ts`).toBe(true);
    for (const f of filesOf('.probe.ts')) expect(existsSync(path.join(checksDir, f.domain, `${f.name}.probe.test.ts`)), `${f.domain}/${f.name}.probe.test.ts`).toBe(true);
  });

  it('gives every rule a title, a failure title, a description, a docs link that exists and examples that parse', () => {
    for (const r of rules) {
      expect(r.meta.docs, r.meta.id).toBe(`docs/rules/${r.meta.id}.md`);
      expect(existsSync(path.join(ROOT, r.meta.docs)), r.meta.docs).toBe(true);
      expect(r.meta.title.length, r.meta.id).toBeGreaterThan(5);
      expect(r.meta.failureTitle).not.toBe(r.meta.title);
      expect(r.meta.description.length, r.meta.id).toBeGreaterThan(60);
      expect(r.meta.examples.length, r.meta.id).toBeGreaterThan(0);
      for (const e of r.meta.examples) {
        expect(parseTarget(r, e.target), `${r.meta.id} example target ${e.target}`).toMatchObject({ ok: true });
        expect(r.options.safeParse(e.with ?? {}).success, `${r.meta.id} example options`).toBe(true);
      }
    }
  });

  it('keeps docs/rules/ current (npm run docs regenerates it)', () => {
    for (const [file, text] of ruleReference(rules)) expect(readFileSync(path.join(ROOT, 'docs', 'rules', file), 'utf8'), `docs/rules/${file}`).toBe(text);
    const onDisk = domains.flatMap((d) => (existsSync(path.join(ROOT, 'docs', 'rules', d)) ? readdirSync(path.join(ROOT, 'docs', 'rules', d)).map((f) => `${d}/${f}`) : []));
    expect(onDisk.sort()).toEqual(rules.map((r) => `${r.meta.id}.md`).sort());
  });
});
