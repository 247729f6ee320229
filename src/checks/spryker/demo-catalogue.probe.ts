import type { Dispatcher } from 'undici';
import { dispatcherFor } from '../../net/http.js';
import { ACCEPT_HTML, deadline, headerText } from '../http/client.js';
import { ProbeError, type Probe, type ProbeContext } from '../types.js';
import { call, parseJson, recorded, textAt } from './demo-client.js';
import type { DemoCatalogueEvidence, PageLookup, ProductLookup } from './demo-evidence.js';
import { DemoCatalogueInput, joinUrl } from './demo-inputs.js';

export { DemoCatalogueInput } from './demo-inputs.js';

/**
 * Looks for the public demo catalogue without logging in: Glue's abstract products by SKU and
 * the demo CMS pages on the storefront, plus one path that cannot exist, to tell a catch-all
 * storefront (200 for anything) from real demo pages.
 */

/** Texts of the public demo data that a real shop has no reason to show. */
const MARKERS = ['info@spryker.com', 'Canon IXUS 160', 'Our Favourite Workspace Bundle'];
const CONTROL_PATH = '/en/golive-check-no-such-page-5c1e';
const PAGE_BYTES = 512 * 1024;

interface Shared {
  dispatcher: Dispatcher;
  signal: AbortSignal;
  errors: ProbeError[];
  demoShop: boolean;
}

function failed(s: Shared, err: unknown): ReturnType<typeof recorded> {
  s.errors.push(err instanceof ProbeError ? err : new ProbeError('NETWORK', String(err)));
  return recorded(err);
}

async function product(glueUrl: string, sku: string, s: Shared): Promise<ProductLookup> {
  const url = joinUrl(glueUrl, `abstract-products/${encodeURIComponent(sku)}`);
  try {
    const a = await call(s.dispatcher, url, { method: 'GET', headers: { accept: 'application/vnd.api+json' } }, s.signal);
    s.demoShop ||= a.demoShop;
    const name = textAt(parseJson(a.body), 'data', 'attributes', 'name');
    return { sku, url, status: a.status, ...(name ? { name: name.slice(0, 120) } : {}) };
  } catch (err) {
    return { sku, url, error: failed(s, err) };
  }
}

const titleOf = (html: string) => /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.trim().slice(0, 120);

async function page(yvesUrl: string, path: string, s: Shared): Promise<PageLookup> {
  const url = joinUrl(yvesUrl, path);
  try {
    const a = await call(s.dispatcher, url, { method: 'GET', headers: { accept: ACCEPT_HTML }, limit: PAGE_BYTES }, s.signal);
    s.demoShop ||= a.demoShop;
    const location = headerText(a.headers, 'location');
    const title = titleOf(a.body);
    const basicAuth = a.status === 401 && /^\s*basic\b/i.test(headerText(a.headers, 'www-authenticate') ?? '');
    return {
      path, url, status: a.status,
      ...(location ? { location: new URL(location, url).toString() } : {}),
      ...(title ? { title } : {}),
      markers: MARKERS.filter((m) => a.body.includes(m)),
      ...(basicAuth ? { basicAuth } : {}),
    };
  } catch (err) {
    return { path, url, markers: [], error: failed(s, err) };
  }
}

async function run(input: DemoCatalogueInput, ctx: ProbeContext): Promise<DemoCatalogueEvidence> {
  const signal = deadline(ctx.signal, ctx.net.timeoutMs);
  const dispatcher = dispatcherFor(ctx.net, signal);
  const s: Shared = { dispatcher, signal, errors: [], demoShop: false };
  try {
    const yves = input.yvesUrl;
    const [products, pages, control] = await Promise.all([
      Promise.all(input.skus.map((sku) => product(input.glueUrl, sku, s))),
      yves === null ? [] : Promise.all(input.pages.map((p) => page(yves, p, s))),
      yves === null || input.pages.length === 0 ? undefined : page(yves, CONTROL_PATH, s),
    ]);
    const asked = products.length + pages.length + (control ? 1 : 0);
    // Every request failed: that is an error of the probe, not evidence.
    if (asked > 0 && s.errors.length === asked) throw s.errors[0]!;
    if (ctx.signal.aborted) throw new ProbeError('ABORTED', 'spryker/demo-catalogue: cancelled');
    return { products, pages, ...(control ? { control } : {}), ...(s.demoShop ? { demoShop: true } : {}) };
  } finally {
    await dispatcher.destroy();
  }
}

export const demoCatalogueProbe: Probe<DemoCatalogueInput, DemoCatalogueEvidence> = {
  id: 'spryker/demo-catalogue',
  description: 'Looks up demo SKUs on Glue and the demo CMS pages on the storefront (no login), with a control path for catch-all storefronts.',
  input: DemoCatalogueInput,
  run,
};
