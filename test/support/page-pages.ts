// The shop pages of the page-check test site (test/support/page-site.ts). Each page runs the REAL
// Sitecore Cloud SDK 0.6.1 (bundled from node_modules at test start, served as /assets/sitecore-cloudsdk.js)
// against the local edge; a page's `PageVariant` says what it gets right or wrong.
//
// The good page (/): <html lang="en-GB">, a consent banner (#accept) before any tracking, VIEW then
// the decision for `homepage_hero`, the hero slot (#hero) filled with the decision's offer
// (data-variant, data-experience), fallback content when personalisation is unavailable, every SDK
// call guarded. /login (fill #email, #password, click #login) sends IDENTITY then a decision for
// `member_offers`; /product (click #add-to-cart) sends ADD.

export interface PageVariant {
  /** <html lang>; null = no attribute. */
  lang: string | null;
  /** Tracking starts only after #accept (a consent cookie remembers it on later pages). */
  waitForConsent: boolean;
  decisionFirst: boolean;
  /** The decision's offer is rendered into #hero. */
  fillSlot: boolean;
  /** Fallback content when there is no decision. */
  fallback: boolean;
  friendlyId: string;
  /** Load the SDK bundle at all. */
  sdk: boolean;
  /** Load the SDK bundle twice (two copies). */
  sdkTwice?: boolean;
  /** Content-Security-Policy header value. */
  csp?: string;
  /** Rewrite the address with history.replaceState between VIEW and the decision (UTM stripping): still the same page. */
  replaceState?: boolean;
}

export const GOOD: PageVariant = { lang: 'en-GB', waitForConsent: true, decisionFirst: false, fillSlot: true, fallback: true, friendlyId: 'homepage_hero', sdk: true };

/** Path -> what is wrong with it (on the production host). */
export const BROKEN: Record<string, Partial<PageVariant>> = {
  '/no-lang': { lang: null },
  '/decision-first': { decisionFirst: true },
  '/replace-state': { replaceState: true },
  '/tracking-first': { waitForConsent: false },
  '/slot-never-filled': { fillSlot: false, fallback: false },
  '/no-fallback': { fallback: false },
  '/token': { friendlyId: 'homepage_hero_tokens' },
  '/csp': { csp: "default-src 'self'; script-src 'self' 'unsafe-inline'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'" },
  '/two-copies': { sdkTwice: true },
};

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page's own script: plain JavaScript, guarded the way a careful site guards the SDK. */
function shopScript(v: PageVariant, edge: string, extra: string): string {
  return `
(function () {
  var cfg = ${JSON.stringify({ edge, friendlyId: v.friendlyId, decisionFirst: v.decisionFirst, fillSlot: v.fillSlot, fallback: v.fallback, waitForConsent: v.waitForConsent, replaceState: v.replaceState === true })};
  var sdk = window.ShopSDK;
  var started = false;
  function render(d) {
    var slot = document.getElementById('hero');
    if (!slot) return;
    if (d && d.title && cfg.fillSlot) {
      slot.innerHTML = '<div class="offer" data-variant="' + d.variant + '" data-experience="' + d.experience + '"><h2>' + d.title + '</h2><a href="' + d.link + '">Shop now</a><img src="' + d.image + '" alt="offer" width="120" height="60"></div>';
    } else if (cfg.fallback && !d) {
      slot.innerHTML = '<div class="fallback"><h2>Our bestsellers</h2><a href="/bestsellers">See all</a></div>';
    }
  }
  window.shopStart = async function () {
    if (started || !sdk) { if (!sdk) render(null); return; }
    started = true;
    var decision = null;
    try {
      sdk.CloudSDK({ sitecoreEdgeContextId: 'ctx-golive-test', siteName: 'shop', sitecoreEdgeUrl: cfg.edge, enableBrowserCookie: true }).addEvents().addPersonalize().initialize();
      var view = function () { return sdk.pageView({ channel: 'WEB', currency: 'EUR' }); };
      var decide = function (id) { return sdk.personalize({ channel: 'WEB', currency: 'EUR', friendlyId: id || cfg.friendlyId }, { timeout: 2000 }); };
      window.shopDecide = decide;
      if (cfg.decisionFirst) { decision = await decide(); await view(); } else {
        await view();
        if (cfg.replaceState) history.replaceState(null, '', location.pathname + '?utm_source=stripped');
        decision = await decide();
      }
    } catch (e) {
      console.warn('personalisation unavailable: ' + e);
    }
    render(decision);
  };
  document.getElementById('accept').addEventListener('click', function () {
    document.cookie = 'consent=yes; path=/';
    document.getElementById('consent').remove();
    window.shopStart();
  });
  if (!cfg.waitForConsent || document.cookie.indexOf('consent=yes') >= 0) window.shopStart();
  ${extra}
})();`;
}

const LOGIN = `
  var form = document.getElementById('login-form');
  if (form) form.addEventListener('submit', async function (ev) {
    ev.preventDefault();
    var email = document.getElementById('email').value;
    try {
      await window.ShopSDK.identity({ channel: 'WEB', currency: 'EUR', email: email, identifiers: [{ id: email, provider: 'email' }] });
      var offers = await window.shopDecide('member_offers');
      document.getElementById('welcome').textContent = 'Welcome back' + (offers && offers.title ? ': ' + offers.title : '');
    } catch (e) { console.warn('identity not sent: ' + e); }
  });`;

const CART = `
  var add = document.getElementById('add-to-cart');
  if (add) add.addEventListener('click', async function () {
    try {
      await window.ShopSDK.event({ type: 'ADD', channel: 'WEB', currency: 'EUR', product: { type: 'BOOTS', item_id: 'SKU-1', name: 'Trail boots', productId: 'SKU-1', referenceId: 'REF-1', orderedAt: new Date().toISOString(), quantity: 1, price: 89.9, currency: 'EUR' } });
      document.getElementById('cart').textContent = '1 item';
    } catch (e) { console.warn('ADD not sent: ' + e); }
  });`;

const BODY: Record<string, string> = {
  home: '<h1>Welcome to the shop</h1><section id="hero" class="slot" style="min-height:120px"></section><p>Free delivery over 50 EUR.</p>',
  login: '<h1>Log in</h1><form id="login-form"><input id="email" type="email"><input id="password" type="password"><button id="login" type="submit">Log in</button></form><p id="welcome"></p><section id="hero" class="slot"></section>',
  product: '<h1>Trail boots</h1><button id="add-to-cart">Add to cart</button><span id="cart"></span><section id="hero" class="slot"></section>',
};

/** One shop page as HTML. */
export function shopPage(v: PageVariant, edge: string, kind: 'home' | 'login' | 'product' = 'home'): string {
  const lang = v.lang === null ? '' : ` lang="${esc(v.lang)}"`;
  // Two copies: a tag manager's copy initialised on its own, then the site's bundle.
  const tagManager = `<script>window.TagSDK = window.ShopSDK; window.TagSDK.CloudSDK(${JSON.stringify({ sitecoreEdgeContextId: 'ctx-golive-test', siteName: 'shop', sitecoreEdgeUrl: edge })}).addEvents().initialize();</script><script src="/assets/sitecore-cloudsdk.js?copy=2"></script>`;
  const sdk = v.sdk ? `<script src="/assets/sitecore-cloudsdk.js"></script>${v.sdkTwice ? tagManager : ''}` : '';
  const extra = kind === 'login' ? LOGIN : kind === 'product' ? CART : '';
  return `<!doctype html><html${lang}><head><meta charset="utf-8"><title>Shop</title>${sdk}</head><body>
<div id="consent"><p>We use cookies.</p><button id="accept">Accept cookies</button></div>
<main>${BODY[kind]}<nav><a href="/login">Log in</a> <a href="/product">Boots</a></nav></main>
<script>${shopScript(v, edge, extra)}</script></body></html>`;
}
