import type { StatusRange } from './types.js';

/** Pure helpers: which response statuses count as success, and how failures are named. */

const CLASS = /^([1-5])xx$/i;
const SINGLE = /^([1-5]\d\d)$/;
const RANGE = /^([1-5]\d\d)-([1-5]\d\d)$/;

/**
 * "2xx", "200,204", "2xx,304" or "200-299" as ranges; throws a plain Error naming the bad part
 * (callers turn it into their own usage error).
 */
export function parseExpectStatus(text: string): StatusRange[] {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new Error('no status given');
  return parts.map((p) => {
    const c = CLASS.exec(p);
    if (c) return { from: Number(c[1]) * 100, to: Number(c[1]) * 100 + 99 };
    const s = SINGLE.exec(p);
    if (s) return { from: Number(s[1]), to: Number(s[1]) };
    const r = RANGE.exec(p);
    if (r && Number(r[1]) <= Number(r[2])) return { from: Number(r[1]), to: Number(r[2]) };
    throw new Error(`"${p}" is not a status, a class such as 2xx, or a range such as 200-299`);
  });
}

export function statusExpected(status: number, expect: StatusRange[]): boolean {
  return expect.some((r) => status >= r.from && status <= r.to);
}

/** The error kind of an unexpected status: server errors apart, the rest together. */
export function statusErrorKind(status: number): 'status-5xx' | 'status-unexpected' {
  return status >= 500 ? 'status-5xx' : 'status-unexpected';
}

/** "2xx,304" back from ranges, for reports. */
export function describeExpectStatus(expect: StatusRange[]): string {
  return expect.map((r) => (r.from === r.to ? String(r.from) : r.from % 100 === 0 && r.to === r.from + 99 ? `${r.from / 100}xx` : `${r.from}-${r.to}`)).join(',');
}
