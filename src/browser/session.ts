import type { Browser } from 'playwright-core';
import type { NetOptions, ProbeContext } from '../checks/types.js';
import { limiter } from '../runner/limit.js';
import { launchChromium } from './launch.js';
import { startResolverProxy, type ResolverProxy } from './resolver-proxy.js';
import { TrustCache } from './trust.js';

/** One Chromium and what its pages share: the trust checks of --ca-file and a cap on pages at once. */
export interface BrowserSession {
  browser: Browser;
  net: NetOptions;
  /** Set when the run has extra CAs: origins are verified by golive before the browser talks to them. */
  trust: TrustCache | undefined;
  /** Set when the run names DNS servers: the browser reaches every site through it (resolver-proxy.ts). */
  proxy: ResolverProxy | undefined;
  /** At most PAGES_AT_ONCE pages render at once, whatever the run's concurrency: timings stay honest on small machines. */
  page<T>(task: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const PAGES_AT_ONCE = 2;

export async function openSession(net: NetOptions): Promise<BrowserSession> {
  const proxy = net.resolvers.length > 0 ? await startResolverProxy(net) : undefined;
  let browser: Browser;
  try {
    browser = await launchChromium(net, process.env, proxy ? { server: proxy.url, username: proxy.username, password: proxy.password } : undefined);
  } catch (err) {
    await proxy?.close();
    throw err;
  }
  const slot = limiter(PAGES_AT_ONCE);
  return {
    browser,
    net,
    trust: net.ca.length > 0 ? new TrustCache(net) : undefined,
    proxy,
    page: (task) => slot(task),
    close: async () => {
      try {
        await browser.close();
      } finally {
        await proxy?.close();
      }
    },
  };
}

/**
 * The run's browser: launched by the first page check of a run and closed when the run ends
 * (the runner's shared resources). Outside a run (a probe called directly) the browser lives for
 * this one call.
 */
export async function withBrowser<T>(ctx: Pick<ProbeContext, 'net' | 'resources'>, task: (s: BrowserSession) => Promise<T>): Promise<T> {
  if (ctx.resources) {
    const session = await ctx.resources.use('browser', () => openSession(ctx.net), (s) => s.close());
    return task(session);
  }
  const session = await openSession(ctx.net);
  try {
    return await task(session);
  } finally {
    await session.close();
  }
}
