/**
 * Pure helpers the spryker demo-data rules share: URL targets, URL options and the finding that
 * says an answer came from golive's own test shop. No I/O: rules import it.
 */
import { z } from 'zod';
import { UrlTarget, urlTargetFromString } from '../targets.js';
import type { Finding, RuleMeta, Verdict } from '../types.js';
import { info, verdictFrom } from '../verdict.js';

export const APP_URL_HELP = 'the base URL of the application, e.g. https://glue.shop.example.com (a bare host name means https://<host>/)';

/** The URL target the demo rules use (an application's base URL). */
export const appUrlParts = { target: UrlTarget, targetFromString: urlTargetFromString };

function isHttpUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** A URL option. A refined string rather than z.url(), so that the generated docs call its type "text". */
export const HttpUrlOption = z.string().refine(isHttpUrl, { message: 'expected an http:// or https:// URL such as https://glue-backend.shop.example.com' });

/**
 * The test shop in src/demo/spryker marks every answer. Saying so in the verdict keeps anyone
 * from reading a finding against it as a finding against a real Spryker shop.
 */
export function demoShopFindings(demoShop: boolean | undefined, subject?: string): Finding[] {
  return demoShop ? [info('golive-demo-shop', 'these answers came from golive\'s Spryker-like test shop on loopback, not from a Spryker installation', subject)] : [];
}

/** "a, b and 3 more" for messages. */
export function listOf(items: string[], max = 3): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/**
 * verdictFrom, but a warning reads as the failure title: for rules whose warnings are the failing
 * state at a milder severity ("open to everyone", "switched off"), "passes, with a warning" would mislead.
 */
export function verdictWarningAsFailure(meta: Pick<RuleMeta, 'title' | 'failureTitle'>, findings: Finding[], passDetail?: string): Verdict {
  const v = verdictFrom(meta, findings, passDetail);
  const warned = findings.find((f) => f.severity === 'warn');
  return v.status === 'warn' && warned ? { ...v, summary: `${meta.failureTitle}: ${warned.message}` } : v;
}
