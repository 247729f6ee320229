import { z } from 'zod';

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
}

export function cdpFacts(input: CdpInput | undefined): CdpFacts {
  return {
    pointsOfSale: input?.pointsOfSale ?? [],
    identityRules: input?.identityRules ?? [],
    languages: input?.languages ?? [],
    currencies: input?.currencies ?? [],
    customEvents: input?.customEvents ?? [],
    extensions: input?.extensions ?? [],
  };
}
