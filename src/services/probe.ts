import { z } from 'zod';
import { parseTarget } from '../checks/config.js';
import { builtinRules, loadBuiltinRegistry, type Registry } from '../checks/registry.js';
import type { RuleCatalog } from '../checks/config.js';
import { targetLabel } from '../checks/targets.js';
import type { AnyRule } from '../checks/types.js';
import { UsageError } from '../errors.js';
import { suggestion } from '../lib/suggest.js';
import { runChecks, type CheckResult } from '../runner/runner.js';
import { netOptions, type NetFlags } from './network.js';
import type { NetworkSettings } from '../playbook/model.js';
import type { CdpFacts } from '../playbook/cdp.js';

export function ruleById(id: string, rules: RuleCatalog = builtinRules()): AnyRule {
  const rule = rules.get(id);
  if (!rule) throw new UsageError(`unknown rule "${id}"`, { hint: `${suggestion(id, [...rules.keys()], 'rule')}; golive rules lists every rule` });
  return rule;
}

/** A --with value: JSON when it parses (numbers, true, lists), else the text itself. */
function withValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `--with a=1 --with names=a.example,b.example` as rule options, validated by the rule. */
export function parseWith(rule: AnyRule, pairs: string[]): unknown {
  const raw: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new UsageError(`--with ${pair} is not key=value`, { hint: `e.g. --with minDaysAfterGoLive=30; golive rules ${rule.meta.id} lists the options` });
    raw[pair.slice(0, eq)] = withValue(pair.slice(eq + 1));
  }
  let parsed = rule.options.safeParse(raw);
  if (!parsed.success) {
    // A list option given as "a,b": split it and try again.
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (issue.code === 'invalid_type' && issue.expected === 'array' && typeof key === 'string' && typeof raw[key] === 'string') raw[key] = (raw[key] as string).split(',').map((x) => withValue(x.trim()));
    }
    parsed = rule.options.safeParse(raw);
  }
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ');
    throw new UsageError(`invalid --with for ${rule.meta.id}: ${msg}`, { hint: `golive rules ${rule.meta.id} lists the options and their types` });
  }
  return parsed.data;
}

export interface ProbeRequest {
  rule: string;
  target: string;
  with: string[];
  net: NetFlags;
  settings: NetworkSettings;
  cwd: string;
  now: Date;
  goLive: Date;
  signal?: AbortSignal;
  allowLogin?: boolean;
  /** The project's declared CDP facts, when the probe runs inside a project (languages, points of sale, segments). */
  cdp?: CdpFacts;
}

/** One rule against one target, with no project needed; inside one, its declared facts count. */
export async function probeOnce(req: ProbeRequest, registryIn?: Registry): Promise<{ result: CheckResult | undefined; cancelled: boolean }> {
  const rule = ruleById(req.rule, registryIn?.rules);
  const target = parseTarget(rule, req.target);
  if (!target.ok) throw new UsageError(`"${req.target}" is not a target for ${rule.meta.id}: ${target.message}`, { hint: `${rule.meta.id} takes ${rule.meta.targetHelp}` });
  const options = parseWith(rule, req.with);
  const { net } = netOptions(req.net, req.settings, req.cwd);
  const registry = registryIn ?? (await loadBuiltinRegistry());
  const offset = req.now.getTime() - Date.now();
  const ran = await runChecks([{ key: 'probe', rule, target: target.value, label: targetLabel(target.value), options }], {
    registry, net, concurrency: 1, retries: 1, now: () => new Date(Date.now() + offset), goLive: req.goLive, cwd: req.cwd, allowLogin: req.allowLogin ?? false, ...(req.signal ? { signal: req.signal } : {}), ...(req.cdp ? { cdp: req.cdp } : {}),
  });
  return { result: ran.results[0], cancelled: ran.cancelled };
}

export const GoLiveInstant = z.iso.datetime({ offset: true });
