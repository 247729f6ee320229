import type { Diagnostic } from '../errors.js';
import { suggestion } from '../lib/suggest.js';
import type { Environment } from '../playbook/model.js';
import type { CheckInput } from '../playbook/schema.js';
import { diagnosticAt, type FieldPath, type YamlFile } from '../playbook/yaml.js';
import { zodDiagnosticsAt } from '../playbook/zod-diagnostics.js';
import { envRefs, envVars, interpolate } from './env.js';
import type { AnyRule } from './types.js';

export type RuleCatalog = ReadonlyMap<string, AnyRule>;

/** Parse a target (a string through the rule's own reader, or a mapping) against the rule's target schema. */
export function parseTarget(rule: AnyRule, raw: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const candidate = typeof raw === 'string' ? rule.targetFromString(raw) : raw;
  const r = rule.target.safeParse(candidate);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, message: `${where}${issue?.message ?? 'invalid target'}` };
}

/**
 * Validate the checks of one task at load time: the rule exists, its options parse (diagnostics
 * point into `with:`), named environments exist, and every target parses in every environment
 * where all its variables are set.
 */
export function validateTaskChecks(checks: CheckInput[], at: { yaml: YamlFile; path: FieldPath }, rules: RuleCatalog, environments: Record<string, Environment>, out: Diagnostic[], ownEnvironments = true): void {
  checks.forEach((check, i) => validateCheck(check, at.yaml, [...at.path, 'checks', i], rules, environments, out, ownEnvironments));
}

/** One check whose `rule`, `target`, `with` and `environments` sit under `base` in `yaml`. */
/**
 * `ownEnvironments`: the check is written in the project file, which names its own environments,
 * so an unknown one is a mistake. A playbook cannot know them: its `environments: [production]`
 * simply never runs in a project without a production environment.
 */
export function validateCheck(check: CheckInput, yaml: YamlFile, base: FieldPath, rules: RuleCatalog, environments: Record<string, Environment>, out: Diagnostic[], ownEnvironments = true): void {
  const at = { yaml };
  {
    const rule = rules.get(check.rule);
    if (!rule) {
      out.push(diagnosticAt(at.yaml, [...base, 'rule'], { code: 'unknown-rule', message: `unknown rule "${check.rule}"`, hint: `${suggestion(check.rule, [...rules.keys()], 'rule')}; golive rules lists every rule` }));
      return;
    }
    const options = rule.options.safeParse(check.with ?? {});
    // Options that use ${env.*} are checked when the check runs, after substitution.
    if (!options.success && envRefs(check.with).length === 0) out.push(...zodDiagnosticsAt(at.yaml, [...base, 'with'], rule.options, options.error.issues));
    check.environments?.forEach((name, j) => {
      if (ownEnvironments && !(name in environments)) out.push(diagnosticAt(at.yaml, [...base, 'environments', j], { code: 'unknown-environment', message: `unknown environment "${name}"`, hint: `${suggestion(name, Object.keys(environments), 'environment')}; environments are declared under environments: in golive.yaml` }));
    });
    for (const name of check.environments ?? Object.keys(environments)) {
      const { value, missing } = interpolate(check.target, envVars(name, environments[name]));
      if (missing.length > 0 || !(name in environments)) continue;
      const parsed = parseTarget(rule, value);
      if (!parsed.ok) {
        const refs = envRefs(check.target);
        const from = refs.length > 0 ? ` (from ${refs.map((r) => `\${env.${r}}`).join(', ')} in environment ${name})` : '';
        out.push(diagnosticAt(at.yaml, [...base, 'target'], { code: 'invalid-target', message: `target ${JSON.stringify(value)}${from} is not valid for ${rule.meta.id}: ${parsed.message}`, hint: `${rule.meta.id} takes ${rule.meta.targetHelp}` }));
      }
    }
  }
}
