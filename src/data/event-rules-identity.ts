/** Rules on IDENTITY events beyond "identifiers present": declared providers, e-mails and dates. */
import type { EventRule } from './event-rules-fields.js';

/** The Cloud SDK's e-mail check (IV-0003). */
export const EMAIL_PATTERN = '[^\\s@]+@[^\\s@]+\\.[^\\s@]+';
/** `dob` and identifier expiry: exactly YYYY-MM-DDTHH:mm (the SDK rejects seconds, IV-0002/0004). */
export const IDENTITY_DATE_PATTERN = '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]';

const IS_IDENTITY = "type = 'IDENTITY'";
/** Identifier objects, [] when `identifiers` is not an array. */
const IDS = "CASE WHEN json_type(identifiers) = 'ARRAY' THEN json_extract(identifiers, '$[*]') ELSE [] END";
const PROVIDERS = "CASE WHEN json_type(identifiers) = 'ARRAY' THEN json_extract_string(identifiers, '$[*].provider') ELSE [] END";
const UNDECLARED = `list_filter(${PROVIDERS}, lambda x: NOT list_contains(identity_rules, x))`;
const LOWER_RULES = 'list_transform(identity_rules, lambda r: lower(r))';

/** Identifier ids whose provider names e-mail (any provider containing "email"), plus the `email` PII field. */
const EMAILS = `list_concat(
  list_transform(list_filter(${IDS}, lambda x: lower(json_extract_string(x, '$.provider')) LIKE '%email%'
    AND json_extract_string(x, '$.id') IS NOT NULL), lambda x: json_extract_string(x, '$.id')),
  CASE WHEN email IS NULL THEN [] ELSE [email] END)`;

/** `dob` plus each identifier's expiry, under either documented key. */
const DATES = `list_concat(
  list_filter(list_transform(${IDS}, lambda x: coalesce(json_extract_string(x, '$.expiry_date'), json_extract_string(x, '$.expiryDate'))), lambda d: d IS NOT NULL),
  CASE WHEN dob IS NULL THEN [] ELSE [dob] END)`;

function badOf(list: string, pattern: string): string {
  return `list_filter(${list}, lambda v: NOT regexp_full_match(v, '${pattern}'))`;
}

export const IDENTITY_EVENT_RULES: readonly EventRule[] = [
  {
    id: 'events/identity-provider', title: 'IDENTITY providers match a declared identity rule exactly',
    severity: 'fail', reads: ['type', 'identifiers'],
    // No declared rules: nothing to compare with, so the rule applies to no event.
    appliesTo: `${IS_IDENTITY} AND len(identity_rules) > 0`,
    violation: `len(${UNDECLARED}) > 0`,
    value: `array_to_string(list_transform(${UNDECLARED}, lambda x: x || CASE WHEN list_contains(${LOWER_RULES}, lower(x))
      THEN ' (differs only in case)' ELSE ' (not a declared identity rule)' END), ', ')`,
  },
  {
    id: 'events/identity-email', title: 'IDENTITY e-mail addresses are well formed',
    severity: 'fail', reads: ['type', 'identifiers', 'email'],
    appliesTo: `${IS_IDENTITY} AND len(${EMAILS}) > 0`,
    violation: `len(${badOf(EMAILS, EMAIL_PATTERN)}) > 0`,
    value: `array_to_string(${badOf(EMAILS, EMAIL_PATTERN)}, ', ')`,
  },
  {
    id: 'events/identity-dates', title: 'IDENTITY dates use YYYY-MM-DDTHH:mm',
    severity: 'fail', reads: ['type', 'identifiers', 'dob'],
    appliesTo: `${IS_IDENTITY} AND len(${DATES}) > 0`,
    violation: `len(${badOf(DATES, IDENTITY_DATE_PATTERN)}) > 0`,
    value: `array_to_string(${badOf(DATES, IDENTITY_DATE_PATTERN)}, ', ')`,
  },
];
