import { z } from 'zod';

const guest = z.string().min(1).describe('A test guest as the export identifies them (the match field), e.g. anna.test@example.com.');

const SegmentSizeSchema = z
  .strictObject({
    min: z.number().int().min(0).optional().describe('Fewest rows the export may have, e.g. 1000.'),
    max: z.number().int().min(0).optional().describe('Most rows the export may have, e.g. 5000.'),
    source: z.string().min(1).optional().describe('A source-system extract to count (CSV, TSV, NDJSON, JSON or Parquet, gzip or not; a path or a glob relative to golive.yaml), e.g. crm/newsletter-optin.csv: the export must have as many rows, within tolerance.'),
    sourceMatch: z.string().min(1).optional().describe('Count the distinct non-empty values of this source field instead of its rows, e.g. email.'),
    tolerance: z.number().min(0, { message: 'expected a share from 0 to 1, e.g. 0.05 for ±5%' }).max(1, { message: 'expected a share from 0 to 1, e.g. 0.05 for ±5%' }).optional().describe('Allowed difference from the source count as a share of it, 0 to 1, e.g. 0.05 for ±5% (default 0: the same count).'),
  })
  .refine((s) => s.min !== undefined || s.max !== undefined || s.source !== undefined, { message: 'size needs min, max or source' })
  .refine((s) => s.min === undefined || s.max === undefined || s.min <= s.max, { message: 'min is larger than max', path: ['min'] })
  .refine((s) => s.source !== undefined || (s.sourceMatch === undefined && s.tolerance === undefined), { message: 'sourceMatch and tolerance apply to a source count: add source', path: ['source'] })
  .describe('Expected size of the export: {min, max} rows, and/or {source, tolerance} (the row count of a source file, within a share of it).');

const SegmentSchema = z
  .strictObject({
    name: z.string().min(1).describe('Segment name as in the tenant (Segments), e.g. newsletter-subscribers.'),
    export: z.string().min(1).describe('The audience export of the segment (CSV or NDJSON as the platform exports it, gzip or not; a path or a glob relative to golive.yaml), e.g. exports/newsletter-subscribers.csv.'),
    match: z.string().min(1).optional().describe('The export field that identifies a guest (a CSV column or a JSON field, dotted for nested ones), e.g. email (default).'),
    includes: z.array(guest).optional().describe('Test guests the segment must contain, e.g. [anna.test@example.com].'),
    excludes: z.array(guest).optional().describe('Test guests the segment must not contain, e.g. [bob.optout@example.com].'),
    size: SegmentSizeSchema.optional(),
  })
  .refine((s) => s.includes !== undefined || s.excludes !== undefined || s.size !== undefined, { message: 'a segment needs at least one expectation: includes, excludes or size' })
  .describe('A segment and what its audience export must show.');

/** Segment names are unique; a guest is expected either in a segment or out of it, not both. */
const SegmentsSchema = z
  .array(SegmentSchema)
  .superRefine((segments, ctx) => {
    // Runs even when a segment has other problems (see `when`), so its entries are checked defensively.
    const seen = new Set<string>();
    const texts = (v: unknown) => (Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string') : []);
    for (const [i, s] of (segments as unknown[]).entries()) {
      if (typeof s !== 'object' || s === null) continue;
      const { name, includes, excludes } = s as { name?: unknown; includes?: unknown; excludes?: unknown };
      if (typeof name === 'string' && seen.has(name)) ctx.addIssue({ code: 'custom', message: `segment "${name}" is declared twice`, path: [i, 'name'] });
      if (typeof name === 'string') seen.add(name);
      const excluded = new Set(texts(excludes).map((g) => g.trim().toLowerCase()));
      for (const [j, g] of texts(includes).entries()) {
        if (excluded.has(g.trim().toLowerCase())) ctx.addIssue({ code: 'custom', message: `guest "${g}" is both included and excluded (compared ignoring case)`, path: [i, 'includes', j] });
      }
    }
  }, { when: (payload) => Array.isArray(payload.value) })
  .describe('Segment expectations golive data segments checks against audience exports (the platform has no API for segment members or counts).');

/**
 * Tenant facts of a Sitecore CDP / Personalize project that no public API lists (points of sale,
 * identity rules, ...): the team declares them in golive.yaml and `golive data validate` checks
 * exported events against the declaration.
 */
export const CdpSchema = z
  .strictObject({
    pointsOfSale: z
      .array(z.strictObject({
        name: z.string().min(1).describe('Point-of-sale name exactly as events carry it in `pos`, e.g. myshop-de.'),
        channel: z.string().min(1).optional().describe('Channel the point of sale serves, e.g. WEB.'),
        language: z.string().regex(/^[A-Z]{2}$/, { message: 'expected an uppercase ISO 639-1 code such as EN' }).optional().describe('Default language of the point of sale, uppercase ISO 639-1, e.g. DE.'),
      }))
      .optional()
      .describe('Points of sale set up in the tenant (Settings > Points of Sale); an event whose pos is not one of them is a violation.'),
    identityRules: z
      .array(z.string().min(1).describe('An identity-rule provider, e.g. email.'))
      .optional()
      .describe('Identity-rule providers in the tenant, in rule order; IDENTITY events must use them, case-sensitive.'),
    languages: z
      .array(z.string().regex(/^[A-Z]{2}$/, { message: 'expected an uppercase ISO 639-1 code such as EN' }))
      .optional()
      .describe('Languages events may carry, uppercase ISO 639-1, e.g. [EN, DE] (default: every ISO 639-1 code).'),
    currencies: z
      .array(z.string().regex(/^[A-Z]{3}$/, { message: 'expected an uppercase ISO 4217 code such as EUR' }))
      .optional()
      .describe('Currencies events may carry, uppercase ISO 4217, e.g. [EUR] (default: every ISO 4217 code).'),
    customEvents: z
      .array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, { message: 'expected an uppercase event type such as NEWSLETTER_SIGNUP' }))
      .optional()
      .describe('Custom event types the site sends, uppercase, e.g. [NEWSLETTER_SIGNUP].'),
    extensions: z
      .array(z.strictObject({
        name: z.string().min(1).describe('Extension key as events carry it in `ext`, e.g. loyaltyTier.'),
        minFillRate: z.number().min(0).max(1).optional().describe('Share of events that must carry the key, 0 to 1, e.g. 0.95.'),
      }))
      .optional()
      .describe('Event extension keys (ext) the team relies on.'),
    segments: SegmentsSchema.optional(),
  })
  .describe('Sitecore CDP / Personalize tenant facts no API lists: declare them so event exports can be checked against them.');

export type CdpInput = z.infer<typeof CdpSchema>;

/** The declared tenant facts with defaults: an empty list means "not declared". */
export interface CdpFacts {
  pointsOfSale: { name: string; channel?: string; language?: string }[];
  identityRules: string[];
  languages: string[];
  currencies: string[];
  customEvents: string[];
  extensions: { name: string; minFillRate?: number }[];
  segments: SegmentExpectation[];
}

export interface SegmentSize {
  min?: number;
  max?: number;
  source?: string;
  sourceMatch?: string;
  tolerance?: number;
}

/** A declared segment with defaults: match email, no guests listed. */
export interface SegmentExpectation {
  name: string;
  export: string;
  match: string;
  includes: string[];
  excludes: string[];
  size?: SegmentSize;
}

export function cdpFacts(input: CdpInput | undefined): CdpFacts {
  return {
    pointsOfSale: input?.pointsOfSale ?? [],
    identityRules: input?.identityRules ?? [],
    languages: input?.languages ?? [],
    currencies: input?.currencies ?? [],
    customEvents: input?.customEvents ?? [],
    extensions: input?.extensions ?? [],
    segments: (input?.segments ?? []).map((s) => ({
      name: s.name, export: s.export, match: s.match ?? 'email', includes: s.includes ?? [], excludes: s.excludes ?? [],
      ...(s.size ? { size: s.size } : {}),
    })),
  };
}
