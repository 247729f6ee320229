/** Pure: durations and shares as people write them on the command line and in golive.yaml. */

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** "60s", "500ms", "1.5s", "2m", "1h"; a bare number is seconds. */
export const DURATION_TEXT = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;

/** Milliseconds, or undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION_TEXT.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * UNIT_MS[(m[2] ?? 's') as keyof typeof UNIT_MS];
}

/** 60000 -> "60s", 500 -> "500ms", 120000 -> "2m", 1500 -> "1.5s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Number(ms.toFixed(3))}ms`;
  if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Number((ms / 1000).toFixed(3))}s`;
}

/** "1%", "0.5%" or a fraction "0.01" as a share from 0 to 1; undefined otherwise. */
export function parseShare(text: string): number | undefined {
  const t = text.trim();
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(t);
  const value = pct ? Number(pct[1]) / 100 : /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
  return value >= 0 && value <= 1 ? value : undefined;
}
