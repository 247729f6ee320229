/**
 * The same result with every file path renamed: every string under a key named `file`, however deep
 * (files read, invalid lines, rule examples, identity examples). Reports name files as the user gave
 * them, checks relative to the project, while the engines read absolute paths.
 */
export function renameFiles<T>(value: T, name: (file: string) => string): T {
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') return key === 'file' ? name(v) : v;
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value) as T;
}
