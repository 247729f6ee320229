import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The JSON Schemas shipped with golive (schema/ at the package root). */
export const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));

/** Path from a project file to golive's project schema, for the editor modeline. */
export function schemaRef(projectFile: string): string {
  const rel = path.relative(path.dirname(projectFile), path.join(SCHEMA_DIR, 'project.schema.json')).split(path.sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}
