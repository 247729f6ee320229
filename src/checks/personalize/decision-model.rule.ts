import { z } from 'zod';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, verdictFrom } from '../verdict.js';
import { answeredFindings } from './decision-judge.js';
import type { DecisionTest, DecisionTestsEvidence } from './evidence.js';
import type { DecisionTestsInput } from './inputs.js';
import { apiInput, apiOptions, OPT_IN, TARGET_HELP, targetParts, type ApiTarget } from './options.js';
import { count, judgeable, listOf } from './rule-kit.js';

const Expectation = z
  .strictObject({
    node: z.string().min(1).max(200).optional().describe('The node whose outputs hold it, by name or id (default: any node).'),
    output: z.unknown().describe('What an output must contain: an object matches when its keys match (extra keys allowed), a list when each item is found.'),
  })
  .refine((x) => x.output !== undefined, { message: 'an expectation needs output', path: ['output'] });

const Fixture = z.strictObject({
  name: z.string().min(1).max(100).describe('A name for the test in findings, e.g. vip-returning.'),
  model: z.string().min(1).max(200).describe('The decision model: its ref, or its name as in Personalize.'),
  variant: z.string().min(1).max(200).optional().describe('The variant: its ref or name (default: the variant in production, or the only one).'),
  channel: z.string().min(1).max(40).default('WEB').describe('The channel in the test context, e.g. WEB.'),
  guest: z.record(z.string(), z.unknown()).default({}).describe('The fixture guest the model sees (guest data, sessions, orders as the test canvas takes them). Sent, never recorded.'),
  context: z.record(z.string(), z.unknown()).default({}).describe('More test context beside channel and guest, if the model reads it.'),
  expect: z.array(Expectation).max(20).default([]).describe('Outputs the model must give for this guest.'),
});

export const DecisionModelOptions = z.strictObject({
  tests: z
    .array(Fixture)
    .max(50)
    .default([])
    .refine((ts) => new Set(ts.map((t) => t.name)).size === ts.length, { message: 'test names must be unique' })
    .describe('Fixture guests to run through decision models, each with the outputs it must give.'),
  maxTotalMs: z.number().int().min(1).max(60_000).default(300).describe('Budget for a model\'s execution time per test, in milliseconds (the reply\'s own figure, else the sum over its nodes).'),
  maxNodeMs: z.number().int().min(1).max(60_000).default(150).describe('Budget for any one node, in milliseconds.'),
  slowest: z.number().int().min(0).max(10).default(3).describe('How many of the slowest nodes to list per test.'),
  ...apiOptions,
});
export type DecisionModelOptions = z.infer<typeof DecisionModelOptions>;

const meta: RuleMeta = {
  id: 'personalize/decision-model',
  probe: 'personalize/decision-tests',
  title: 'Decision models give the expected outputs for the fixture guests, in time',
  failureTitle: 'A decision model fails, gives the wrong output or is too slow for a fixture guest',
  description:
    'Runs each declared fixture guest through its decision model variant with `POST /v2/testDecisionModel` (a model or variant given by ' +
    'name is looked up with `GET /v2/decisionModelDefinitions` and `…/{ref}/variants`; without a variant, the one in production). A test ' +
    'fails when the reply has an `error` or a node error (a decision table under the Unique hit policy fails when two rows match), when ' +
    'an expected output is missing, or when the execution time is over `maxTotalMs` in total or `maxNodeMs` for a node; the slowest nodes ' +
    'are listed, and models with more data-system or programmable nodes than Sitecore\'s guidelines warn. A model that errors or stalls ' +
    'turns every decision into the fallback on launch day. The guests are sent, never recorded. ' + OPT_IN,
  docs: 'docs/rules/personalize/decision-model.md',
  targetHelp: TARGET_HELP,
  examples: [
    {
      target: 'eu',
      with: { tests: [{ name: 'vip-returning', model: 'Next best offer', guest: { guestType: 'customer', dataExtensions: [{ name: 'ext', values: { loyaltyTier: 'gold' } }] }, expect: [{ node: 'Pick offer', output: { offer: 'GOLD10' } }] }], maxTotalMs: 250 },
    },
  ],
};

const UNRESOLVED: Record<string, { what: (model: string, variant?: string) => string; hint: string }> = {
  'model-not-found': { what: (m) => `no decision model is called "${m}"`, hint: 'give the model\'s ref, or its name exactly as Personalize shows it' },
  'model-ambiguous': { what: (m) => `several decision models are called "${m}"`, hint: 'give the model\'s ref instead of its name' },
  'variant-not-found': { what: (m, v) => `model "${m}" has no variant${v ? ` "${v}"` : ''}`, hint: 'give the variant\'s ref or name exactly as Personalize shows it' },
  'variant-ambiguous': { what: (m, v) => (v ? `model "${m}" has several variants called "${v}"` : `model "${m}" has no single variant in production`), hint: 'name the variant to test by its ref' },
};

function testFindings(t: DecisionTest, options: DecisionModelOptions): Finding[] {
  const fixture = options.tests.find((f) => f.name === t.name);
  if (t.unresolved) {
    const u = UNRESOLVED[t.unresolved]!;
    const seen = t.candidates && t.candidates.length > 0 ? ` (the API lists ${listOf(t.candidates, 5)})` : '';
    return [fail(t.unresolved, `${t.name}: ${u.what(t.model, fixture?.variant)}${seen}`, u.hint, t.name)];
  }
  if (!t.sent) return [];
  if (t.status !== undefined && (t.status < 200 || t.status >= 300)) {
    return [fail('test-rejected', `${t.name}: the test was answered ${t.status}${t.detail ? `: ${t.detail}` : ''}`, 'check the model and variant refs and the fixture guest\'s shape against the test canvas in Personalize', t.name)];
  }
  return answeredFindings(t, fixture?.expect ?? [], options);
}

export const decisionModelRule: Rule<ApiTarget, DecisionModelOptions, DecisionTestsEvidence> = {
  meta,
  ...targetParts,
  options: DecisionModelOptions,
  probeInput: (target, options): DecisionTestsInput => ({
    ...apiInput(target, options),
    tests: options.tests.map((t) => ({ name: t.name, model: t.model, ...(t.variant ? { variant: t.variant } : {}), channel: t.channel, guest: t.guest, context: t.context })),
  }),
  judge(e, options) {
    if (options.tests.length === 0) {
      return { status: 'skipped', summary: 'Not checked: no fixture guest is declared', findings: [{ severity: 'info', code: 'tests-not-declared', message: 'no decision model test is declared', hint: 'declare fixture guests in the rule option tests: {name, model, guest, expect}' }] };
    }
    const j = judgeable(meta, e, options, 'no decision model was tested');
    if ('verdict' in j) return j.verdict;
    const findings = j.evidence.tests.flatMap((t) => testFindings(t, options));
    return verdictFrom(meta, findings, `${count(j.evidence.tests.length, 'fixture guest')} answered as expected within ${options.maxTotalMs} ms`);
  },
};
