import { z } from 'zod';
import { JSON_DOCUMENTS } from '../report/json-schema.js';
import { PlaybookSchema, ProjectSchema } from './schema.js';

/** Every JSON Schema golive ships in schema/, by file name. Generated, never edited by hand. */
export function jsonSchemas(): Record<string, unknown> {
  const input = (schema: z.ZodType, id: string, title: string) => ({
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    // Keys starting with x- hold YAML anchors and are ignored (see load.ts).
    patternProperties: { '^x-': {} },
    $id: `golive/${id}`,
    title,
  });
  const out: Record<string, unknown> = {
    'project.schema.json': input(ProjectSchema, 'project.schema.json', 'golive project (golive.yaml)'),
    'playbook.schema.json': input(PlaybookSchema, 'playbook.schema.json', 'golive playbook'),
  };
  for (const [kind, schema] of Object.entries(JSON_DOCUMENTS)) {
    out[`${kind}.output.schema.json`] = { ...z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }), $id: `golive/${kind}.output.schema.json`, title: `golive ${kind} --json output` };
  }
  return out;
}
