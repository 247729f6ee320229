import { z } from 'zod';
import { ConfigError } from '../../errors.js';
import { toProbeError } from '../../net/errors.js';
import { analyzeDeploy } from '../../spryker/deploy/analyze.js';
import { loadDeployFile } from '../../spryker/deploy/load.js';
import { DEPLOY_TOPICS, type DeployFinding } from '../../spryker/deploy/model.js';
import { summarizeModel } from '../../spryker/deploy/summary.js';
import { ProbeError, type Probe, type ProbeContext } from '../types.js';
import type { DeployFileEvidence } from './deploy-evidence.js';

export const DeployFileInput = z.strictObject({
  file: z.string().min(1),
  repo: z.string().min(1).optional(),
  domains: z.array(z.string().min(1)).default([]),
});
export type DeployFileInput = z.infer<typeof DeployFileInput>;

/** Per topic: enough for every host of a big multi-store project; the rest is counted, not listed. */
const MAX_PER_TOPIC = 80;

function capped(findings: DeployFinding[]): Pick<DeployFileEvidence, 'findings' | 'omitted'> {
  const kept: DeployFinding[] = [];
  const omitted: DeployFileEvidence['omitted'] = {};
  for (const topic of DEPLOY_TOPICS) {
    const mine = findings.filter((f) => f.topic === topic);
    kept.push(...mine.slice(0, MAX_PER_TOPIC));
    if (mine.length > MAX_PER_TOPIC) omitted[topic] = mine.length - MAX_PER_TOPIC;
  }
  return { findings: kept, omitted };
}

/** A load problem as the probe error every dependent rule reports: file:line:col, message, hint. */
function invalid(err: ConfigError): ProbeError {
  const d = err.diagnostics[0]!;
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  return new ProbeError('INVALID_TARGET', `${where}: ${d.message}`, { cause: err, ...(d.hint ? { hint: d.hint } : {}) });
}

async function run(input: DeployFileInput, ctx: ProbeContext): Promise<DeployFileEvidence> {
  let model;
  try {
    ctx.signal.throwIfAborted();
    model = await loadDeployFile(input.file, { cwd: ctx.cwd, signal: ctx.signal, ...(input.repo ? { repo: input.repo } : {}) });
  } catch (err) {
    if (err instanceof ConfigError) throw invalid(err);
    throw toProbeError(err, `reading ${input.file}`, ctx.signal);
  }
  const findings = analyzeDeploy(model, { domains: input.domains });
  ctx.log.debug('spryker/deploy-file', { file: input.file, endpoints: model.endpoints.length, findings: findings.length });
  return { summary: summarizeModel(model), ...capped(findings), repositoryChecked: model.repository !== undefined };
}

export const deployFileProbe: Probe<DeployFileInput, DeployFileEvidence> = {
  id: 'spryker/deploy-file',
  description: 'Reads a Spryker deploy file (YAML 1.1 merge keys and imports resolved; optionally the project repository) and analyses it: production markers, endpoints, security settings, mail sender and install recipes, each finding at file:line:col.',
  input: DeployFileInput,
  run,
};
