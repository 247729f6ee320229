import { describe, expect, it } from 'vitest';
import { renameFiles } from './rename.js';

describe('renameFiles', () => {
  it('renames every file path, however deep, and nothing else', () => {
    const result = {
      file: '/a/x.ndjson',
      files: [{ file: '/a/x.ndjson', lines: 3, error: undefined }],
      rules: [{ id: 'r', examples: [{ file: '/a/y.ndjson', line: 2, value: '/a/x.ndjson' }] }],
      guests: { lines: { invalidLines: [{ file: '/a/g.ndjson', line: 1, reason: 'file' }] } },
      n: 1, empty: null,
    };
    const renamed = renameFiles(result, (f) => f.replace('/a/', ''));
    expect(renamed).toEqual({
      file: 'x.ndjson',
      files: [{ file: 'x.ndjson', lines: 3, error: undefined }],
      rules: [{ id: 'r', examples: [{ file: 'y.ndjson', line: 2, value: '/a/x.ndjson' }] }],
      guests: { lines: { invalidLines: [{ file: 'g.ndjson', line: 1, reason: 'file' }] } },
      n: 1, empty: null,
    });
    expect(result.files[0]?.file).toBe('/a/x.ndjson');
  });
});
