import { z } from 'zod';
import type { UrlTarget } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { DemoCatalogueEvidence, PageLookup, ProductLookup } from './demo-evidence.js';
import type { DemoCatalogueInput } from './demo-inputs.js';
import { APP_URL_HELP, appUrlParts, demoShopFindings, HttpUrlOption } from './demo-rule-kit.js';

export const DemoCatalogueOptions = z.strictObject({
  yvesUrl: HttpUrlOption.optional().describe('Base URL of the storefront (Yves), where the demo CMS pages are looked for. Leave out to check Glue only.'),
  skus: z.array(z.string().min(1).max(64)).max(20).default(['001']).describe('Abstract product SKUs of the demo catalogue to look up on Glue (B2C: 001 "Canon IXUS 160"; B2B: B0001).'),
  pages: z.array(z.string().regex(/^\//, 'a path starting with /')).max(20).default(['/en/demo-landing-page', '/en/lorem', '/en/dolor']).describe('Storefront paths of the demo CMS pages.'),
  demoNames: z.array(z.string().min(1)).default(['Canon IXUS 160', 'Our Favourite Workspace Bundle']).describe('Product names of the demo catalogue: a SKU answering with one of them is demo data; another name is your own product.'),
});
export type DemoCatalogueOptions = z.infer<typeof DemoCatalogueOptions>;

const meta: RuleMeta = {
  id: 'spryker/demo-catalogue',
  probe: 'spryker/demo-catalogue',
  title: 'No demo catalogue or demo CMS pages are live',
  failureTitle: 'Demo catalogue or demo CMS pages are live',
  description:
    'Looks for the public demo data without logging in: Glue `GET /abstract-products/001` (the demo\'s "Canon IXUS 160") and the demo CMS ' +
    'pages on the storefront (`/en/demo-landing-page`, `/en/lorem`, `/en/dolor`). Demo products and pages on a live shop mean the production ' +
    'install imported the demo data, and with it, usually, the demo customers and their shared password. A path that cannot exist is requested ' +
    'too, so that a storefront answering 200 for anything is not mistaken for one that shows the demo pages.',
  docs: 'docs/rules/spryker/demo-catalogue.md',
  targetHelp: APP_URL_HELP,
  examples: [
    { target: 'https://glue.shop.example.com', with: { yvesUrl: 'https://www.shop.example.com' } },
    { target: 'https://glue.b2b.example.com', with: { skus: ['B0001'], pages: [] } },
  ],
};

const HINT = {
  demo: 'the production install imported demo data: remove it (and the demo customers it brings), and make sure the normal install recipe has no demodata section',
  notVerified: 'the lookup did not get a clear answer: check the URL, any basic auth or WAF in front, and run again',
  basicAuth: 'the storefront asks for basic auth, so its pages could not be seen; remove basic auth before go-live (http/no-basic-auth checks it) and run again',
  anything: 'the storefront answers 200 for a path that cannot exist, so a 200 for a demo page proves nothing; open the demo pages in a browser, and consider answering 404 for unknown paths',
};

function productFindings(p: ProductLookup, demoNames: string[]): Finding[] {
  if (p.error) return [warn('catalogue-not-verified', `${p.url}: ${p.error.code} ${p.error.message}`, HINT.notVerified, p.url)];
  if (p.status === 404) return [];
  if (p.status === 200) {
    const name = p.name ?? '';
    const demo = demoNames.some((d) => name.toLowerCase().includes(d.toLowerCase()));
    return demo
      ? [fail('demo-product-live', `abstract product ${p.sku} "${name}" of the demo catalogue is live on Glue`, HINT.demo, p.url)]
      : [info('sku-in-use', `abstract product ${p.sku} exists as "${name || 'no name'}", not a demo product`, p.url)];
  }
  return [warn('catalogue-not-verified', `${p.url} answered ${p.status ?? 'nothing'} for the demo SKU ${p.sku}`, HINT.notVerified, p.url)];
}

/** Answers that show no page: redirects and "not found". */
const ABSENT = new Set([301, 302, 303, 307, 308, 404, 410]);

function pageFindings(p: PageLookup, catchAll: boolean): Finding[] {
  if (p.error) return [warn('catalogue-not-verified', `${p.url}: ${p.error.code} ${p.error.message}`, HINT.notVerified, p.url)];
  if (p.basicAuth || p.status === undefined || ABSENT.has(p.status)) return [];
  if (p.status !== 200) return [warn('catalogue-not-verified', `${p.url} answered ${p.status}`, HINT.notVerified, p.url)];
  const marks = p.markers.length ? ` (shows ${p.markers.join(', ')})` : '';
  if (catchAll && !p.markers.length) return [];
  return [fail('demo-cms-page-live', `the demo CMS page ${p.path} is live${marks}`, HINT.demo, p.url)];
}

function storefrontFindings(e: DemoCatalogueEvidence): Finding[] {
  const catchAll = e.control?.status === 200;
  const findings = e.pages.flatMap((p) => pageFindings(p, catchAll));
  if (e.pages.some((p) => p.basicAuth)) findings.push(warn('storefront-behind-basic-auth', 'the storefront asked for basic auth: its demo pages could not be looked at', HINT.basicAuth, e.pages[0]?.url));
  const unproven = e.pages.filter((p) => p.status === 200 && !p.markers.length);
  if (catchAll && unproven.length) findings.push(warn('storefront-answers-anything', `${e.control?.url ?? 'a made-up path'} answered 200, so ${unproven.length} demo page(s) answering 200 prove nothing`, HINT.anything, e.control?.url));
  return findings;
}

export const demoCatalogueRule: Rule<UrlTarget, DemoCatalogueOptions, DemoCatalogueEvidence> = {
  meta,
  ...appUrlParts,
  options: DemoCatalogueOptions,
  probeInput: (target, options): DemoCatalogueInput => ({ glueUrl: target.url, yvesUrl: options.yvesUrl ?? null, skus: options.skus, pages: options.pages }),
  judge(e, options) {
    const findings = [...e.products.flatMap((p) => productFindings(p, options.demoNames)), ...storefrontFindings(e), ...demoShopFindings(e.demoShop)];
    const looked = e.products.length + e.pages.length;
    return verdictFrom(meta, findings, `${looked} demo SKU(s) and page(s) not found`);
  },
};
