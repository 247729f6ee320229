import { OFFSET_PATTERN } from '../playbook/schema.js';

export type OffsetUnit = 'd' | 'w' | 'wd' | 'h';

/** A due offset from the go-live instant: `T-3w` is { sign: -1, amount: 3, unit: 'w' }. */
export interface Offset {
  sign: -1 | 0 | 1;
  amount: number;
  unit: OffsetUnit;
}

export function parseOffset(text: string): Offset {
  if (!OFFSET_PATTERN.test(text)) throw new RangeError(`not an offset: ${text}`);
  if (text === 'T0') return { sign: 0, amount: 0, unit: 'd' };
  const m = /^T([+-])(\d+)(wd|d|w|h)$/.exec(text);
  if (!m) throw new RangeError(`not an offset: ${text}`);
  return { sign: m[1] === '-' ? -1 : 1, amount: Number(m[2]), unit: m[3] as OffsetUnit };
}

/** Signed number of days for day and week offsets (working days and hours are not calendar days). */
export function offsetDays(o: Offset): number {
  if (o.unit === 'w') return o.sign * o.amount * 7;
  if (o.unit === 'd') return o.sign * o.amount;
  return 0;
}
