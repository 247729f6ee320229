// A Spryker-like test shop per test file: one certificate for its hosts, every shop closed afterwards.
import { afterAll, beforeAll } from 'vitest';
import { startSprykerShop, type ShopHosts, type ShopProblems, type SprykerShop } from '../../src/demo/spryker/shop.js';
import { makeCertificates, type Certificates } from './certs.js';

/** Hosts under `domain`: www, glue, glue-backend and backoffice. */
export const shopHosts = (domain: string): ShopHosts => ({ yves: `www.${domain}`, glue: `glue.${domain}`, glueBackend: `glue-backend.${domain}`, backoffice: `backoffice.${domain}` });

/**
 * Registers beforeAll/afterAll hooks and returns `shop(problems)` to start one; `ca()` is the root
 * to trust (NetOptions.ca). Call it at the top of a test file.
 */
export function useSprykerShops(hosts: ShopHosts): { shop(problems?: Partial<ShopProblems>): Promise<SprykerShop>; ca(): string[] } {
  let certs: Certificates | undefined;
  let tls: { key: string; cert: string; chain: string } | undefined;
  const shops: SprykerShop[] = [];
  beforeAll(async () => {
    certs = await makeCertificates();
    tls = await certs.leafFor(Object.values(hosts).filter((h): h is string => Boolean(h)));
  });
  afterAll(async () => {
    await Promise.all(shops.map((s) => s.close()));
  });
  return {
    shop: async (problems = {}) => {
      if (!tls) throw new Error('useSprykerShops: the certificates are made in beforeAll');
      const s = await startSprykerShop({ hosts, problems, tls });
      shops.push(s);
      return s;
    },
    ca: () => certs?.ca ?? [],
  };
}
