import type { LoginKind, ShopProblems } from './types.js';

/** The password every account of the public demo data uses. */
export const DEMO_PASSWORD = 'change123';

const SPRYKER_CUSTOMERS = ['spencor.hopkin', 'maria.williams', 'maggie.may', 'bill.martin', 'george.freeman', 'henry.tudor', 'anne.boleyn', 'solomon', 'richi', 'karl', 'sarah', 'elizabet', 'donald', 'trever.m', 'sonia'];
const OTTOM_CUSTOMERS = ['andrew', 'ahill', 'alexa', 'frida', 'lisa', 'kim'];

/** The B2C demo customers (lower case; logins compare case-insensitively). */
export const DEMO_CUSTOMERS: readonly string[] = [...SPRYKER_CUSTOMERS.map((n) => `${n}@spryker.com`), ...OTTOM_CUSTOMERS.map((n) => `${n}@ottom.de`)];

/** The installer's Back Office users; only the first one is an agent. */
export const DEMO_ADMINS: readonly string[] = ['admin@spryker.com', 'admin_de@spryker.com'];
const DEMO_AGENTS: readonly string[] = ['admin@spryker.com'];

/** Who may log in as what while the matching problem is planted. */
const ACCOUNTS: Record<LoginKind, { users: readonly string[]; planted: (p: ShopProblems) => boolean }> = {
  customer: { users: DEMO_CUSTOMERS, planted: (p) => p.demoCustomersLogIn },
  agent: { users: DEMO_AGENTS, planted: (p) => p.demoAdminLogsIn },
  'backoffice-user': { users: DEMO_ADMINS, planted: (p) => p.demoAdminLogsIn },
};

export type LoginResult = 'ok' | 'rejected' | 'throttled';

/**
 * Checks logins and counts failures per account and kind, as the demo shops' brute-force blocker
 * does: once an account has `throttleAfter` failures, every further login for it answers 429,
 * even with the right password.
 */
export class AccountBook {
  private readonly failures = new Map<string, number>();

  constructor(private readonly problems: ShopProblems) {}

  login(kind: LoginKind, username: string, password: string): LoginResult {
    const key = `${kind}:${username.toLowerCase()}`;
    const failed = this.failures.get(key) ?? 0;
    if (failed >= this.problems.throttleAfter) return 'throttled';
    const account = ACCOUNTS[kind];
    if (account.planted(this.problems) && account.users.includes(username.toLowerCase()) && password === DEMO_PASSWORD) return 'ok';
    this.failures.set(key, failed + 1);
    return 'rejected';
  }
}
