import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { builtinPath, builtinPlaybookIds } from '../src/playbook/builtin.js';
import { jsonSchemas } from '../src/playbook/json-schema.js';
import { ROOT } from './support/cli.js';

const onDisk = (file: string) => JSON.parse(readFileSync(path.join(ROOT, 'schema', file), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: false });

describe('JSON Schemas in schema/', () => {
  it('are up to date with the zod schemas (npm run schema regenerates them)', () => {
    for (const [file, schema] of Object.entries(jsonSchemas())) expect(onDisk(file), file).toEqual(schema);
  });

  it('accept every built-in playbook, as an editor would check it', () => {
    const validate = ajv.compile(onDisk('playbook.schema.json'));
    for (const id of builtinPlaybookIds()) {
      const ok = validate(parse(readFileSync(builtinPath(id), 'utf8')));
      expect(validate.errors ?? [], id).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('reject what the loader rejects: an unknown key and a bad offset', () => {
    const validate = ajv.compile(onDisk('project.schema.json'));
    const good = { id: 'shop', name: 'Shop', goLive: '2027-03-01T09:00', timeZone: 'Europe/Berlin', playbooks: ['web-launch'] };
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, golive: 'x' })).toBe(false);
    expect(validate({ ...good, policy: { freeze: 'T-7x' } })).toBe(false);
  });
});
