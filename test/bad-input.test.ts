import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, type Diagnostic } from '../src/errors.js';
import { loadProject } from '../src/playbook/load.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'bad');
const NOW = new Date('2026-11-01T00:00:00Z');
const cases = readdirSync(ROOT).sort();

function diagnosticsOf(dir: string): Diagnostic[] {
  try {
    loadProject('golive.yaml', { now: NOW, cwd: dir });
  } catch (err) {
    if (err instanceof ConfigError) return err.diagnostics;
    throw err;
  }
  return [];
}

const key = (d: Diagnostic) => `${d.file}:${d.line}:${d.column} ${d.code}${d.path ? ` ${d.path}` : ''}`;

describe('bad input corpus', () => {
  it('has at least 30 broken files', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const name of cases) {
    it(`${name}: every expected diagnostic, with file, line, column, field and hint`, () => {
      const dir = path.join(ROOT, name);
      const expected = readFileSync(path.join(dir, 'expect.txt'), 'utf8').trim().split('\n');
      const diagnostics = diagnosticsOf(dir);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      expect(errors.length, 'the file must be rejected').toBeGreaterThan(0);
      expect(diagnostics.map(key)).toEqual(expect.arrayContaining(expected));
      for (const d of errors) {
        expect(d.line, key(d)).toBeGreaterThan(0);
        expect(d.column, key(d)).toBeGreaterThan(0);
        expect(d.hint, `${key(d)} has a hint`).toMatch(/\w{3}/);
        expect(d.message).not.toMatch(/^Invalid input$/);
      }
    });
  }
});
