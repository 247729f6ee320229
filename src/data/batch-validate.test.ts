import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { batchFileFacts, countMembers } from './batch-file.js';
import { validateBatch } from './batch-validate.js';
import { useTempFiles } from './test-helpers.js';

const REF = '0b4f8c4e-7d5a-4a8e-9a43-8b3f0a4f7e21';
const guest = (ref: string, extra: object = {}) =>
  JSON.stringify({ ref, schema: 'guest', mode: 'upsert', value: { guestType: 'customer', identifiers: [{ provider: 'email', id: `${ref}@x.y` }], ...extra } });
const ndjson = (lines: string[]) => `${lines.join('\n')}\n`;

const { fixture, at } = useTempFiles('golive-batch-');


describe('batch file facts', () => {
  it('counts gzip members, including a multi-member file Node would read as one stream', async () => {
    const a = gzipSync(ndjson([guest(REF)]));
    const b = gzipSync('x'.repeat(100_000));
    expect(await countMembers(a)).toBe(1);
    expect(await countMembers(Buffer.concat([a, b, a]))).toBe(3);
    expect(await countMembers(Buffer.from('{"ref":1}\n'))).toBe(0);
  });

  it('returns size and the hex MD5 of the file bytes, and skips inflating a file over the limit', async () => {
    const content = gzipSync(ndjson([guest(REF)]));
    const path = fixture('facts.json.gz', content);
    const md5 = createHash('md5').update(content).digest('hex');
    expect(await batchFileFacts(path)).toEqual({ bytes: content.length, md5, members: 1 });
    expect(await batchFileFacts(path, content.length - 1)).toEqual({ bytes: content.length, md5, members: null });
  });
});

describe('validateBatch', () => {
  it('reports file-level problems, invalid lines and record rules with exact file:line', async () => {
    const ref2 = '1c5a9d5f-8e6b-4b9f-8b54-9c4a1b5a8f32';
    const good = fixture('good.json.gz', gzipSync(ndjson([guest(REF), guest(ref2)])));
    const multi = fixture('multi.json.gz', Buffer.concat([gzipSync(ndjson([guest(REF)])), gzipSync(ndjson([guest(ref2, { guestType: 'visitor' }), '{"ref":']))]));
    const plain = fixture('plain.json', ndjson([guest('not-a-uuid', { dateOfBirth: '2030-01-01T00:00Z' })]));
    const result = await validateBatch([good, multi, plain], { now: '2026-11-01T00:00:00Z', maxBytes: 10_000 });

    expect(result.files.map((f) => [f.file, f.lines, f.members])).toEqual([[good, 2, 1], [multi, 3, 2], [plain, 1, 0]]);
    expect(result.files[0]?.md5).toMatch(/^[0-9a-f]{32}$/);
    expect(result).toMatchObject({ lines: 6, validLines: 5, invalidLineCount: 1, invalidLines: [{ file: multi, line: 3, reason: 'not valid JSON' }] });
    const byId = new Map(result.rules.map((r) => [r.id, r]));
    expect(byId.get('batch/file-gzip')?.examples).toEqual([{ file: multi, line: 0, value: '2 gzip members' }, { file: plain, line: 0, value: 'not gzip' }]);
    expect(byId.get('batch/file-size')).toMatchObject({ applicable: 3, violations: 0 });
    expect(byId.get('batch/guest-customer')?.examples).toEqual([{ file: multi, line: 2, value: 'visitor' }]);
    expect(byId.get('batch/ref-uuid')?.examples).toEqual([{ file: plain, line: 1, value: 'not-a-uuid' }]);
    expect(byId.get('batch/guest-date-of-birth')?.examples).toEqual([{ file: plain, line: 1, value: '2030-01-01T00:00Z' }]);
    // The same ref in two files is two uploads, not a duplicate.
    expect(byId.get('batch/ref-unique')).toMatchObject({ applicable: 5, violations: 0 });
  });

  it('flags a file over the size limit without inflating it', async () => {
    const path = fixture('big.json.gz', gzipSync(ndjson(Array.from({ length: 200 }, (_v, i) => guest(REF.replace(/.{3}$/, String(i).padStart(3, '0')))))));
    const result = await validateBatch([path], { now: '2026-11-01T00:00:00Z', maxBytes: 100 });
    expect(result.files[0]?.members).toBeNull();
    const size = result.rules.find((r) => r.id === 'batch/file-size');
    expect(size).toMatchObject({ violations: 1, examples: [{ file: path, line: 0, value: expect.stringMatching(/^\d+ bytes$/) }] });
  });

  it('reports a missing file as not read, with no facts', async () => {
    const result = await validateBatch([at('missing.json.gz')], { now: '2026-11-01T00:00:00Z' });
    expect(result.files[0]?.error).toMatch(/ENOENT/);
    expect(result.files[0]?.md5).toBeUndefined();
    expect(result.rules.every((r) => r.violations === 0)).toBe(true);
  });
});
