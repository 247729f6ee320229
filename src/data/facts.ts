import type { CdpFacts } from '../playbook/cdp.js';
import { CURRENCY_CODES, LANGUAGE_CODES } from './codes.js';
import type { ValidateOptions } from './validate.js';

/**
 * The event-rule parameters a project's declared facts give, the same for `golive data validate`
 * and the data/events check: undeclared languages and currencies fall back to the pinned ISO lists.
 */
export function eventOptionsFor(cdp: CdpFacts | undefined): Required<Pick<ValidateOptions, 'languages' | 'currencies' | 'pointsOfSale' | 'identityRules' | 'customEvents' | 'posChannels' | 'extensions'>> {
  const languages = cdp?.languages ?? [];
  const currencies = cdp?.currencies ?? [];
  const pointsOfSale = cdp?.pointsOfSale ?? [];
  return {
    languages: languages.length > 0 ? languages : LANGUAGE_CODES,
    currencies: currencies.length > 0 ? currencies : CURRENCY_CODES,
    pointsOfSale: pointsOfSale.map((p) => p.name),
    identityRules: cdp?.identityRules ?? [],
    customEvents: cdp?.customEvents ?? [],
    posChannels: pointsOfSale.flatMap((p) => (p.channel === undefined ? [] : [{ name: p.name, channel: p.channel }])),
    extensions: cdp?.extensions ?? [],
  };
}
