/**
 * Order consistency on events that carry an `order` object (ORDER_CHECKOUT and custom order
 * events): the order total against its items, and one currency per order. No documented platform
 * rule requires either, so the rule only warns.
 */
import type { EventRule } from './event-rules-fields.js';

/** Totals may differ by rounding up to this much before it counts. */
export const ORDER_TOTAL_TOLERANCE = 0.01;

const NUMBER_TYPES = "('UBIGINT', 'BIGINT', 'DOUBLE')";
const ITEMS = "CASE WHEN json_type(order_data, '$.orderItems') = 'ARRAY' THEN json_extract(order_data, '$.orderItems[*]') ELSE [] END";
const PRICE = "TRY_CAST(json_extract_string(order_data, '$.price') AS DOUBLE)";
/** Every item has a numeric price and a numeric or absent quantity (else the total is not judged). */
const ITEMS_NUMERIC = `len(${ITEMS}) > 0 AND list_bool_and(list_transform(${ITEMS}, lambda x:
  coalesce(json_type(x, '$.price') IN ${NUMBER_TYPES}, false)
  AND coalesce(json_type(x, '$.quantity') IN ${NUMBER_TYPES}, json_type(x, '$.quantity') IS NULL)))`;
const ITEMS_TOTAL = `list_sum(list_transform(${ITEMS}, lambda x:
  TRY_CAST(json_extract_string(x, '$.price') AS DOUBLE) * coalesce(TRY_CAST(json_extract_string(x, '$.quantity') AS DOUBLE), 1)))`;
const TOTAL_OFF = `coalesce(json_type(order_data, '$.price') IN ${NUMBER_TYPES} AND ${ITEMS_NUMERIC}
  AND abs(${ITEMS_TOTAL} - ${PRICE}) > ${ORDER_TOTAL_TOLERANCE} + 1e-9, false)`;
const ORDER_CURRENCY = "json_extract_string(order_data, '$.currencyCode')";
/** Item currencies (present ones) other than the order's. */
const OTHER_CURRENCIES = `list_distinct(list_filter(json_extract_string(order_data, '$.orderItems[*].currencyCode'),
  lambda c: c IS DISTINCT FROM ${ORDER_CURRENCY}))`;
const CURRENCY_OFF = `json_type(order_data, '$.orderItems') = 'ARRAY' AND len(${OTHER_CURRENCIES}) > 0`;

export const ORDER_EVENT_RULES: readonly EventRule[] = [
  {
    id: 'events/order-total', title: 'Order totals match their items (price × quantity) in one currency',
    severity: 'warn', reads: ['order_data'], appliesTo: "json_type(order_data) = 'OBJECT'",
    violation: `${TOTAL_OFF} OR coalesce(${CURRENCY_OFF}, false)`,
    value: `concat_ws('; ',
      CASE WHEN ${TOTAL_OFF} THEN 'order.price ' || json_extract_string(order_data, '$.price')
        || ' but items sum to ' || printf('%.2f', ${ITEMS_TOTAL}) END,
      CASE WHEN coalesce(${CURRENCY_OFF}, false) THEN 'item currencyCode ' || array_to_string(list_sort(${OTHER_CURRENCIES}), ', ')
        || ' in an order in ' || coalesce(${ORDER_CURRENCY}, '(no currencyCode)') END)`,
  },
];
