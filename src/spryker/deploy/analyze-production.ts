import { findingsFor, uniqueFindings } from './finding.js';
import type { DeployFinding, DeployModel, Setting } from './model.js';

/**
 * Production markers (pure): the settings that make a deploy file build and run a production
 * image (Docker SDK reference; Spryker Cloud production files), placeholders left in the file,
 * and imports that could not be read.
 */

const { fail, warn } = findingsFor('production');

const NON_PRODUCTION_ENV = /(^|[.\-_])(dev|development|ci|test|testing|local|demo)([.\-_]|$)/i;

function environment(s: Setting<string | null>): DeployFinding[] {
  if (s.value === null) return [warn('environment-not-production', 'environment is not set', 'set environment: docker.prod (or the production value the project uses); it selects APPLICATION_ENV and config_default-<env>.php', s.at)];
  if (!NON_PRODUCTION_ENV.test(s.value)) return [];
  return [fail('environment-not-production', `environment is ${s.value}, a development or CI environment`, 'set environment to the production value (docker.prod, docker.production or docker); it selects APPLICATION_ENV and the config files', s.at)];
}

function switches(model: DeployModel): DeployFinding[] {
  const m = model.markers;
  const out: DeployFinding[] = [];
  if (!m.ssl.value) out.push(fail('ssl-disabled', m.ssl.set ? 'docker.ssl.enabled is off: endpoints are served over plain HTTP' : 'docker.ssl.enabled is not set and defaults to off', 'set docker.ssl.enabled: true (and docker.ssl.redirect: true)', m.ssl.at));
  if (m.debug.value) out.push(fail('debug-enabled', 'docker.debug.enabled is on: every application runs in debug mode', 'set docker.debug.enabled: false for production', m.debug.at));
  if (m.xdebug.value) out.push(fail('xdebug-enabled', 'docker.debug.xdebug.enabled is on: Xdebug slows every request and exposes a debugger', 'set docker.debug.xdebug.enabled: false for production', m.xdebug.at));
  if (m.maintenance.value) out.push(warn('maintenance-enabled', 'docker.maintenance.enabled is on: visitors see the maintenance page', 'switch maintenance off in the file (or with the Maintenance_Disable pipeline) before go-live', m.maintenance.at));
  if (m.mount.value !== 'baked') out.push(fail('mount-not-baked', `docker.mount is ${m.mount.value}: source files are mounted from the host instead of baked into the image`, 'use docker.mount.baked (the default) for production images', m.mount.at));
  return out;
}

function build(model: DeployModel): DeployFinding[] {
  const { composerMode: composer, assetsMode: assets } = model.markers;
  const out: DeployFinding[] = [];
  if (!composer.value?.includes('--no-dev')) {
    const hint = 'set composer.mode: --no-dev so the image carries no development packages';
    out.push(composer.set ? fail('composer-dev-dependencies', `composer.mode is ${composer.value ?? 'empty'}: development packages are installed`, hint, composer.at) : warn('composer-dev-dependencies', 'composer.mode is not set: whether development packages are installed depends on how the image is built', hint, composer.at));
  }
  if (assets.value !== 'production') {
    const hint = 'set assets.mode: production (minified frontend assets)';
    out.push(assets.set ? fail('assets-not-production', `assets.mode is ${assets.value ?? 'empty'}, not production`, hint, assets.at) : warn('assets-not-production', 'assets.mode is not set: assets may be built in development mode', hint, assets.at));
  }
  return out;
}

/** Placeholders outside endpoint hosts and basic-auth users (those have their own findings). */
function placeholders(model: DeployModel): DeployFinding[] {
  const owned = (path: string) => model.endpoints.some((e) => path === e.at.path || path.startsWith(`${e.at.path}.auth`));
  return model.placeholders
    .filter((p) => !owned(p.at.path))
    .map((p) =>
      p.kind === 'parameter'
        ? fail('placeholder-value', `${p.at.path || 'a key'} holds an unresolved parameter: ${p.value}`, 'pass the parameter in the import that uses the template, or write the value', p.at)
        : fail('placeholder-value', `${p.at.path || 'a key'} still holds a placeholder: ${p.value}`, 'replace CHANGE_ME with the real value before the file is deployed', p.at),
    );
}

function imports(model: DeployModel): DeployFinding[] {
  return model.problems.filter((p) => p.code === 'import-not-found').map((p) => warn('import-not-found', p.message, p.hint, p.at));
}

export function analyzeProduction(model: DeployModel): DeployFinding[] {
  return uniqueFindings([...environment(model.markers.environment), ...switches(model), ...build(model), ...placeholders(model), ...imports(model)]);
}
