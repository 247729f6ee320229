import { dispatcherFor } from '../../net/http.js';
import { ACCEPT_HTML, deadline, headerText } from '../http/client.js';
import type { Probe, ProbeContext } from '../types.js';
import { call } from './demo-client.js';
import type { BackofficeEvidence } from './demo-evidence.js';
import { DemoBackofficeInput } from './demo-inputs.js';

export { DemoBackofficeInput } from './demo-inputs.js';

/**
 * One GET of the Back Office login page, redirects not followed: does it answer everyone with a
 * login form, ask for basic auth, or refuse (an IP allow-list, a WAF)? No login is sent.
 */

const PASSWORD_FIELD = /<input\b[^>]*\btype\s*=\s*["']?password\b/i;

async function run(input: DemoBackofficeInput, ctx: ProbeContext): Promise<BackofficeEvidence> {
  const signal = deadline(ctx.signal, ctx.net.timeoutMs);
  const dispatcher = dispatcherFor(ctx.net, signal);
  try {
    const a = await call(dispatcher, input.url, { method: 'GET', headers: { accept: ACCEPT_HTML }, limit: 512 * 1024 }, signal);
    const location = headerText(a.headers, 'location');
    const authenticate = headerText(a.headers, 'www-authenticate');
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(a.body)?.[1]?.trim().slice(0, 120);
    ctx.log.debug('spryker/demo-backoffice', { url: input.url, status: a.status });
    return {
      url: input.url,
      status: a.status,
      ...(location ? { location: new URL(location, input.url).toString() } : {}),
      ...(authenticate ? { authenticate: authenticate.slice(0, 200) } : {}),
      passwordField: PASSWORD_FIELD.test(a.body),
      ...(title ? { title } : {}),
      ...(a.demoShop ? { demoShop: true } : {}),
    };
  } finally {
    await dispatcher.destroy();
  }
}

export const demoBackofficeProbe: Probe<DemoBackofficeInput, BackofficeEvidence> = {
  id: 'spryker/demo-backoffice',
  description: 'Requests the Back Office login page once (no login, no redirects) and records the status, any basic-auth challenge and whether it shows a password field.',
  input: DemoBackofficeInput,
  run,
};
