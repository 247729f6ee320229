import { z } from 'zod';
import type { Rule, RuleMeta } from '../types.js';
import type { DeployFileEvidence } from './deploy-evidence.js';
import { DEPLOY_TARGET_HELP, deployProbeInput, DeployTarget, deployTargetFromString, judgeTopic, sharedOptions } from './deploy-kit.js';

export const DeployProductionOptions = z.strictObject({ ...sharedOptions });
export type DeployProductionOptions = z.infer<typeof DeployProductionOptions>;

const meta: RuleMeta = {
  id: 'spryker/deploy-production',
  probe: 'spryker/deploy-file',
  title: 'Deploy file builds a production image',
  failureTitle: 'Deploy file is not production-ready',
  description:
    'Reads the Spryker deploy file the production pipeline runs (YAML merge keys and imports resolved) and checks its production markers: ' +
    'environment is not a development or CI one, docker.ssl.enabled is on, debug and Xdebug are off, composer.mode is --no-dev, assets.mode is production, ' +
    'the source is baked into the image and maintenance mode is off; and that no CHANGE_ME or unresolved %parameter% is left. ' +
    'A file copied from the local or template deploy file ships debug tooling, dev packages or plain HTTP on launch day.',
  docs: 'docs/rules/spryker/deploy-production.md',
  targetHelp: DEPLOY_TARGET_HELP,
  examples: [{ target: 'deploy.myshop-production.yml' }, { target: 'deploy.myshop-production.yml', with: { domains: ['myshop.com'], repo: '.' } }],
};

const on = (v: boolean) => (v ? 'on' : 'off');

export const deployProductionRule: Rule<DeployTarget, DeployProductionOptions, DeployFileEvidence> = {
  meta,
  target: DeployTarget,
  targetFromString: deployTargetFromString,
  options: DeployProductionOptions,
  probeInput: deployProbeInput,
  judge(e) {
    const m = e.summary.markers;
    const detail = `environment ${m.environment ?? '(default)'}, SSL ${on(m.ssl)}, debug ${on(m.debug)}, composer ${m.composerMode ?? '(default)'}, assets ${m.assetsMode ?? '(default)'}, mount ${m.mount}`;
    return judgeTopic(meta, e, 'production', undefined, detail);
  },
};
