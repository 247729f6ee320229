/**
 * Rules that need a declared tenant fact to mean anything: the channel each point of sale serves
 * (`cdp.pointsOfSale[].channel`) and the extension keys the team relies on with their minimum fill
 * rate (`cdp.extensions`). Without the declaration they apply to no event and yield no result.
 * The language of a point of sale is deliberately not compared with the event's: sites may be
 * multilingual, and `events/language-code` already checks the declared site languages.
 */
import { quoted, type EventRule, type RuleParams } from './event-rules-fields.js';

const sqlString = (text: string): string => quoted([text]);

/** The channel declared for the event's point of sale; NULL when its pos declares none. */
const EXPECTED_CHANNEL = 'list_extract(pos_channel_values, list_position(pos_channel_names, pos))';

/**
 * A JSON pointer to `ext.<name>` (RFC 6901: `~` and `/` escaped), so any key name works. The key
 * is matched as written; nested keys (`{a: {b: 1}}`) are not flattened to `a_b` here.
 */
export function extPointer(name: string): string {
  return sqlString(`/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`);
}

/** SQL boolean: `ext.<name>` is missing, null, "", [] or {}. */
function extLacks(name: string): string {
  const value = `json_extract(ext, ${extPointer(name)})`;
  return `coalesce(json_type(${value}), 'NULL') = 'NULL' OR CAST(${value} AS VARCHAR) IN ('""', '[]', '{}')`;
}

export function extFillRateRules(params: RuleParams): EventRule[] {
  return (params.extensions ?? []).map(({ name, minFillRate }) => {
    const min = minFillRate ?? 0;
    return {
      id: 'events/ext-fill-rate',
      title: `ext.${name} is on at least ${+(min * 100).toFixed(2)}% of events`,
      severity: 'fail', reads: ['ext'], subject: `ext.${name}`, minPassRate: min, measure: 'fill rate',
      violation: extLacks(name),
      value: `CASE WHEN ext IS NULL THEN 'no ext object' ELSE ${sqlString(`no ext.${name}`)} END`,
    };
  });
}

export const DECLARED_EVENT_RULES: readonly EventRule[] = [
  {
    id: 'events/pos-channel', title: 'Events carry the channel declared for their point of sale',
    severity: 'fail', reads: ['pos', 'channel'],
    appliesTo: 'list_contains(pos_channel_names, pos)',
    violation: `channel IS DISTINCT FROM ${EXPECTED_CHANNEL}`,
    value: `coalesce(channel, '(missing)') || ' (' || pos || ' is declared ' || ${EXPECTED_CHANNEL} || ')'`,
  },
  {
    id: 'events/ext-fill-rate', title: 'Declared extension keys are on enough events',
    severity: 'fail', reads: ['ext'], violation: 'false', value: 'NULL',
    expand: extFillRateRules,
  },
];
