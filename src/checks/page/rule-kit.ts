/**
 * Pure helpers the page rules share: the URL target, the page options every rule takes (so rules
 * of one page share its load), and readers over the evidence.
 */
import { z } from 'zod';
import { UrlTarget, urlTargetFromString } from '../targets.js';
import type { Finding, RuleMeta, Verdict } from '../types.js';
import { fail, info } from '../verdict.js';
import type { PageEvidence, SitecoreCall } from './evidence.js';
import { pageInput, pageOptionShape, type PageInput, type PageOptions } from './inputs.js';

export const PAGE_TARGET_HELP = 'an http:// or https:// page URL; a bare host name means https://<host>/';

export const pageTarget = { target: UrlTarget, targetFromString: urlTargetFromString };

/** A rule's options: the shared page options plus its own (which stay out of the probe input). */
export function pageOptions<T extends z.core.$ZodLooseShape>(own: T) {
  return z.strictObject({ ...pageOptionShape, ...own });
}

export const normalLoad = (t: UrlTarget, o: PageOptions): PageInput => pageInput(t.url, o, false);
export const blockedLoad = (t: UrlTarget, o: PageOptions): PageInput => pageInput(t.url, o, true);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The event type a tracking call sent (VIEW, IDENTITY, ADD, ...). */
export function eventType(c: SitecoreCall): string | undefined {
  return c.kind === 'events' && isObject(c.body) && typeof c.body.type === 'string' ? c.body.type : undefined;
}

/** The flow a decision call asked for. */
export function friendlyId(c: SitecoreCall): string | undefined {
  return c.kind === 'decision' && isObject(c.body) && typeof c.body.friendlyId === 'string' ? c.body.friendlyId : undefined;
}

/** A call failed: aborted, refused, or answered with an error status. */
export const callFailed = (c: { status?: number; failure?: string }): boolean => c.failure !== undefined || (c.status !== undefined && c.status >= 400);

/** A call that got no answer before the page was captured (no status, no failure): it cannot count as accepted. */
export const callUnanswered = (c: { status?: number; failure?: string }): boolean => c.failure === undefined && c.status === undefined;

/** "GET /v1/personalize (404)" for messages. */
export function describeCall(c: SitecoreCall): string {
  let where = c.url;
  try {
    const u = new URL(c.url);
    where = `${u.host}${u.pathname}`;
  } catch {
    // keep the text
  }
  const outcome = c.failure ? ` (${c.failure})` : c.status !== undefined ? ` (${c.status})` : '';
  const what = eventType(c) ?? friendlyId(c);
  return `${c.method} ${where}${what ? ` [${what}]` : ''}${outcome}`;
}

/** A journey step failed: the checks that need the journey cannot vouch for it. */
export function journeyFindings(e: PageEvidence): Finding[] {
  if (e.journeyComplete) return [];
  const step = e.steps.find((s) => !s.ok);
  return [fail('journey-incomplete', `journey step "${step?.step ?? '?'}" failed: ${step?.error ?? 'unknown error'}`, 'fix the step\'s selector or value (the screenshot in the evidence shows the page as the check saw it), or the page', e.url)];
}

/** A verdict for a rule that has nothing to judge because the options declare nothing for it. */
export function notDeclared(meta: Pick<RuleMeta, 'title'>, what: string, hint: string): Verdict {
  return { status: 'skipped', summary: `Not checked: ${what}`, findings: [{ ...info('nothing-declared', `not checked: ${what}`), hint }] };
}
