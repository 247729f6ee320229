/**
 * Page patterns of web flows, as teams declare them: a path (/cart), a prefix ending in *
 * (/products/*), or * for every page. Pure.
 */

export const EVERY_PAGE = '*';

const isPrefix = (p: string): boolean => p.endsWith('*');
const stem = (p: string): string => p.slice(0, -1);

/** The narrower of two patterns when they share a page, else undefined. */
export function overlap(p: string, q: string): string | undefined {
  if (p === EVERY_PAGE) return q;
  if (q === EVERY_PAGE) return p;
  if (isPrefix(p) && isPrefix(q)) return stem(p).startsWith(stem(q)) ? p : stem(q).startsWith(stem(p)) ? q : undefined;
  if (isPrefix(p)) return q.startsWith(stem(p)) ? q : undefined;
  if (isPrefix(q)) return p.startsWith(stem(q)) ? p : undefined;
  return p === q ? p : undefined;
}

/** Every page pattern two flows share (the narrower of each overlapping pair), without repeats. */
export function sharedPages(a: string[], b: string[]): string[] {
  const out = new Set<string>();
  for (const p of a) for (const q of b) {
    const o = overlap(p.trim(), q.trim());
    if (o !== undefined) out.add(o);
  }
  return [...out];
}

export interface Window {
  /** Milliseconds since the epoch; -Infinity when the flow has no start date (running already). */
  start: number;
  /** +Infinity when the flow has no end date. */
  end: number;
}

/** The time two windows share, or undefined. */
export function sharedWindow(a: Window, b: Window): Window | undefined {
  const w = { start: Math.max(a.start, b.start), end: Math.min(a.end, b.end) };
  return w.start < w.end ? w : undefined;
}
