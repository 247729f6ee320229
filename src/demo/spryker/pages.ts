import { sendHealth, sendPage, sendText, type Exchange, type Route } from './respond.js';

/** The storefront (Yves) and the Back Office of the test shop: HTML pages, a login form, health. */

/** The staging default of the deploy files; any other credentials are refused. */
const BASIC_AUTH = `Basic ${Buffer.from('cloud:cloud').toString('base64')}`;

const DEMO_PAGES: Record<string, { title: string; body: string }> = {
  '/en/demo-landing-page': { title: 'Demo landing page', body: '<h1>Demo landing page</h1><p>Questions? Write to info@spryker.com (text of the public demo data).</p>' },
  '/en/lorem': { title: 'Lorem', body: '<h1>Lorem</h1><p>Lorem ipsum dolor sit amet.</p>' },
  '/en/dolor': { title: 'Dolor', body: '<h1>Dolor</h1><p>Dolor sit amet.</p>' },
  '/en/canon-ixus-160-1': { title: 'Canon IXUS 160', body: '<h1>Canon IXUS 160</h1><p>SKU 001 of the demo catalogue.</p>' },
  '/de/canon-ixus-160-1': { title: 'Canon IXUS 160', body: '<h1>Canon IXUS 160</h1><p>SKU 001 aus dem Demo-Katalog.</p>' },
};

function storefront(x: Exchange): void {
  const path = x.url.pathname;
  if (path === '/health-check') return sendHealth(x, ['session', 'storage', 'search', 'zed-request']);
  if (path === '/') return sendPage(x, 200, 'Home', '<h1>Welcome to the golive demo shop</h1>');
  if (path === '/robots.txt') return sendText(x, 200, 'User-agent: *\nDisallow: /checkout');
  const demo = DEMO_PAGES[path];
  if (demo && x.problems.demoCatalogue) return sendPage(x, 200, demo.title, demo.body);
  if (x.problems.softNotFound) return sendPage(x, 200, 'Home', '<h1>Welcome to the golive demo shop</h1><p>Every unknown path lands here.</p>');
  sendPage(x, 404, 'Page not found', '<h1>Page not found</h1>');
}

export const yves: Route = (x) => {
  if (x.problems.basicAuthOnStorefront && x.req.headers.authorization !== BASIC_AUTH) {
    return sendText(x, 401, 'Authentication required.', { 'www-authenticate': 'Basic realm="golive demo storefront"' });
  }
  storefront(x);
};

const LOGIN_FORM = '<h1>Back Office login</h1><form method="post" action="/security-gui/login">'
  + '<label>E-mail <input type="email" name="auth[username]"></label>'
  + '<label>Password <input type="password" name="auth[password]"></label>'
  + '<button type="submit">Log in</button></form>';

export const backoffice: Route = (x) => {
  const path = x.url.pathname;
  // The demo shops exempt the health check from the Back Office's access control.
  if (path === '/health-check') return sendHealth(x, ['database', 'session', 'storage', 'search']);
  if (!x.problems.backofficePublic) return sendText(x, 403, 'Access denied: this address is not on the Back Office allow-list.');
  if (path === '/security-gui/login' && x.req.method === 'GET') return sendPage(x, 200, 'Back Office login', LOGIN_FORM);
  x.res.writeHead(302, { location: '/security-gui/login' }).end();
};

export function apex(yvesOrigin: string): Route {
  return (x) => void x.res.writeHead(301, { location: `${yvesOrigin}${x.url.pathname}${x.url.search}` }).end();
}
