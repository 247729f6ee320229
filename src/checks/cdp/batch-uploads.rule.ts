import { z } from 'zod';
import type { Finding, Rule, RuleContext, RuleMeta } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { BatchInspectEvidence, BatchUpload } from './evidence.js';
import type { BatchInspectInput } from './inputs.js';
import { apiTokenVariable, clientKeyVariable, listOf, notConfiguredVerdict, refusedFinding, targetParts, TARGET_HELP, type CdpApiTarget } from './target.js';

const DAY = 86_400_000;

export const BatchUploadsOptions = z.strictObject({
  sinceDays: z.number().int().min(1).max(30).default(7).describe('The window, in days before the run: failed or corrupted uploads created in it fail the check (the API keeps 30 days).'),
  ignoreRefs: z.array(z.string().min(1).max(100)).max(100).default([]).describe('Refs of failed uploads already explained and uploaded again; they are listed but do not fail the check.'),
  clientKeyVariable,
  apiTokenVariable,
});
export type BatchUploadsOptions = z.infer<typeof BatchUploadsOptions>;

const meta: RuleMeta = {
  id: 'cdp/batch-uploads',
  probe: 'cdp/batch-inspect',
  title: 'No batch upload failed or was corrupted in the go-live window',
  failureTitle: 'A batch upload failed or was corrupted in the go-live window',
  description:
    'Lists the batch uploads in status `error` or `corrupted` with `GET /v2/batches/inspect?status=error,corrupted` (one request for both ' +
    'statuses: the parameter takes a comma-separated list; Basic auth with client key and API token) and fails for each one created in the ' +
    'last `sinceDays` days of the run\'s clock, with its ref and the link to its error log. `error` means at least one record of the file was ' +
    'not processed; `corrupted` means the MD5 checksum or the size did not match what was allocated. A batch that half-failed in rehearsal ' +
    'or cutover leaves guests and orders missing that no dashboard shows. Opt-in: it runs only when the client key and the API token are in ' +
    'the environment (SITECORE_CDP_CLIENT_KEY and SITECORE_CDP_API_TOKEN by default), otherwise it is skipped; neither is recorded.',
  docs: 'docs/rules/cdp/batch-uploads.md',
  targetHelp: TARGET_HELP,
  examples: [{ target: 'eu' }, { target: 'https://api-engage-eu.sitecorecloud.io', with: { sinceDays: 3, ignoreRefs: ['2f0c5e8a-4b1d-4c3e-9f6a-7d8e9f0a1b2c'] } }],
};

const HINT = {
  error: 'download the error log (the link in the finding, with the API credentials), fix the records it names, upload the file again under a new ref and poll until success; then list the old ref in ignoreRefs',
  corrupted: 'the file changed after its checksum was allocated: compute the hex MD5 and the size in bytes of the exact gzip you upload, allocate again and upload once more; then list the old ref in ignoreRefs',
  truncated: 'more failed uploads exist than golive reads: open Developer center > Batch uploads in CDP and clear up the failures',
};

function when(u: BatchUpload, ctx: RuleContext, sinceDays: number): 'in' | 'before' {
  const t = u.createdAt === undefined ? NaN : Date.parse(u.createdAt);
  // An upload without a readable date counts: better a false alarm than a missed failure.
  return Number.isNaN(t) || t >= ctx.now.getTime() - sinceDays * DAY ? 'in' : 'before';
}

function uploadFinding(u: BatchUpload): Finding {
  const status = u.status === 'corrupted' ? 'corrupted' : 'error';
  const log = u.log ? `; error log: ${u.log}` : status === 'error' ? '; no error log (a zip instead of a gzip leaves none)' : '';
  return fail(`batch-upload-${status}`, `batch ${u.ref} ended ${status}${u.createdAt ? `, created ${u.createdAt}` : ''}${log}`, HINT[status], u.ref);
}

export const batchUploadsRule: Rule<CdpApiTarget, BatchUploadsOptions, BatchInspectEvidence> = {
  meta,
  ...targetParts,
  options: BatchUploadsOptions,
  probeInput: (target, options): BatchInspectInput => ({ baseUrl: target.url, clientKeyVariable: options.clientKeyVariable, apiTokenVariable: options.apiTokenVariable }),
  judge(e, options, ctx) {
    if (!e.configured) return notConfiguredVerdict('no batch upload was listed', e.missing);
    if (e.refused) return verdictFrom(meta, [refusedFinding(e.refused, [options.clientKeyVariable, options.apiTokenVariable], e.base)]);
    const inWindow = e.uploads.filter((u) => when(u, ctx, options.sinceDays) === 'in');
    const ignored = inWindow.filter((u) => options.ignoreRefs.includes(u.ref));
    const counted = inWindow.filter((u) => !options.ignoreRefs.includes(u.ref));
    const earlier = e.uploads.length - inWindow.length;
    const findings: Finding[] = [
      ...counted.map(uploadFinding),
      ...(e.truncated ? [warn('uploads-truncated', `${e.totalCount ?? 'more'} failed or corrupted uploads match; golive read ${e.uploads.length}`, HINT.truncated, e.base)] : []),
      ...(ignored.length ? [info('uploads-ignored', `failed uploads listed in ignoreRefs: ${listOf(ignored.map((u) => u.ref))}`, e.base)] : []),
      ...(earlier ? [info('uploads-before-window', `${earlier} failed or corrupted upload(s) created before the last ${options.sinceDays} days are not counted`, e.base)] : []),
    ];
    const since = new Date(ctx.now.getTime() - options.sinceDays * DAY).toISOString().slice(0, 10);
    return verdictFrom(meta, findings, `none since ${since} (the last ${options.sinceDays} days)`);
  },
};
