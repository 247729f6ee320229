import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { builtinPath, builtinPlaybookIds } from '../../playbook/builtin.js';
import { printJson } from '../common.js';
import { examples, type Register } from '../program.js';

export const playbooksCommand: Register = (program, run) => {
  program
    .command('playbooks')
    .description('list the built-in playbooks a project can use')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples(['golive playbooks', 'golive init --playbook spryker-cloud --playbook sitecore-cdp-personalize']))
    .action((opts: { json?: boolean }) => {
      const list = builtinPlaybookIds().map((id) => {
        const doc = parse(readFileSync(builtinPath(id), 'utf8')) as { version: string; title: string; description?: string; includes?: string[]; tasks: unknown[] };
        return { id, version: doc.version, title: doc.title, tasks: doc.tasks.length, includes: doc.includes ?? [], description: doc.description ?? '', file: builtinPath(id) };
      });
      if (opts.json) return printJson(run, list);
      for (const p of list) {
        run.io.out(`${p.id}@${p.version}  ${p.title} (${p.tasks} tasks${p.includes.length ? `, includes ${p.includes.join(', ')}` : ''})`);
        run.io.out(`  ${p.description}`);
      }
    });
};
