import type { NetOptions } from '../types.js';
import type { LoginAttempt } from './demo-evidence.js';

/**
 * The logins this run has sent, and whether one was throttled. A probe run sees only its own
 * input, but several checks may ask for overlapping accounts with different options (two probe
 * inputs): the ledger makes "one login per account per run" hold across them, and lets a later
 * check read the answer of a login that an earlier one sent.
 *
 * The runner hands every probe of one run the same NetOptions object, so the ledger hangs off
 * that object (a WeakMap: it goes when the run does). A ProbeContext field for per-run state
 * would be cleaner; until then this is the run's scope. A login is entered before its request
 * goes out, with no await in between, so two probe runs in parallel can never both send it.
 */
export interface LoginLedger {
  /** loginKey() -> the attempt (in flight or done). */
  readonly sent: Map<string, Promise<LoginAttempt>>;
  /** The first login that answered 429: after it nothing more is sent in this run. */
  throttledAt?: { url: string; username: string };
}

const ledgers = new WeakMap<NetOptions, LoginLedger>();

export function ledgerFor(net: NetOptions): LoginLedger {
  let ledger = ledgers.get(net);
  if (!ledger) {
    ledger = { sent: new Map() };
    ledgers.set(net, ledger);
  }
  return ledger;
}
