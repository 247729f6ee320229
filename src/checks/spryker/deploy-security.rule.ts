import { z } from 'zod';
import type { DeployFinding } from '../../spryker/deploy/model.js';
import type { Rule, RuleMeta } from '../types.js';
import type { DeployFileEvidence } from './deploy-evidence.js';
import { DEPLOY_TARGET_HELP, deployProbeInput, DeployTarget, deployTargetFromString, judgeTopic, sharedOptions, softened } from './deploy-kit.js';

export const DeploySecurityOptions = z.strictObject({
  ...sharedOptions,
  allowBasicAuth: z.boolean().default(false).describe('Accept basic auth on storefront endpoints (a staging rehearsal); reported as information instead of failing.'),
  allowCorsAnyOrigin: z.boolean().default(false).describe("Accept cors-allow-origin: '*' on Glue endpoints (a public API used from any site)."),
});
export type DeploySecurityOptions = z.infer<typeof DeploySecurityOptions>;

const meta: RuleMeta = {
  id: 'spryker/deploy-security',
  probe: 'spryker/deploy-file',
  title: 'Deploy file has no open locks, default credentials or secrets',
  failureTitle: 'Deploy file has security problems for go-live',
  description:
    'Checks the security settings of the Spryker deploy file: no basic auth left on storefront endpoints at go-live (checklist CLO-17), no default or placeholder ' +
    "basic-auth credentials (cloud/cloud, CHANGE_ME), no cors-allow-origin: '*', a real-ip.from list on every endpoint so logs and allow lists see visitors' " +
    'addresses (APP-01), and no literal secrets (keys, tokens, passwords) in image.environment, which ends up in the repository and the image (APP-17).',
  docs: 'docs/rules/spryker/deploy-security.md',
  targetHelp: DEPLOY_TARGET_HELP,
  examples: [{ target: 'deploy.myshop-production.yml' }, { target: 'deploy.myshop-staging.yml', with: { allowBasicAuth: true } }],
};

export const deploySecurityRule: Rule<DeployTarget, DeploySecurityOptions, DeployFileEvidence> = {
  meta,
  target: DeployTarget,
  targetFromString: deployTargetFromString,
  options: DeploySecurityOptions,
  probeInput: deployProbeInput,
  judge(e, options) {
    const adjust = (f: DeployFinding) => {
      if (options.allowBasicAuth && f.code === 'basic-auth-storefront') return softened(f, 'info', 'allowed by allowBasicAuth');
      if (options.allowCorsAnyOrigin && f.code === 'cors-any-origin') return softened(f, 'info', 'allowed by allowCorsAnyOrigin');
      return f;
    };
    return judgeTopic(meta, e, 'security', adjust);
  },
};
