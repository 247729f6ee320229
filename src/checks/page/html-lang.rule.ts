import { z } from 'zod';
import { normaliseLanguage } from '../../data/codes.js';
import type { UrlTarget } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, verdictFrom } from '../verdict.js';
import type { PageEvidence } from './evidence.js';
import { normalLoad, PAGE_TARGET_HELP, pageOptions, pageTarget } from './rule-kit.js';

export const HtmlLangOptions = pageOptions({
  languages: z.array(z.string().regex(/^[A-Za-z]{2}$/, { message: 'expected an ISO 639-1 code such as EN' })).default([])
    .describe('The site\'s languages (ISO 639-1, e.g. [EN, DE]); default: the languages declared under cdp: in golive.yaml, else any ISO 639-1 code.'),
});
export type HtmlLangOptions = z.infer<typeof HtmlLangOptions>;

const meta: RuleMeta = {
  id: 'page/html-lang',
  probe: 'page/load',
  title: 'The page declares its language in <html lang>',
  failureTitle: 'The page\'s <html lang> is missing or wrong',
  description:
    'Reads `<html lang>` from the rendered page. The Cloud SDK takes every event\'s `language` from it (`en-GB` becomes `EN`): without it events ' +
    'carry no language, a tag that is not a valid locale makes the SDK throw before sending, and a wrong language splits reports and ' +
    'targets the wrong content. The primary subtag must be an ISO 639-1 code (the pinned list of golive data validate) and one of the site\'s ' +
    'languages (the `languages` option, else `cdp.languages` from golive.yaml).',
  docs: 'docs/rules/page/html-lang.md',
  targetHelp: PAGE_TARGET_HELP,
  examples: [{ target: 'https://www.example.com/de/', with: { languages: ['DE'] } }],
};

const HINT = 'set <html lang="…"> to the page\'s language as a BCP 47 tag whose first part is ISO 639-1, e.g. lang="en-GB" or lang="de"';

/** Whether the SDK's Intl.Locale accepts the tag (it throws on one it does not). */
function validTag(tag: string): boolean {
  try {
    new Intl.Locale(tag);
    return true;
  } catch {
    return false;
  }
}

function findings(e: PageEvidence, o: HtmlLangOptions): Finding[] {
  const lang = e.lang?.trim() ?? '';
  if (lang === '') return [fail('lang-missing', `${e.finalUrl} has no lang attribute on <html>`, `${HINT}; the SDK then sends events without a language`, e.url)];
  if (!validTag(lang)) return [fail('lang-invalid-tag', `lang="${lang}" is not a valid language tag (the Cloud SDK throws on it before sending events)`, `${HINT}; use a hyphen, not an underscore`, e.url)];
  const code = normaliseLanguage(lang);
  if (code === null) return [fail('lang-not-iso-639-1', `lang="${lang}" does not start with an ISO 639-1 code`, HINT, e.url)];
  const site = o.languages.length > 0 ? o.languages.map((l) => l.toUpperCase()) : e.declared.languages ?? [];
  if (site.length > 0 && !site.includes(code)) return [fail('lang-not-site-language', `lang="${lang}" (${code}) is not one of the site's languages ${site.join(', ')}`, `${HINT}; or add ${code} to the site's languages`, e.url)];
  return [];
}

export const htmlLangRule: Rule<UrlTarget, HtmlLangOptions, PageEvidence> = {
  meta,
  ...pageTarget,
  options: HtmlLangOptions,
  probeInput: normalLoad,
  judge: (e, o) => verdictFrom(meta, findings(e, o), `lang="${e.lang ?? ''}" (${normaliseLanguage(e.lang ?? '') ?? '?'})`),
};
