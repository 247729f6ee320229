import { describe, expect, it } from 'vitest';
import { compare, ruleCtx, type RuleCase } from '../http/test-helpers.js';
import { demoCatalogueRule } from './demo-catalogue.rule.js';
import type { DemoCatalogueEvidence, PageLookup, ProductLookup } from './demo-evidence.js';

const GLUE = 'https://glue.shop.example.com';
const YVES = 'https://www.shop.example.com';

const product = (status: number, name?: string): ProductLookup => ({ sku: '001', url: `${GLUE}/abstract-products/001`, status, ...(name ? { name } : {}) });
const page = (path: string, status: number, extra: Partial<PageLookup> = {}): PageLookup => ({ path, url: `${YVES}${path}`, status, markers: [], ...extra });
const control = (status: number) => page('/en/golive-check-no-such-page-5c1e', status);
const ev = (products: ProductLookup[], pages: PageLookup[] = [], ctl?: PageLookup): DemoCatalogueEvidence => ({ products, pages, ...(ctl ? { control: ctl } : {}) });

const valid: RuleCase<DemoCatalogueEvidence>[] = [
  { name: 'product and pages not found', evidence: ev([product(404)], [page('/en/demo-landing-page', 404), page('/en/lorem', 404)], control(404)), status: 'pass', codes: [] },
  { name: 'SKU 001 is a product of the shop\'s own', evidence: ev([product(200, 'Garden chair')]), status: 'pass', codes: [] },
  { name: 'demo page redirects to the home page', evidence: ev([product(404)], [page('/en/demo-landing-page', 301, { location: `${YVES}/en` })], control(404)), status: 'pass', codes: [] },
  { name: 'Glue only', evidence: ev([product(404)]), status: 'pass', codes: [] },
];

const invalid: RuleCase<DemoCatalogueEvidence>[] = [
  { name: 'the demo product is live', evidence: ev([product(200, 'Canon IXUS 160')]), status: 'fail', codes: ['demo-product-live'] },
  { name: 'the B2B demo bundle, with another name list', evidence: ev([{ ...product(200, 'Bundle Z'), sku: 'B0001' }]), options: { demoNames: ['Bundle Z'] }, status: 'fail', codes: ['demo-product-live'] },
  { name: 'a demo CMS page is live', evidence: ev([product(404)], [page('/en/demo-landing-page', 200), page('/en/lorem', 404)], control(404)), status: 'fail', codes: ['demo-cms-page-live'] },
  { name: 'a catch-all storefront proves nothing', evidence: ev([product(404)], [page('/en/demo-landing-page', 200), page('/en/lorem', 200)], control(200)), status: 'warn', codes: ['storefront-answers-anything'] },
  { name: 'a catch-all storefront showing demo text still fails', evidence: ev([product(404)], [page('/en/demo-landing-page', 200, { markers: ['info@spryker.com'] })], control(200)), status: 'fail', codes: ['demo-cms-page-live'] },
  { name: 'storefront behind basic auth', evidence: ev([product(404)], [page('/en/demo-landing-page', 401, { basicAuth: true }), page('/en/lorem', 401, { basicAuth: true })], { ...control(401), basicAuth: true }), status: 'warn', codes: ['storefront-behind-basic-auth'] },
  { name: 'Glue refuses the lookup', evidence: ev([product(403)]), status: 'warn', codes: ['catalogue-not-verified'] },
  { name: 'a page errors', evidence: ev([product(404)], [{ path: '/en/lorem', url: `${YVES}/en/lorem`, markers: [], error: { code: 'TIMEOUT', message: 'slow' } }]), status: 'warn', codes: ['catalogue-not-verified'] },
  { name: 'a page answers 500', evidence: ev([product(404)], [page('/en/lorem', 500)], control(404)), status: 'warn', codes: ['catalogue-not-verified'] },
];

describe('spryker/demo-catalogue', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(demoCatalogueRule, c);
    expect(got, summary).toEqual(want);
  });

  it('names the product and says when the answers came from golive\'s test shop', () => {
    const v = demoCatalogueRule.judge({ ...ev([product(200, 'Canon IXUS 160')]), demoShop: true }, demoCatalogueRule.options.parse({}), ruleCtx);
    expect(v.summary).toBe('Demo catalogue or demo CMS pages are live: abstract product 001 "Canon IXUS 160" of the demo catalogue is live on Glue');
    expect(v.findings.map((f) => f.code)).toEqual(['demo-product-live', 'golive-demo-shop']);
  });

  it('asks the probe for the SKUs and pages, and for no storefront without yvesUrl', () => {
    expect(demoCatalogueRule.probeInput({ url: GLUE }, demoCatalogueRule.options.parse({}))).toEqual({ glueUrl: GLUE, yvesUrl: null, skus: ['001'], pages: ['/en/demo-landing-page', '/en/lorem', '/en/dolor'] });
    expect(demoCatalogueRule.probeInput({ url: GLUE }, demoCatalogueRule.options.parse({ yvesUrl: YVES, pages: ['/de/lorem'] }))).toMatchObject({ yvesUrl: YVES, pages: ['/de/lorem'] });
  });
});
