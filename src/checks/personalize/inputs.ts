/**
 * The inputs of the personalize probes, apart from the probes so that pure rules can build them.
 * An input names the environment variables holding the credentials, never their values.
 */
import { z } from 'zod';

const Base = z.url({ protocol: /^https?$/ });
const Variable = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/);

/** Where the API is and how to sign in: shared by every personalize probe. */
export const ApiInput = z.strictObject({
  baseUrl: Base,
  auth: z.enum(['oauth', 'basic']),
  tokenUrl: Base,
  apiKeyVariable: Variable,
  apiSecretVariable: Variable,
});
export type ApiInput = z.infer<typeof ApiInput>;

export const FlowsInput = ApiInput;
export type FlowsInput = ApiInput;

export const ConnectionsInput = ApiInput;
export type ConnectionsInput = ApiInput;

/** One fixture guest for a decision model test, as sent (expectations stay with the rule). */
export const DecisionFixture = z.strictObject({
  name: z.string().min(1).max(100),
  model: z.string().min(1).max(200),
  variant: z.string().min(1).max(200).optional(),
  channel: z.string().min(1).max(40),
  guest: z.record(z.string(), z.unknown()),
  context: z.record(z.string(), z.unknown()),
});
export type DecisionFixture = z.infer<typeof DecisionFixture>;

export const DecisionTestsInput = ApiInput.extend({ tests: z.array(DecisionFixture).max(50) });
export type DecisionTestsInput = z.infer<typeof DecisionTestsInput>;

/** A Personalize ref: a UUID. Anything else is looked up by name. */
export const isRef = (text: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
