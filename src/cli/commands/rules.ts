import { builtinRules } from '../../checks/registry.js';
import { describeOptions } from '../../checks/describe.js';
import type { AnyRule } from '../../checks/types.js';
import { ruleById } from '../../services/probe.js';
import { printJson, style } from '../common.js';
import { examples, type Register } from '../program.js';

function ruleJson(r: AnyRule) {
  return { id: r.meta.id, probe: r.meta.probe, title: r.meta.title, failureTitle: r.meta.failureTitle, description: r.meta.description, docs: r.meta.docs, target: r.meta.targetHelp, options: describeOptions(r) };
}

function ruleText(r: AnyRule): string {
  const lines = [`${r.meta.id}: ${r.meta.title}`, '', r.meta.description, '', `target: ${r.meta.targetHelp}`, 'options:'];
  const options = describeOptions(r);
  if (options.length === 0) lines.push('  (none)');
  for (const o of options) lines.push(`  ${o.name} (${o.type}${o.default !== undefined ? `, default ${JSON.stringify(o.default)}` : o.required ? ', required' : ''})${o.description ? `: ${o.description}` : ''}`);
  lines.push('', 'examples:');
  for (const e of r.meta.examples) lines.push(`  golive probe ${r.meta.id} ${e.target}${Object.entries(e.with ?? {}).map(([k, v]) => ` --with ${k}=${Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : JSON.stringify(v)}`).join('')}`);
  lines.push('', `docs: ${r.meta.docs}`);
  return lines.join('\n');
}

export const rulesCommand: Register = (program, run) => {
  program
    .command('rules [rule]')
    .description('every rule a check can use, with its title and options; or one rule in full')
    .option('--json', 'as JSON (the golive.rules/1 document)')
    .addHelpText('after', examples(['golive rules', 'golive rules tls/cert-expiry', 'golive rules --json | jq -r \'.rules[].id\'']))
    .action((id: string | undefined, opts: { json?: boolean }, cmd) => {
      const rules = id ? [ruleById(id)] : [...builtinRules().values()].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
      if (opts.json) return printJson(run, { schema: 'golive.rules/1', rules: rules.map(ruleJson) });
      if (id) return run.io.out(ruleText(rules[0]!));
      const st = style(run, cmd);
      const width = Math.max(0, ...rules.map((r) => r.meta.id.length));
      let domain = '';
      for (const r of rules) {
        const d = r.meta.id.split('/')[0]!;
        if (d !== domain) run.io.out(`${domain ? '\n' : ''}${st.bold(d)}`);
        domain = d;
        run.io.out(`  ${r.meta.id.padEnd(width)}  ${r.meta.title}`);
      }
      run.io.out(st.dim('\ngolive rules <rule> shows its options; docs/rules/ has the reference.'));
    });
};
