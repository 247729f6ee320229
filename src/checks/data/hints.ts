/**
 * What to do about a violated data rule, by rule id: check findings carry a hint, the engine's
 * rules do not. A rule without an entry gets the generic hint.
 */
const HINTS: Record<string, string> = {
  'events/type-uppercase': 'send event types in capitals (VIEW, ADD, IDENTITY); the platform treats "view" as another type',
  'events/type-known': 'declare the site\'s custom event types under cdp.customEvents, and never use the reserved SC_ prefix',
  'events/channel-enum': 'send a channel from the platform enum (WEB, MOBILE_WEB, MOBILE_APP, ...), set once in the SDK settings',
  'events/pos-channel': 'the event\'s channel differs from the channel declared for its point of sale: fix the SDK channel per site (WEB vs MOBILE_WEB) or the declaration under cdp.pointsOfSale',
  'events/language-code': 'send the uppercase ISO 639-1 code of the page (EN, DE); the Cloud SDK takes it from <html lang>, so fix that attribute, and list the site languages under cdp.languages',
  'events/currency-code': 'send the uppercase ISO 4217 code (EUR, USD) the point of sale sells in, and list them under cdp.currencies',
  'events/browser-id-uuid': 'send the browser ID the platform issued (a UUID from browser/create); do not invent or reformat it',
  'events/pos-present': 'name a point of sale that exists in the tenant and is declared under cdp.pointsOfSale; events with an unknown pos are accepted and then never appear',
  'events/add-product-fields': 'send every product field with ADD (type, item_id, name, productId, referenceId, orderedAt, quantity, price, currency)',
  'events/add-quantity': 'send quantity as a whole number above zero',
  'events/add-price': 'send price as a JSON number (the unit price), not a string',
  'events/confirm-after-add': 'send an ADD for every item before the CONFIRM that lists it, from the same browser, or the order is not created',
  'events/checkout-status': 'send a CHECKOUT status from the enum: PURCHASED, PAYMENT_PENDING, CONFIRMED, CANCELLED, REFUNDED',
  'events/identity-identifiers': 'send identifiers as a list of {id, provider} on every IDENTITY event; PII alone does not identify anybody',
  'events/identity-provider': 'use the provider exactly as the identity rule names it (case-sensitive), or declare the rule under cdp.identityRules',
  'events/identity-email': 'send a well-formed e-mail address (the SDK rejects it client-side otherwise)',
  'events/identity-dates': 'format dob and expiry dates as YYYY-MM-DDTHH:mm, without seconds',
  'events/ext-keys': 'keep extension data to at most 50 flat keys per event',
  'events/ext-fill-rate': 'the extension key is missing on too many events: set it in every event the site sends, or lower minFillRate under cdp.extensions if that is intended',
  'events/order-total': 'the order price differs from its items (price x quantity) or an item has another currency: check the order mapping',
  'events/page-script': 'page names are in another script than the event\'s language: the page sends the wrong language (check <html lang> per locale)',
  'events/product-name-script': 'product names are in another script than the event\'s language: the catalogue feed or the locale mapping mixes languages',
};

export function hintFor(ruleId: string): string {
  return HINTS[ruleId] ?? (ruleId.startsWith('batch/') ? 'fix the records in the export that builds the batch file; see the rule list in docs/sitecore-cdp.md' : 'see the rule list in docs/sitecore-cdp.md');
}
