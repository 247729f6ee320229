import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { saveArtifact } from './artifacts.js';

const dir = mkdtempSync(path.join(tmpdir(), 'golive-artifacts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('saveArtifact', () => {
  it('keeps one file per picture even when the same picture is saved many times at once', async () => {
    const png = Buffer.from('not really a png, but the same bytes every time');
    const saved = await Promise.all(Array.from({ length: 8 }, () => saveArtifact(dir, png, 'png')));
    expect(new Set(saved.map((a) => a.path)).size).toBe(1);
    const files = readdirSync(path.join(dir, '.golive', 'artifacts'));
    expect(files).toEqual([`${saved[0]!.sha256}.png`]);
    expect(readFileSync(path.join(dir, saved[0]!.path))).toEqual(png);
    expect(readFileSync(path.join(dir, '.golive', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });
});
