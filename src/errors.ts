/** A problem found in a user's file, pointing at the exact place. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Stable machine-readable code, e.g. `unknown-key`, `unknown-role`. */
  code: string;
  /** File path as shown to the user (relative to the working directory when possible). */
  file: string;
  /** 1-based line and column; 0 when the place is not known. */
  line: number;
  column: number;
  /** Field path inside the file, e.g. `people[1].roles[0]`. Empty for the whole file. */
  path: string;
  message: string;
  hint?: string;
}

interface ErrorOptions {
  cause?: unknown;
  hint?: string;
}

/** Base class of every error golive expects and explains to the user. */
export class GoliveError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/** Invalid configuration: carries every problem found, not just the first. Exit code 2. */
export class ConfigError extends GoliveError {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[], options: ErrorOptions = {}) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(`${errors.length} problem${errors.length === 1 ? '' : 's'} in the configuration`, options);
    this.diagnostics = diagnostics;
  }
}

/** The command line was used wrongly (unknown task, bad option value, forbidden transition). Exit code 2. */
export class UsageError extends GoliveError {}

/** The store could not be opened or written (locked, unreachable server, failed migration). Exit code 3. */
export class StoreError extends GoliveError {}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const field = d.path ? ` ${d.path}:` : '';
  const hint = d.hint ? `\n    hint: ${d.hint}` : '';
  return `${where} ${d.severity}${field} ${d.message}${hint}`;
}
