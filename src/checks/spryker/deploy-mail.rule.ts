import { z } from 'zod';
import type { Rule, RuleMeta } from '../types.js';
import type { DeployFileEvidence } from './deploy-evidence.js';
import { DEPLOY_TARGET_HELP, deployProbeInput, DeployTarget, deployTargetFromString, judgeTopic, sharedOptions } from './deploy-kit.js';

export const DeployMailOptions = z.strictObject({ ...sharedOptions });
export type DeployMailOptions = z.infer<typeof DeployMailOptions>;

const meta: RuleMeta = {
  id: 'spryker/deploy-mail',
  probe: 'spryker/deploy-file',
  title: 'Deploy file sets a real mail sender',
  failureTitle: 'Deploy file has no usable mail sender',
  description:
    'Checks that every region of the Spryker deploy file sets services.mail.sender.email (Spryker Cloud passes it to the shop as SPRYKER_MAIL_SENDER_EMAIL, checklist CLO-13), ' +
    'that it is a valid address, and that its domain is not spryker.local, spryker.com, demo-spryker.com or an example domain, and lies under the declared domains. ' +
    'Order and password mails from a demo or unverified domain are rejected by Amazon SES or land in spam.',
  docs: 'docs/rules/spryker/deploy-mail.md',
  targetHelp: DEPLOY_TARGET_HELP,
  examples: [{ target: 'deploy.myshop-production.yml', with: { domains: ['myshop.com'] } }],
};

export const deployMailRule: Rule<DeployTarget, DeployMailOptions, DeployFileEvidence> = {
  meta,
  target: DeployTarget,
  targetFromString: deployTargetFromString,
  options: DeployMailOptions,
  probeInput: deployProbeInput,
  judge(e) {
    const senders = e.summary.regions.flatMap((r) => (r.mailSender?.email ? [r.mailSender.email] : []));
    return judgeTopic(meta, e, 'mail', undefined, [...new Set(senders)].join(', ') || undefined);
  },
};
