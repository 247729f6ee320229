import type { Page } from 'playwright-core';
import { z } from 'zod';

/**
 * A short journey declared in YAML: goto, click, fill, wait. Values typed into fields come either
 * as plain text (`value`) or from an environment variable named by `secret`, read when the page
 * check runs: the value is never part of golive.yaml, the check's options or its evidence.
 */
const selector = z.string().min(1).describe('A CSS selector (or any Playwright selector), e.g. #login button[type=submit].');
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const Step = z.union([
  z.strictObject({ goto: z.string().min(1).describe('A URL, or a path relative to the page, e.g. /account/login.') }),
  z.strictObject({ click: selector }),
  z.strictObject({
    fill: selector,
    value: z.string().optional().describe('The text to type (not secret).'),
    secret: z.string().regex(ENV_NAME, { message: 'expected an environment variable name such as SHOP_TEST_PASSWORD' }).optional()
      .describe('Name of an environment variable holding the text (a password): read when the check runs, never stored.'),
  }).refine((s) => (s.value === undefined) !== (s.secret === undefined), { message: 'give either value or secret' }),
  z.strictObject({ waitFor: selector.describe('Wait until an element matching this selector is visible.') }),
  z.strictObject({ wait: z.number().int().min(0).max(30_000).describe('Wait this many milliseconds.') }),
]).describe('One journey step: {goto}, {click}, {fill, value|secret}, {waitFor} or {wait}.');
export type Step = z.infer<typeof Step>;

/** A step as evidence shows it: what was done, never a typed value. */
export function describeStep(step: Step): string {
  if ('goto' in step) return `goto ${step.goto}`;
  if ('click' in step) return `click ${step.click}`;
  if ('fill' in step) return step.secret !== undefined ? `fill ${step.fill} from $${step.secret}` : `fill ${step.fill}`;
  if ('waitFor' in step) return `wait for ${step.waitFor}`;
  return `wait ${step.wait} ms`;
}

/** Thrown when a step needs a secret that is not in the environment: the journey cannot be run as declared. */
export class MissingSecret extends Error {
  constructor(readonly variable: string) {
    super(`the environment variable ${variable} is not set`);
  }
}

/**
 * Runs one step. Element steps wait at most `timeoutMs` for their element; after a click or a
 * goto the page's load event is awaited, so the next step sees the new page.
 */
export async function runStep(page: Page, step: Step, base: string, timeoutMs: number, secret: (name: string) => string | undefined): Promise<void> {
  if ('goto' in step) {
    await page.goto(new URL(step.goto, base).toString(), { waitUntil: 'load', timeout: 0 });
  } else if ('click' in step) {
    await page.click(step.click, { timeout: timeoutMs });
    await page.waitForLoadState('load', { timeout: 0 });
  } else if ('fill' in step) {
    const text = step.secret !== undefined ? secret(step.secret) : step.value;
    if (text === undefined) throw new MissingSecret(step.secret ?? '');
    await page.fill(step.fill, text, { timeout: timeoutMs });
  } else if ('waitFor' in step) {
    await page.waitForSelector(step.waitFor, { state: 'visible', timeout: timeoutMs });
  } else {
    await page.waitForTimeout(step.wait);
  }
}
