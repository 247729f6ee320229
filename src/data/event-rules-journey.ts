/** Rules on event types and the commerce journey (CHECKOUT, ADD -> CONFIRM) and extension data. */
import { quoted, type EventRule } from './event-rules-fields.js';

/** Types with a documented payload (Stream API docs; FORM is what the Cloud SDK's form() sends). */
export const PLATFORM_EVENT_TYPES = [
  'VIEW', 'ADD', 'CONFIRM', 'CHECKOUT', 'PAYMENT', 'CLEAR_CART', 'SEARCH', 'IDENTITY', 'FORM',
] as const;

/**
 * Reserved names the platform or its SDKs send themselves (the docs' list is cut off; these are the
 * ones the reference names). Accepted as platform events, never as a team's custom event name.
 */
export const RESERVED_EVENT_TYPES = [
  'ADD_CONSUMERS', 'ADD_CONTACTS', 'CAMPAIGN_TRACKING', 'CLICK', 'LOGIN', 'PURCHASE', 'ORDER_CHECKOUT',
] as const;

/** Custom event names must not start with this (reserved for Sitecore). */
export const RESERVED_PREFIX = 'SC_';

/** CHECKOUT `status` (and batch order `status`). */
export const CHECKOUT_STATUSES = ['PURCHASED', 'PAYMENT_PENDING', 'CONFIRMED', 'CANCELLED', 'REFUNDED'] as const;

/** The Cloud SDK throws IV-0005 past this many flattened extension keys; custom events allow 50 too. */
export const MAX_EXT_KEYS = 50;

const COLONS = "length(CAST(ext AS VARCHAR)) - length(replace(CAST(ext AS VARCHAR), ':', ''))";
const KNOWN = `(${quoted([...PLATFORM_EVENT_TYPES, ...RESERVED_EVENT_TYPES])})`;
const PREFIXED = `starts_with(type, '${RESERVED_PREFIX}')`;

export const JOURNEY_EVENT_RULES: readonly EventRule[] = [
  {
    id: 'events/type-known',
    title: 'Every event type is a platform type or a declared custom event',
    severity: 'fail', reads: ['type'], appliesTo: 'type IS NOT NULL',
    // An empty declaration skips the list check; the reserved prefix is checked either way.
    violation: `${PREFIXED} OR (type NOT IN ${KNOWN} AND len(custom_events) > 0 AND NOT list_contains(custom_events, type))`,
    value: `type || CASE WHEN ${PREFIXED} THEN ' (reserved ${RESERVED_PREFIX} prefix)'
      ELSE ' (not a platform type or declared custom event)' END`,
  },
  {
    id: 'events/checkout-status', title: 'CHECKOUT events carry a status from the platform enum',
    severity: 'fail', reads: ['type', 'status'], appliesTo: "type = 'CHECKOUT'",
    violation: `status IS NULL OR status NOT IN (${quoted(CHECKOUT_STATUSES)})`, value: "coalesce(status, '(missing)')",
  },
  {
    id: 'events/confirm-after-add', title: 'Every CONFIRM item was ADDed earlier by the same browser',
    severity: 'fail', reads: ['type'], derived: ['confirm_missing'], appliesTo: "type = 'CONFIRM'",
    violation: 'len(coalesce(confirm_missing, [])) > 0',
    value: "'no earlier ADD for item_id ' || array_to_string(confirm_missing, ', ')",
  },
  {
    id: 'events/ext-keys', title: `Extension data has at most ${MAX_EXT_KEYS} keys`,
    severity: 'fail', reads: ['ext'], appliesTo: 'ext IS NOT NULL',
    // Each flattened key needs a ':' in the text, so only objects with more colons than the limit are counted (in JS).
    violation: `json_type(ext) <> 'OBJECT' OR CASE WHEN ${COLONS} > ${MAX_EXT_KEYS} THEN golive_ext_keys(CAST(ext AS VARCHAR)) > ${MAX_EXT_KEYS} ELSE false END`,
    value: `CASE WHEN json_type(ext) = 'OBJECT' THEN golive_ext_keys(CAST(ext AS VARCHAR)) || ' keys' ELSE 'ext is not an object' END`,
  },
];
