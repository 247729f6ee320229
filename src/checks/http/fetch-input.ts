import { z } from 'zod';

/** The input of http/fetch, kept apart from the probe so that pure rules can build it. */

export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

export const FetchInput = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  method: z.enum(['GET', 'HEAD']).default('GET'),
  follow: z.boolean().default(true),
  maxRedirects: z.number().int().min(0).max(30).default(10),
  maxBodyBytes: z.number().int().min(0).max(64 * 1024 * 1024).default(DEFAULT_MAX_BODY_BYTES),
  headers: z.record(z.string(), z.string()).default({}),
  /** Parse the final body as robots.txt into evidence.final.robots. */
  robots: z.boolean().default(false),
});
export type FetchInput = z.infer<typeof FetchInput>;

/**
 * The complete input for a URL, every default spelled out, so that rules asking for the same URL
 * produce identical inputs and share one probe run.
 */
export function fetchInput(url: string, overrides: Partial<FetchInput> = {}): FetchInput {
  return { url, method: 'GET', follow: true, maxRedirects: 10, maxBodyBytes: DEFAULT_MAX_BODY_BYTES, headers: {}, robots: false, ...overrides };
}
