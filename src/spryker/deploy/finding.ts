import type { DeployFinding, DeployTopic, SourceRef } from './model.js';

/** Builders for deploy findings of one topic, placed at a SourceRef (pure). */
export function findingsFor(topic: DeployTopic) {
  const make = (severity: DeployFinding['severity']) => (code: string, message: string, hint: string, at: SourceRef): DeployFinding => ({
    severity,
    code,
    message,
    hint,
    file: at.file,
    line: at.line,
    column: at.column,
    path: at.path,
    topic,
  });
  return { fail: make('fail'), warn: make('warn'), info: make('info') };
}

/** Keeps the first finding per code and place (merged anchors repeat the same line many times). */
export function uniqueFindings(findings: DeployFinding[]): DeployFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}\u0000${f.file}:${f.line}:${f.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `a, b, c and 4 more`. */
export function listed(items: string[], max = 3): string {
  const head = items.slice(0, max).join(', ');
  return items.length > max ? `${head} and ${items.length - max} more` : head;
}
