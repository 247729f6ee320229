import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kindProblem, type DataKind } from './sniff.js';

const EVENT = '{"type":"VIEW","channel":"WEB","browser_id":"0b9f3f4a-1111-4222-8333-444455556666"}';
const RECORD = '{"ref":"0b9f3f4a-1111-4222-8333-444455556666","schema":"guest","mode":"upsert","value":{"guestType":"customer"}}';

describe('kindProblem', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'golive-sniff-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, body: string | Buffer) => {
    const p = path.join(dir, name);
    writeFileSync(p, body);
    return p;
  };

  const cases: { name: string; body: string | Buffer; kind: DataKind; problem: RegExp | undefined }[] = [
    { name: 'events as events', body: `${EVENT}\n`, kind: 'events', problem: undefined },
    { name: 'gzipped events with a BOM and CRLF', body: gzipSync(`\uFEFF${EVENT}\r\n${EVENT}\r\n`), kind: 'events', problem: undefined },
    { name: 'a broken first line, then events', body: `{"type":\n${EVENT}\n`, kind: 'events', problem: undefined },
    { name: 'batch records as batch', body: gzipSync(`${RECORD}\n`), kind: 'batch', problem: undefined },
    { name: 'an empty file', body: '', kind: 'events', problem: /^empty file/ },
    { name: 'an empty gzip', body: gzipSync(''), kind: 'batch', problem: /^empty file/ },
    { name: 'blank lines only', body: '\n\n \n', kind: 'events', problem: /only blank lines/ },
    { name: 'batch records as events', body: `${RECORD}\n`, kind: 'events', problem: /--kind batch/ },
    { name: 'events as batch', body: gzipSync(`${EVENT}\n`), kind: 'batch', problem: /--kind events/ },
    { name: 'a CSV file', body: 'id,name,email\n1,Ann,a@b.co\n', kind: 'events', problem: /looks like CSV/ },
    { name: 'one JSON array', body: `[${EVENT},\n${EVENT}]\n`, kind: 'events', problem: /JSON array/ },
    { name: 'a truncated gzip is left to the reader', body: gzipSync(`${EVENT}\n${EVENT}\n`).subarray(0, 25), kind: 'events', problem: undefined },
    { name: 'garbage is left to the reader', body: 'hello there\n', kind: 'events', problem: undefined },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const problem = await kindProblem(file(`${c.name.replaceAll(' ', '-')}.data`, c.body), c.kind);
      if (c.problem === undefined) expect(problem).toBeUndefined();
      else expect(problem).toMatch(c.problem);
    });
  }

});
