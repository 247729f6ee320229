import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ConfigError, UsageError } from '../../errors.js';
import { builtinPlaybookIds } from '../../playbook/builtin.js';
import { loadProject, PROJECT_FILE } from '../../playbook/load.js';
import { clockFrom } from '../../services/context.js';
import { isValidTimeZone, localToInstant } from '../../plan/time.js';
import { parsePerson, projectYaml, slug, type InitAnswers } from '../../services/init.js';
import { environmentFromDeployFile } from '../../services/spryker.js';
import { globals } from '../common.js';
import { schemaRef } from '../../services/schema-ref.js';
import { collect, examples, type Register, type Run } from '../program.js';

interface InitOptions {
  name?: string;
  id?: string;
  goLive?: string;
  timeZone?: string;
  playbook: string[];
  env: string[];
  person: string[];
  holiday: string[];
  force?: boolean;
  deployFile?: string;
}


async function ask(run: Run, question: string, fallback?: string, check?: (answer: string) => string | undefined): Promise<string> {
  if (!run.io.ask) return fallback ?? '';
  for (;;) {
    const answer = (await run.io.ask(`${question}${fallback ? ` [${fallback}]` : ''}: `)).trim() || fallback || '';
    const problem = check?.(answer);
    if (!problem) return answer;
    run.io.err(`  ${problem}`);
  }
}

const checkZone = (zone: string) => (isValidTimeZone(zone) ? undefined : `"${zone}" is not an IANA time zone (e.g. Europe/Berlin)`);

async function answers(run: Run, o: InitOptions): Promise<InitAnswers> {
  const prompt = run.io.stdinIsTTY && run.io.isTTY && run.io.ask !== undefined;
  const missing = [!o.name && '--name', !o.goLive && '--go-live', o.playbook.length === 0 && !o.deployFile && '--playbook'].filter(Boolean);
  if (missing.length && !prompt) throw new UsageError(`golive init needs ${missing.join(', ')} when it cannot ask (no terminal)`, { hint: 'golive init --name "Acme shop" --go-live 2027-03-01T09:00 --time-zone Europe/Berlin --playbook spryker-cloud --person dana:Dana:delivery-lead' });
  const name = o.name ?? (await ask(run, 'Project name'));
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zone = o.timeZone ?? (o.name && o.goLive ? here : await ask(run, 'IANA time zone of the go-live', here, checkZone));
  const goLive = o.goLive ?? (await ask(run, 'Go-live, local time (YYYY-MM-DDTHH:MM)', undefined, (a) => {
    const r = localToInstant(a, zone);
    return 'problem' in r ? r.problem : undefined;
  }));
  const playbooks = o.playbook.length ? [...o.playbook] : o.deployFile ? ['spryker-cloud'] : (await ask(run, `Playbooks (${builtinPlaybookIds().join(', ')}), comma-separated`, 'web-launch')).split(',').map((p) => p.trim()).filter(Boolean);
  const people = o.person.map((spec) => {
    const p = parsePerson(spec);
    if (!p) throw new UsageError(`--person "${spec}" is not id:Name:role[,role][:email]`, { hint: '--person dana:Dana Example:delivery-lead,product' });
    return p;
  });
  while (prompt && o.person.length === 0) {
    const spec = await ask(run, 'Add a person as id:Name:role,role (empty to finish)');
    if (!spec) break;
    const p = parsePerson(spec);
    if (p) people.push(p);
    else run.io.err('  expected id:Name:role[,role][:email]');
  }
  const environments = o.env.map((e) => {
    const [envName, url] = e.split(/=(.*)/s);
    if (!envName || !url) throw new UsageError(`--env "${e}" is not name=url`, { hint: '--env production=https://www.example.com' });
    return { name: envName, url };
  });
  if (o.deployFile) {
    const fromDeploy = await environmentFromDeployFile(o.deployFile, run.io.cwd);
    const production = environments.find((e) => e.name === 'production');
    if (production) Object.assign(production, { ...fromDeploy, url: production.url });
    else environments.push({ name: 'production', ...fromDeploy });
    if (!playbooks.includes('spryker-cloud')) playbooks.push('spryker-cloud');
  }
  return { id: o.id ?? slug(name), name, goLive, timeZone: zone, playbooks, environments, people, holidays: o.holiday };
}

export const initCommand: Register = (program, run) => {
  program
    .command('init')
    .description('create golive.yaml: playbooks, go-live instant and time zone, environments, people and roles (flags, or questions on a terminal)')
    .option('--name <name>', 'project name')
    .option('--id <id>', 'project id (default: from the name); keeps projects apart in a shared store')
    .option('--go-live <local>', 'local go-live time, YYYY-MM-DDTHH:MM')
    .option('--time-zone <zone>', 'IANA time zone of the go-live (default: this machine\'s)')
    .option('--playbook <id|path>', 'a playbook to use (repeatable); see golive playbooks', collect)
    .option('--env <name=url>', 'an environment and its URL (repeatable)', collect)
    .option('--person <id:Name:roles[:email]>', 'a person and their comma-separated roles (repeatable)', collect)
    .option('--holiday <date>', 'a non-working day, YYYY-MM-DD (repeatable)', collect)
    .option('--deploy-file <path>', 'a Spryker deploy file: prefills the production environment (URL, hosts, apex, mail sender domain) and makes it the source of check targets')
    .option('--force', 'overwrite an existing golive.yaml')
    .addHelpText('after', examples([
      'golive init',
      'golive init --name "Acme shop" --go-live 2027-03-01T09:00 --time-zone Europe/Berlin \\\n      --playbook spryker-cloud --env production=https://www.acme.example \\\n      --person dana:Dana Ruiz:delivery-lead,product --person oskar:Oskar Lind:ops,tech-lead',
      '# a Spryker Cloud shop: the production environment comes from its deploy file',
      'golive init --name "Acme shop" --go-live 2027-03-01T09:00 --deploy-file deploy.acme-production.yml',
    ]))
    .action(async (raw: Partial<InitOptions>, cmd: Command) => {
      const opts: InitOptions = { ...raw, playbook: raw.playbook ?? [], env: raw.env ?? [], person: raw.person ?? [], holiday: raw.holiday ?? [] };
      const file = path.resolve(run.io.cwd, (globals(cmd).project as string | undefined) ?? PROJECT_FILE);
      if (existsSync(file) && !opts.force) throw new UsageError(`${path.relative(run.io.cwd, file)} already exists`, { hint: 'edit it, or pass --force to replace it' });
      const a = await answers(run, opts);
      const start = localToInstant(a.goLive, a.timeZone);
      if ('instant' in start && start.instant.getTime() <= clockFrom(run.io.env).getTime()) throw new UsageError(`go-live ${a.goLive} (${a.timeZone}) is in the past`, { hint: 'a new project plans a launch ahead: give a future --go-live' });
      const previous = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      writeFileSync(file, projectYaml(a, schemaRef(file)));
      try {
        const { project, warnings } = loadProject(file, { now: clockFrom(run.io.env), cwd: run.io.cwd });
        run.io.out(`wrote ${path.relative(run.io.cwd, file)}: ${project.tasks.length} tasks from ${project.playbooks.map((p) => p.id).join(', ')}`);
        for (const w of warnings) run.io.err(`note: ${w.message}`);
        run.io.out('next: golive validate, golive plan, golive status');
      } catch (err) {
        // Leave things as they were: the old file back (with --force), or no file at all.
        if (previous === undefined) rmSync(file, { force: true });
        else writeFileSync(file, previous);
        if (err instanceof ConfigError) run.io.err(previous === undefined ? 'nothing was written' : `${path.relative(run.io.cwd, file)} was left as it was`);
        throw err;
      }
    });
};
