import { Option } from 'commander';
import { UsageError } from '../../errors.js';
import type { CheckReport } from '../../report/checks.js';
import { findProjectFile } from '../../services/context.js';
import { countResults } from '../../services/checks.js';
import { GoLiveInstant, probeOnce } from '../../services/probe.js';
import { openSession } from '../../services/session.js';
import { globals, style } from '../common.js';
import { contextFor } from '../io.js';
import { interruptible, netFlags, withNetOptions } from '../net-options.js';
import { collect, examples, withFormats, type Register } from '../program.js';
import { CHECK_FORMATS, emitCheckReport, withDocs } from './check.js';
import type { CdpFacts } from '../../playbook/cdp.js';

export const probeCommand: Register = (program, run) => {
  const cmd = withFormats(program
    .command('probe <rule> <target>')
    .description('run one rule against one target now, with no project needed: gather the evidence, judge it, print both. Inside a project its go-live instant, network settings and declared CDP facts (languages, points of sale, segments) count, as in golive check')
    .addOption(new Option('--with <key=value>', 'a rule option (repeatable); lists as a,b; golive rules <rule> lists them').argParser(collect))
    .option('--go-live <instant>', 'go-live instant for rules that look ahead, e.g. 2026-12-14T09:00:00+01:00 (default: the project\'s, else now)')
    .option('--env <name>', 'use this environment\'s network settings from golive.yaml, when there is one'), CHECK_FORMATS)
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--allow-login-probes', 'let a demo-user rule try to log in (one attempt per account)');
  withNetOptions(cmd).addHelpText('after', examples([
    'golive probe tls/cert-expiry shop.example.com --with minDaysAfterGoLive=30 --json',
    'golive probe tls/hostname shop.example.com --with names=shop.example.com,www.shop.example.com',
    'golive probe email/dmarc example.com --resolver 127.0.0.1:5353',
    'golive probe http/canonical-host http://example.com/ --with canonicalHost=www.example.com',
    '# before the DNS switch: talk to the new platform under the real name',
    'golive probe tls/chain-trusted shop.example.com --resolve shop.example.com:443:203.0.113.10',
    '',
    '# the evidence is printed with --json (or --format text --verbose); nothing is stored',
  ]));
  cmd.action(async (ruleId: string, target: string, opts: { with?: string[]; goLive?: string; env?: string; format: string; json?: boolean; output?: string; allowLoginProbes?: boolean }, c) => {
    const ctx = contextFor(run.io, globals(c));
    let goLive = ctx.now;
    let settings = {};
    let cwd = ctx.cwd;
    let cdp: CdpFacts | undefined;
    let hasProject = true;
    try {
      findProjectFile(ctx);
    } catch {
      hasProject = false;
    }
    if (hasProject) {
      const s = openSession(ctx);
      goLive = s.project.goLive;
      cwd = s.project.dir;
      cdp = s.project.cdp;
      const env = opts.env ?? (s.project.environments.production ? 'production' : undefined);
      if (env) settings = s.project.environments[env]?.network ?? {};
    }
    if (opts.goLive) {
      if (!GoLiveInstant.safeParse(opts.goLive).success) throw new UsageError(`--go-live ${opts.goLive} is not an instant with an offset`, { hint: 'e.g. --go-live 2026-12-14T09:00:00+01:00 or 2026-12-14T08:00:00Z' });
      goLive = new Date(opts.goLive);
    }
    const { signal, dispose } = interruptible();
    try {
      const started = new Date();
      const { result, cancelled } = await probeOnce({ rule: ruleId, target, with: opts.with ?? [], net: netFlags(c.opts()), settings, cwd, now: ctx.now, goLive, signal, allowLogin: opts.allowLoginProbes === true, ...(cdp ? { cdp } : {}) });
      const results = result ? withDocs([result]) : [];
      const report: CheckReport = { title: `golive probe ${ruleId}`, startedAt: started, finishedAt: new Date(), cancelled, counts: countResults(result ? [result] : []), results, tasks: {} };
      emitCheckReport(run, report, { ...opts, verbose: true }, style(run, c));
    } finally {
      dispose();
    }
  });
};
