/**
 * Code that runs inside the page, kept as plain JavaScript text: functions compiled by a
 * TypeScript loader can carry helper calls that do not exist in the page.
 *
 * The init script runs before any of the page's own scripts and records into `window.__golive`:
 * CSP violations (securitypolicyviolation), LCP, FCP, CLS (largest session window, as web-vitals
 * counts it) and long tasks (for total blocking time) from buffered PerformanceObservers, how many
 * distinct copies of the Cloud SDK and the Engage SDK assigned their global, and when each
 * declared slot first matched its selector with content (ms since the document started).
 */
export interface SlotWatch {
  name: string;
  selector: string;
  /** A selector inside the slot that marks it filled (personalised content); default: any text or media. */
  filled?: string;
}

export function initScript(slots: SlotWatch[]): string {
  return `(() => {
  if (window.__golive) return;
  const cfg = ${JSON.stringify({ slots })};
  const g = { csp: [], slots: {}, lcp: null, fcp: null, cls: 0, longTasks: [], copies: {} };
  Object.defineProperty(window, '__golive', { value: g, enumerable: false });
  const now = () => Math.round(performance.now());
  document.addEventListener('securitypolicyviolation', (e) => {
    if (g.csp.length < 50) g.csp.push({ blockedUri: String(e.blockedURI || ''), directive: String(e.effectiveDirective || e.violatedDirective || ''), source: String(e.sourceFile || ''), disposition: String(e.disposition || ''), at: now() });
  }, true);
  const observe = (type, fn) => { try { new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true }); } catch (e) {} };
  observe('largest-contentful-paint', (e) => { g.lcp = Math.round(e.startTime); });
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') g.fcp = Math.round(e.startTime); });
  observe('longtask', (e) => { if (g.longTasks.length < 1000) g.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]); });
  let win = 0, winStart = -1e9, last = -1e9;
  observe('layout-shift', (e) => {
    if (e.hadRecentInput) return;
    if (e.startTime - last > 1000 || e.startTime - winStart > 5000) { win = 0; winStart = e.startTime; }
    win += e.value; last = e.startTime;
    if (win > g.cls) g.cls = win;
  });
  const watch = (name, mark) => {
    let value; const seen = new Set();
    try {
      Object.defineProperty(window, name, { configurable: true, enumerable: true, get: () => value, set: (x) => {
        value = x; const id = mark(x);
        if (id && !seen.has(id)) { seen.add(id); g.copies[name] = seen.size; }
      } });
    } catch (e) {}
  };
  watch('scCloudSDK', (x) => x && x.core && x.core.getBrowserId);
  watch('Engage', (x) => (x && typeof x === 'object' ? x : null));
  const media = 'img,picture,video,iframe,svg,canvas';
  const isFilled = (el, inner) => {
    // A marker (data-variant) may sit on the container itself, and its presence says the content came.
    if (inner) { try { if (el.matches(inner) || el.querySelector(inner)) return true; } catch (e) { return false; } return false; }
    return ((el.textContent || '').trim().length > 0) || el.matches(media) || !!el.querySelector(media);
  };
  const check = () => {
    for (const s of cfg.slots) {
      if (g.slots[s.name] !== undefined) continue;
      let el = null;
      try { el = document.querySelector(s.selector); } catch (e) { continue; }
      if (el && isFilled(el, s.filled)) g.slots[s.name] = now();
    }
  };
  if (cfg.slots.length > 0) {
    new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    document.addEventListener('DOMContentLoaded', check);
  }
})();`;
}

/** What the page holds at the end: read with page.evaluate. */
export function stateScript(slots: SlotWatch[]): string {
  return `(() => {
  const g = window.__golive || { csp: [], slots: {}, lcp: null, fcp: null, cls: 0, longTasks: [], copies: {} };
  const text = (s, n) => String(s == null ? '' : s).replace(/\\s+/g, ' ').trim().slice(0, n);
  const sdk = window.scCloudSDK;
  const cloud = sdk && typeof sdk === 'object' ? {
    core: sdk.core ? { version: text(sdk.core.version, 40), settings: sdk.core.settings ? { sitecoreEdgeUrl: text(sdk.core.settings.sitecoreEdgeUrl, 200), siteName: text(sdk.core.settings.siteName, 100), sitecoreEdgeContextId: text(sdk.core.settings.sitecoreEdgeContextId, 100) } : undefined } : undefined,
    events: sdk.events ? { version: text(sdk.events.version, 40) } : undefined,
    personalize: sdk.personalize ? { version: text(sdk.personalize.version, 40) } : undefined,
  } : undefined;
  const engage = window.Engage && typeof window.Engage === 'object' ? { version: text(window.Engage.version || (window.Engage.settings && window.Engage.settings.version) || '', 40) } : undefined;
  const slots = ${JSON.stringify(slots)}.map((s) => {
    let el = null;
    try { el = document.querySelector(s.selector); } catch (e) {}
    if (!el) return { name: s.name, found: false };
    const attrs = {};
    for (const node of [el, ...el.querySelectorAll('*')].slice(0, 200)) {
      for (const a of node.attributes) if (/^data-.*(variant|experience|experiment|decision|offer)/i.test(a.name) && Object.keys(attrs).length < 10) attrs[a.name] = text(a.value, 100);
    }
    const r = el.getBoundingClientRect();
    return {
      name: s.name, found: true, visible: r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden',
      text: text(el.innerText, 600),
      links: [...el.querySelectorAll('a[href]')].slice(0, 10).map((a) => ({ href: a.href, text: text(a.innerText, 80) })),
      images: [...el.querySelectorAll('img')].slice(0, 10).map((i) => {
        // A lazy image not asked for yet is fetched by the probe: its URL is kept whole.
        const lazy = i.loading === 'lazy' && !i.complete;
        return Object.assign({ src: text(i.currentSrc || i.src, lazy ? 4000 : 300), loaded: i.complete && i.naturalWidth > 0 }, lazy ? { lazy: true } : {});
      }),
      attributes: attrs,
    };
  });
  return {
    lang: document.documentElement ? document.documentElement.getAttribute('lang') : null,
    title: text(document.title, 200),
    scripts: [...document.scripts].map((s) => s.src).filter(Boolean).slice(0, 100),
    cloud, engage, copies: g.copies, csp: g.csp, slotTimes: g.slots, slots,
    metrics: { lcpMs: g.lcp, fcpMs: g.fcp, cls: Math.round(g.cls * 10000) / 10000, longTasks: g.longTasks },
  };
})()`;
}

/** True when every declared slot has been filled (polled while waiting). */
export function slotsFilledScript(names: string[]): string {
  return `(() => { const g = window.__golive; return !!g && ${JSON.stringify(names)}.every((n) => g.slots[n] !== undefined); })()`;
}
