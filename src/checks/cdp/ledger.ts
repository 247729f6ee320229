import type { NetOptions } from '../types.js';
import type { Refusal } from './target.js';

/**
 * Credentials the API refused in this run. Several checks use the same client key and API token
 * (test identities, batch uploads): once the API has refused them, sending them again only adds
 * failed logins to the tenant's record, so later checks report the first refusal instead.
 *
 * The runner hands every probe of one run the same NetOptions object, so the ledger hangs off it
 * (as the spryker login ledger does). A check's first authenticated request is entered before it
 * goes out, with no await in between; a check that starts meanwhile waits for its outcome.
 */
type Outcome = Refusal | undefined;

const ledgers = new WeakMap<NetOptions, Map<string, Promise<Outcome>>>();

function ledgerFor(net: NetOptions): Map<string, Promise<Outcome>> {
  let ledger = ledgers.get(net);
  if (!ledger) {
    ledger = new Map();
    ledgers.set(net, ledger);
  }
  return ledger;
}

/** Which credentials a request uses, by the names of their variables (never their values) and the API's origin. */
export const credentialKey = (baseUrl: string, variables: string[]): string => `${new URL(baseUrl).origin} ${variables.join(' ')}`;

/**
 * The refusal an earlier check of this run got with these credentials, or undefined after
 * running `first` (which sends the check's first authenticated request and says whether it was refused).
 */
export async function unlessRefused<T>(net: NetOptions, key: string, first: () => Promise<{ value: T; refused?: Refusal }>): Promise<{ earlier: Refusal } | { value: T; refused?: Refusal }> {
  const ledger = ledgerFor(net);
  const known = ledger.get(key);
  if (known) {
    const earlier = await known;
    if (earlier) return { earlier: { ...earlier, reused: true } };
  }
  const attempt = first();
  // A failed request (time-out, reset) proves nothing about the credentials: later checks try again.
  ledger.set(key, attempt.then((r) => r.refused, () => undefined));
  return attempt;
}
