import type { Finding, RuleMeta, Verdict } from './types.js';

/**
 * The verdict a list of findings implies: `fail` if any finding fails, `warn` if any warns, else
 * `pass`. The summary is the rule's title, or its failure title with the first decisive finding.
 */
export function verdictFrom(meta: Pick<RuleMeta, 'title' | 'failureTitle'>, findings: Finding[], passDetail?: string): Verdict {
  const failed = findings.find((f) => f.severity === 'fail');
  if (failed) return { status: 'fail', summary: `${meta.failureTitle}: ${failed.message}`, findings };
  const warned = findings.find((f) => f.severity === 'warn');
  if (warned) return { status: 'warn', summary: `${meta.title}, with a warning: ${warned.message}`, findings };
  return { status: 'pass', summary: passDetail ? `${meta.title}: ${passDetail}` : meta.title, findings };
}

export const fail = (code: string, message: string, hint: string, subject?: string): Finding => ({ severity: 'fail', code, message, hint, ...(subject ? { subject } : {}) });
export const warn = (code: string, message: string, hint: string, subject?: string): Finding => ({ severity: 'warn', code, message, hint, ...(subject ? { subject } : {}) });
export const info = (code: string, message: string, subject?: string): Finding => ({ severity: 'info', code, message, ...(subject ? { subject } : {}) });
