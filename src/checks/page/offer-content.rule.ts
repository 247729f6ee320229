import type { z } from 'zod';
import type { UrlTarget } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, verdictFrom, warn } from '../verdict.js';
import { MAX_LAZY_IMAGES, type PageEvidence } from './evidence.js';
import { normalLoad, notDeclared, PAGE_TARGET_HELP, pageOptions, pageTarget } from './rule-kit.js';

export const OfferContentOptions = pageOptions({});
export type OfferContentOptions = z.infer<typeof OfferContentOptions>;

const meta: RuleMeta = {
  id: 'page/offer-content',
  probe: 'page/load',
  title: 'Personalised content is complete',
  failureTitle: 'Personalised content shows template leftovers or broken links',
  description:
    'Reads the text, links and images of the declared slots after personalisation: no unresolved template tokens (`${…}`, `{{…}}`, ' +
    '`[%…%]`, FreeMarker `<#…>`), no visible "undefined", "null", "NaN" or "[object Object]", every image loaded (a lazy image below the ' +
    'window is fetched instead), and every link answers below 400 (fetched with the run\'s network controls). A fetched image or link ' +
    'answering 401, 403 or 429, which bot and hotlink protection give non-browsers, only warns. Offers are written in the platform, outside the site\'s release process; a ' +
    'missing guest attribute or a typo in a template shows to every visitor of the experience.',
  docs: 'docs/rules/page/offer-content.md',
  targetHelp: PAGE_TARGET_HELP,
  examples: [{ target: 'https://www.example.com/', with: { consent: '#accept', slots: [{ name: 'hero', selector: '#hero' }] } }],
};

const TOKENS: [RegExp, string][] = [[/\$\{[^}]*\}/, '${…}'], [/\{\{[^}]*\}\}/, '{{…}}'], [/\[%[^\]]*%\]/, '[%…%]'], [/<#[^>]*>/, '<#…>']];
/** Answers a bot protection gives a request that is not from a browser: a warning, not a broken link. */
const REFUSED = new Set([401, 403, 429]);
const PLACEHOLDERS = /\b(undefined|null|NaN)\b|\[object Object\]/;

function findings(e: PageEvidence): Finding[] {
  const out: Finding[] = [];
  for (const s of e.slots.filter((x) => x.found)) {
    const text = s.text ?? '';
    for (const [re, shape] of TOKENS) {
      const m = re.exec(text);
      if (m) out.push(fail('unresolved-token', `slot ${s.name} shows an unresolved ${shape} token: "${m[0]}"`, 'give the template a default for every variable (FreeMarker: ${name!"default"}) and test the offer with a guest that lacks the data', e.url));
    }
    const p = PLACEHOLDERS.exec(text);
    if (p) out.push(fail('placeholder-text', `slot ${s.name} shows "${p[0]}"`, 'the page renders a missing value as text: check the decision\'s fields and the code that renders them', e.url));
    for (const img of (s.images ?? []).filter((i) => !i.loaded)) {
      if (!img.lazy) out.push(fail('image-broken', `slot ${s.name}: image ${img.src} did not load`, 'fix the image URL in the offer, or the asset', img.src));
      else if (img.status === undefined && img.error === undefined) {
        const why = /^https?:/i.test(img.src) ? `golive fetches at most ${MAX_LAZY_IMAGES}` : 'it has no plain http(s) src to fetch, e.g. only a srcset';
        out.push(warn('image-not-checked', `slot ${s.name}: lazy image ${img.src || '(no src)'} was not shown yet and not fetched (${why})`, 'scroll it into view with a journey step, or check it by hand', img.src || undefined));
      } else if (img.status !== undefined && REFUSED.has(img.status)) {
        out.push(warn('image-refused', `slot ${s.name}: lazy image ${img.src} (not shown yet) answered ${img.status} to golive`, 'hotlink or bot protection often refuses requests that are not from a browser: check the image in a browser', img.src));
      } else if (img.error !== undefined || (img.status ?? 0) >= 400) {
        out.push(fail('image-broken', `slot ${s.name}: lazy image ${img.src} (not shown yet, fetched by golive) ${img.error ? `failed: ${img.error}` : `answered ${img.status}`}`, 'fix the image URL in the offer, or the asset', img.src));
      }
    }
  }
  for (const l of e.links.filter((x) => x.error !== undefined || (x.status ?? 0) >= 400)) {
    if (l.status !== undefined && REFUSED.has(l.status)) out.push(warn('link-refused', `a slot links to ${l.url}, which answered ${l.status} to golive`, 'bot protection often refuses requests that are not from a browser: open the link in a browser to be sure, or allow golive\'s address', l.url));
    else out.push(fail('link-broken', `a slot links to ${l.url}, which ${l.error ? `failed: ${l.error}` : `answered ${l.status}`}`, 'fix the link in the offer, or the target page', l.url));
  }
  return out;
}

export const offerContentRule: Rule<UrlTarget, OfferContentOptions, PageEvidence> = {
  meta,
  ...pageTarget,
  options: OfferContentOptions,
  probeInput: normalLoad,
  judge: (e) => (e.slots.length === 0
    ? notDeclared(meta, 'no slots declared', 'declare the personalised slots, e.g. slots: [{name: hero, selector: "#hero"}]')
    : verdictFrom(meta, findings(e), `${e.slots.length} slot(s), ${e.links.length} link(s) checked`)),
};
