import { z } from 'zod';
import type { Rule, RuleMeta } from '../types.js';
import type { DeployFileEvidence } from './deploy-evidence.js';
import { DEPLOY_TARGET_HELP, deployProbeInput, DeployTarget, deployTargetFromString, judgeTopic, sharedOptions, softened } from './deploy-kit.js';

export const DeployEndpointsOptions = z.strictObject({
  ...sharedOptions,
  checkServiceHosts: z.boolean().default(true).describe('Also judge the host names of service endpoints (scheduler, broker, mail catcher); false reports them as information only.'),
});
export type DeployEndpointsOptions = z.infer<typeof DeployEndpointsOptions>;

const meta: RuleMeta = {
  id: 'spryker/deploy-endpoints',
  probe: 'spryker/deploy-file',
  title: 'Deploy file endpoints are the real, complete set',
  failureTitle: 'Deploy file endpoints are not ready for go-live',
  description:
    'Checks the endpoints of the Spryker deploy file: no .spryker.local, localhost, CHANGE_ME, example or demo-spryker.com host names, and every host under the project\'s ' +
    'declared final domains; every store (or region, in Dynamic Multistore) has storefront, Glue, Back Office and backend-gateway endpoints and a primal Zed endpoint; ' +
    'the apex and aliases are served by a static app whose redirect has a code and a URL with a scheme (unknown keys such as type: are ignored by the Docker SDK). ' +
    'Spryker sets up DNS and certificates for exactly the hosts in this file, so a wrong or missing host cannot be fixed on launch day.',
  docs: 'docs/rules/spryker/deploy-endpoints.md',
  targetHelp: DEPLOY_TARGET_HELP,
  examples: [{ target: 'deploy.myshop-production.yml', with: { domains: ['myshop.com', 'myshop.de'] } }],
};

export const deployEndpointsRule: Rule<DeployTarget, DeployEndpointsOptions, DeployFileEvidence> = {
  meta,
  target: DeployTarget,
  targetFromString: deployTargetFromString,
  options: DeployEndpointsOptions,
  probeInput: deployProbeInput,
  judge(e, options) {
    const count = e.summary.endpointsTotal;
    return judgeTopic(
      meta,
      e,
      'endpoints',
      (f) => (!options.checkServiceHosts && f.path.startsWith('services.') && f.severity !== 'info' ? softened(f, 'info', 'service hosts not judged') : f),
      `${count} endpoint${count === 1 ? '' : 's'} in ${e.summary.regions.length} region${e.summary.regions.length === 1 ? '' : 's'}`,
    );
  },
};
