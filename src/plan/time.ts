import { DateTime, IANAZone } from 'luxon';

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** Every IANA zone the runtime knows, for suggestions. */
export function knownTimeZones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant of a local wall-clock time in a zone. Returns a reason instead when the
 * time does not exist (an invalid date, or a time skipped by a daylight-saving change).
 */
export function localToInstant(local: string, zone: string): { instant: Date } | { problem: string } {
  const m = LOCAL.exec(local);
  if (!m) return { problem: `"${local}" is not a local date and time (YYYY-MM-DDTHH:MM)` };
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0)) as number[];
  const dt = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone });
  if (!dt.isValid) return { problem: `"${local}" is not a valid date and time: ${dt.invalidExplanation ?? dt.invalidReason}` };
  if (dt.hour !== hour || dt.minute !== minute) {
    return { problem: `${local} does not exist in ${zone}: the clocks skip it for daylight saving time` };
  }
  return { instant: dt.toJSDate() };
}

/** A calendar date (YYYY-MM-DD) that exists. */
export function isValidDate(date: string): boolean {
  return DateTime.fromISO(date, { zone: 'UTC' }).isValid && /^\d{4}-\d{2}-\d{2}$/.test(date);
}

/** How instants are shown to people, always in the project's zone. */
const FORMATS = { local: 'yyyy-LL-dd HH:mm', date: 'yyyy-LL-dd', day: 'ccc dd LLL', dayTime: 'ccc yyyy-LL-dd HH:mm' } as const;

export function formatInstant(instant: Date, zone: string, style: keyof typeof FORMATS): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat(FORMATS[style]);
}

/** `YYYY-MM-DD HH:MM` of an instant in a zone. */
export function formatLocal(instant: Date, zone: string): string {
  return formatInstant(instant, zone, 'local');
}
