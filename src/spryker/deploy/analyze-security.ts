import { findingsFor, listed, uniqueFindings } from './finding.js';
import type { BasicAuthUser, DeployEndpoint, DeployFinding, DeployModel } from './model.js';

/**
 * Security settings of the endpoints and the image (pure): basic auth still in front of the shop
 * at go-live (CLO-17), default or placeholder credentials, CORS open to every origin, endpoints
 * without real-IP sources (APP-01), and literal secrets in image.environment (APP-17).
 * Messages never repeat a password unless it is a published default.
 */

const { fail, warn, info } = findingsFor('security');

/** Applications visitors reach: a login prompt there locks customers (and crawlers) out. */
const STOREFRONT = new Set(['yves', 'glue', 'glue-storefront', 'static']);

const DEFAULT_PASSWORDS = new Set(['cloud', 'secret', 'password', 'change123', 'changeme', 'change_me', '123456', '12345678', 'admin', 'spryker', 'demo', 'test', 'qwerty']);
const PLACEHOLDER = /change_?me|%[^%\s]+%/i;
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE|CREDENTIAL|API_?KEY|_KEY$|_KEY_/i;
const NOT_SECRET_NAME = /PUBLIC|_KEY_ID$|_HOST$|_PORT$|_URL$/i;
/** Values that refer to a secret instead of holding it: ${VAR}, %param%, empty. */
const REFERENCE = /^\s*(\$\{[^}]+\}|%[^%\s]+%)?\s*$/;

function basicAuth(e: DeployEndpoint, goLive: boolean): DeployFinding[] {
  const auth = e.auth;
  if (!auth || auth.engine !== 'basic') return [];
  if (STOREFRONT.has(e.application)) {
    const build = goLive ? fail : warn;
    return [build('basic-auth-storefront', `${e.key} (${e.application}) is behind basic auth`, 'remove auth: from storefront endpoints before go-live (CLO-17): customers, crawlers and payment callbacks cannot pass a login prompt', auth.at)];
  }
  return [info('basic-auth-back-office', `${e.key} (${e.application}) is behind basic auth`, 'fine as an extra lock on back-office applications; make sure its credentials are not defaults', auth.at)];
}

/** Why a user's credentials are weak, or undefined. Only published defaults are named. */
function weakness(u: BasicAuthUser): string | undefined {
  if (PLACEHOLDER.test(u.username) || PLACEHOLDER.test(u.password)) return `user ${u.username || '(empty)'} still has placeholder credentials`;
  if (u.password === '') return `user ${u.username || '(empty)'} has an empty password`;
  if (u.password === u.username) return `user ${u.username} has the password "${u.password}" (the user name)`;
  if (DEFAULT_PASSWORDS.has(u.password.toLowerCase())) return `user ${u.username} has the well-known password "${u.password}"`;
  return undefined;
}

function credentials(model: DeployModel): DeployFinding[] {
  return model.endpoints.flatMap((e) =>
    (e.auth?.users ?? []).flatMap((u) => {
      const why = weakness(u);
      return why ? [fail('default-credentials', `${why} (basic auth of ${e.key})`, 'set a long random password for each basic-auth user, or better keep it out of the file (see the Parameter Store)', u.at)] : [];
    }),
  );
}

function cors(model: DeployModel): DeployFinding[] {
  return model.endpoints.flatMap((e) =>
    e.corsAllowOrigin === '*' ? [warn('cors-any-origin', `${e.key} allows cross-origin requests from any site (cors-allow-origin: '*')`, 'name the origins that call the API (the storefront host names) instead of *', e.corsAt ?? e.at)] : [],
  );
}

function realIp(model: DeployModel): DeployFinding[] {
  const candidates = model.endpoints.filter((e) => e.application !== 'static');
  const missing = candidates.filter((e) => !e.realIpFrom || e.realIpFrom.length === 0);
  const first = missing[0];
  if (!first) return [];
  return [warn('real-ip-missing', `${missing.length} of ${candidates.length} endpoints have no real-ip.from (${listed(missing.map((e) => e.key))}): logs, rate limits and IP allow lists see the load balancer's address`, 'add real-ip: { from: [10.0.0.0/8, ...CDN ranges] } to every endpoint, e.g. through a shared x-real-ip anchor merged with <<: (APP-01)', first.at)];
}

function secrets(model: DeployModel): DeployFinding[] {
  return Object.entries(model.image.environment).flatMap(([name, value]) => {
    if (!SECRET_NAME.test(name) || NOT_SECRET_NAME.test(name) || REFERENCE.test(value)) return [];
    const at = model.image.environmentAt[name]!;
    return [fail('literal-secret', `image.environment.${name} holds a literal value, so the secret is in the repository and the image`, 'move it to the Parameter Store (Spryker Cloud secrets) and delete it from the deploy file (APP-17); rotate it if it was ever real', at)];
  });
}

export function analyzeSecurity(model: DeployModel, goLive: boolean): DeployFinding[] {
  return uniqueFindings([...model.endpoints.flatMap((e) => basicAuth(e, goLive)), ...credentials(model), ...cors(model), ...realIp(model), ...secrets(model)]);
}
