import { z } from 'zod';
import type { DeployFinding, DeployTopic } from '../../spryker/deploy/model.js';
import type { Finding, RuleMeta, Verdict } from '../types.js';
import { verdictFrom } from '../verdict.js';
import type { DeployFileEvidence } from './deploy-evidence.js';

/**
 * What the spryker deploy rules share (pure): the target (a deploy file), the options that shape
 * the one probe run they share, and judging the findings of one topic.
 */

export const DeployTarget = z.strictObject({
  file: z.string().min(1).describe('Path of the deploy file (e.g. deploy.myshop-production.yml), relative to the project directory.'),
});
export type DeployTarget = z.infer<typeof DeployTarget>;

export const deployTargetFromString = (text: string): unknown => ({ file: text.trim() });

export const DEPLOY_TARGET_HELP = 'the path of the deploy file, relative to the project directory';

/** Options every deploy rule takes; write the same values on each rule so they share one probe run. */
export const sharedOptions = {
  domains: z.array(z.string().min(1)).default([]).describe('The final domains of the project (e.g. shop.com): every endpoint host must be one of them or below one; demo and example names inside them are accepted.'),
  repo: z.string().min(1).optional().describe('Path of the project repository (relative to the project directory) for the install-recipe and demo-data checks; without it they are skipped.'),
};

export interface SharedOptions {
  domains: string[];
  repo?: string | undefined;
}

export function deployProbeInput(target: DeployTarget, options: SharedOptions): unknown {
  return { file: target.file, ...(options.repo ? { repo: options.repo } : {}), domains: options.domains };
}

export const subjectOf = (f: DeployFinding): string => `${f.file}:${f.line}:${f.column}`;

/** A deploy finding as a check finding; info findings keep no hint. */
export function toFinding(f: DeployFinding): Finding {
  const base = { severity: f.severity, code: f.code, message: f.message, subject: subjectOf(f) };
  return f.severity === 'info' ? base : { ...base, hint: f.hint };
}

/**
 * The verdict over one topic's findings. `adjust` lets a rule soften findings its options allow
 * (return the finding changed, or as is).
 */
export function judgeTopic(meta: Pick<RuleMeta, 'title' | 'failureTitle'>, e: DeployFileEvidence, topic: DeployTopic, adjust: (f: DeployFinding) => DeployFinding = (f) => f, passDetail?: string): Verdict {
  const findings = e.findings.filter((f) => f.topic === topic).map(adjust).map(toFinding);
  const omitted = e.omitted[topic] ?? 0;
  if (omitted > 0) findings.push({ severity: 'info', code: 'more-findings', message: `${omitted} more ${topic} findings not listed (run golive spryker analyze for all of them)` });
  return verdictFrom(meta, findings, passDetail);
}

/** The same finding with a lower severity and a note why. */
export const softened = (f: DeployFinding, severity: DeployFinding['severity'], why: string): DeployFinding => ({ ...f, severity, message: `${f.message} (${why})` });
