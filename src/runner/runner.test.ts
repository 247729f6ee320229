import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRegistry } from '../checks/registry.js';
import { ProbeError, type AnyProbe, type AnyRule, type NetOptions } from '../checks/types.js';
import { verdictFrom, fail } from '../checks/verdict.js';
import { runChecks, type CheckSpec } from './runner.js';

const net: NetOptions = { resolvers: [], resolve: {}, ca: [], timeoutMs: 300 };

/** Probes with observable behaviour: how often they ran and how many ran at once. */
function harness() {
  const calls: string[] = [];
  let active = 0;
  let peak = 0;
  const failures = new Map<string, number>();
  const probe: AnyProbe = {
    id: 'test/echo',
    description: 'returns its input after a delay, or misbehaves on request',
    input: z.object({ value: z.string(), delay: z.number().default(10), failTimes: z.number().default(0), ignoreSignal: z.boolean().default(false) }),
    async run(input: { value: string; delay: number; failTimes: number; ignoreSignal: boolean }, ctx) {
      calls.push(input.value);
      active++;
      peak = Math.max(peak, active);
      try {
        const seen = failures.get(input.value) ?? 0;
        if (seen < input.failTimes) {
          failures.set(input.value, seen + 1);
          throw new ProbeError('CONNECTION_RESET', 'reset by peer', { transient: true });
        }
        await new Promise<void>((resolve, reject) => {
          const t = setTimeout(resolve, input.delay);
          if (!input.ignoreSignal) ctx.signal.addEventListener('abort', () => { clearTimeout(t); reject(new Error('aborted')); }, { once: true });
        });
        return { value: input.value };
      } finally {
        active--;
      }
    },
  };
  const rule = (id: string, expect: string): AnyRule => ({
    meta: { id: id as `${string}/${string}`, probe: 'test/echo', title: 'value as expected', failureTitle: 'value differs', description: 'test', docs: 'docs/rules/test.md', targetHelp: 'a value', examples: [{ target: 'x' }] },
    target: z.object({ value: z.string() }),
    targetFromString: (s: string) => ({ value: s }),
    options: z.object({ delay: z.number().default(10), failTimes: z.number().default(0), ignoreSignal: z.boolean().default(false) }),
    probeInput: (t: { value: string }, o: object) => ({ value: t.value, ...o }),
    judge: (e: { value: string }) => verdictFrom({ title: 'ok', failureTitle: 'not ok' }, e.value === expect ? [] : [fail('differs', `got ${e.value}`, 'fix it')]),
  });
  const registry = createRegistry([{ probes: [probe], rules: [rule('test/is-a', 'a'), rule('test/is-b', 'b')] }]);
  const spec = (key: string, ruleId: string, value: string, options: Record<string, unknown> = {}): CheckSpec => ({ key, rule: registry.rules.get(ruleId)!, target: { value }, label: value, options: registry.rules.get(ruleId)!.options.parse(options) });
  return { registry, spec, calls, peak: () => peak };
}

const base = (registry: ReturnType<typeof harness>['registry']) => ({ registry, net, concurrency: 2, retries: 1, now: () => new Date('2026-12-01T00:00:00Z'), goLive: new Date('2026-12-14T08:00:00Z'), cwd: '.' });

describe('runChecks', () => {
  it('runs one probe for every rule that asks for the same input, and judges each', async () => {
    const h = harness();
    const { results } = await runChecks([h.spec('1', 'test/is-a', 'a'), h.spec('2', 'test/is-b', 'a')], base(h.registry));
    expect(h.calls).toEqual(['a']);
    expect(results.map((r) => r.status)).toEqual(['pass', 'fail']);
    expect(results[1]!.findings[0]!.hint).toBe('fix it');
  });

  it('keeps to the concurrency limit and returns results in the order of the specs', async () => {
    const h = harness();
    const specs = ['p', 'q', 'r', 's', 't', 'u'].map((v, i) => h.spec(String(i), 'test/is-a', v, { delay: 30 }));
    const { results } = await runChecks(specs, base(h.registry));
    expect(h.peak()).toBe(2);
    expect(results.map((r) => r.target)).toEqual(['p', 'q', 'r', 's', 't', 'u']);
  });

  it('retries a transient error once within the same time limit, and reports the attempts', async () => {
    const h = harness();
    const once = await runChecks([h.spec('1', 'test/is-a', 'a', { failTimes: 1 })], base(h.registry));
    expect(once.results[0]).toMatchObject({ status: 'pass', attempts: 2 });
    const twice = await runChecks([h.spec('1', 'test/is-a', 'a', { failTimes: 5 })], base(h.registry));
    expect(twice.results[0]).toMatchObject({ status: 'error', code: 'CONNECTION_RESET', attempts: 2 });
  });

  it('ends a probe that ignores its signal as TIMEOUT within the limit, and the run goes on', async () => {
    const h = harness();
    const t0 = performance.now();
    const { results } = await runChecks([h.spec('1', 'test/is-a', 'a', { delay: 5000, ignoreSignal: true }), h.spec('2', 'test/is-a', 'a2')], base(h.registry));
    expect(performance.now() - t0).toBeLessThan(net.timeoutMs + 1000);
    expect(results[0]).toMatchObject({ status: 'error', code: 'TIMEOUT' });
    expect(results[0]!.summary).toMatch(/Could not verify/);
    expect(results[1]!.status).toBe('fail');
  });

  it('gives a probe the time limit it computes from its input when that is longer than --timeout', async () => {
    const h = harness();
    // The limit follows what was asked for: value a gets its delay plus a margin, anything else 500 ms.
    (h.registry.probes.get('test/echo') as AnyProbe).timeoutMs = (input: { value: string; delay: number }) => (input.value === 'a' ? input.delay + 600 : 500);
    const { results } = await runChecks([h.spec('1', 'test/is-a', 'a', { delay: 800 }), h.spec('2', 'test/is-b', 'b', { delay: 800 })], base(h.registry));
    expect(results.map((r) => [r.status, r.code ?? null])).toEqual([['pass', null], ['error', 'TIMEOUT']]);
  });

  it('starts probes that share a resource only as it frees, so waiting for it never counts against their time limit', async () => {
    const h = harness();
    (h.registry.probes.get('test/echo') as AnyProbe).shares = { resource: 'browser', max: 1 };
    // Three runs of 200 ms one after another take 600 ms, twice --timeout (300 ms): each still has its whole limit.
    const { results } = await runChecks(['a', 'a1', 'a2'].map((v, i) => h.spec(String(i), 'test/is-a', v, { delay: 200 })), { ...base(h.registry), concurrency: 3 });
    expect(results.map((r) => r.code ?? r.status)).toEqual(['pass', 'fail', 'fail']);
    expect(h.peak()).toBe(1);
  });

  it('opens a shared resource again after a failed opening, so a retry does not get the old failure', async () => {
    let opens = 0;
    const probe: AnyProbe = {
      id: 'test/shared', description: 'uses a shared resource whose first opening fails', input: z.object({ value: z.string() }),
      run: (input: { value: string }, ctx) => ctx.resources!.use('thing', async () => {
        opens += 1;
        if (opens === 1) throw new ProbeError('CONNECTION_RESET', 'first opening fails', { transient: true });
        return input.value;
      }, async () => undefined).then((value) => ({ value })),
    };
    const rule: AnyRule = { ...harness().registry.rules.get('test/is-a')!, meta: { ...harness().registry.rules.get('test/is-a')!.meta, id: 'test/shared-a', probe: 'test/shared' } };
    const registry = createRegistry([{ probes: [probe], rules: [rule] }]);
    const { results } = await runChecks([{ key: '1', rule, target: { value: 'a' }, label: 'a', options: rule.options.parse({}) }], base(registry));
    expect([results[0]?.status, results[0]?.attempts, opens]).toEqual(['pass', 2, 2]);
  });

  it('on cancellation keeps what finished and drops what was cut short', async () => {
    const h = harness();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('interrupted')), 60);
    const specs = [h.spec('1', 'test/is-a', 'a'), h.spec('2', 'test/is-a', 'b', { delay: 250 }), h.spec('3', 'test/is-a', 'c', { delay: 250 })];
    const { results, cancelled } = await runChecks(specs, { ...base(h.registry), net: { ...net, timeoutMs: 2000 }, signal: controller.signal });
    expect(cancelled).toBe(true);
    expect(results.map((r) => r.key)).toEqual(['1']);
  });

  it('redacts known secrets from what it stores', async () => {
    const h = harness();
    const { results } = await runChecks([h.spec('1', 'test/is-a', 'token-s3cr3t-value')], { ...base(h.registry), secrets: ['s3cr3t-value'] });
    expect(JSON.stringify(results[0]!.evidence)).not.toContain('s3cr3t-value');
    expect(JSON.stringify(results[0]!.evidence)).toContain('***');
  });
});
