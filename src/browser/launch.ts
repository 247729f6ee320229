import { accessSync, constants } from 'node:fs';
import type { Browser } from 'playwright-core';
import { ProbeError, type NetOptions } from '../checks/types.js';

/** Debian's Chromium; never a browser that playwright downloads. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The Chromium to drive: GOLIVE_CHROMIUM when set (another path, a wrapper), else Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.GOLIVE_CHROMIUM?.trim() || DEFAULT_CHROMIUM;
}

const INSTALL_HINT = 'install Debian\'s Chromium (apt-get install chromium), or point GOLIVE_CHROMIUM at a Chromium or Chrome binary';

/**
 * --resolve overrides as Chromium's --host-resolver-rules: "host:443" -> 10.0.0.5 becomes
 * `MAP host:443 10.0.0.5`, "host:*" becomes `MAP host 10.0.0.5`. Chromium takes the first rule that
 * matches, so port-specific rules come first. The name stays the TLS server name and Host header.
 */
export function hostResolverRules(resolve: Record<string, string>): string | undefined {
  const rules = Object.entries(resolve).map(([key, address]) => {
    const cut = key.lastIndexOf(':');
    const host = cut > 0 ? key.slice(0, cut) : key;
    const port = cut > 0 ? key.slice(cut + 1) : '*';
    const to = address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
    return { anyPort: port === '*', text: port === '*' ? `MAP ${host} ${to}` : `MAP ${host}:${port} ${to}` };
  });
  if (rules.length === 0) return undefined;
  return [...rules.filter((r) => !r.anyPort), ...rules.filter((r) => r.anyPort)].map((r) => r.text).join(', ');
}

function checkExecutable(path: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch (err) {
    throw new ProbeError('FILE_NOT_FOUND', `no Chromium at ${path}: the page checks drive a real browser`, { cause: err, hint: INSTALL_HINT });
  }
}

/**
 * Launches headless Chromium with the run's host overrides (and, with `proxy`, every site reached
 * through it: see resolver-proxy.ts). Signals stay with golive: its own
 * Ctrl-C handling ends the run and closes the browser (playwright's would exit the process first);
 * playwright still kills the browser if the process exits without closing it.
 */
export async function launchChromium(net: NetOptions, env: NodeJS.ProcessEnv = process.env, proxy?: { server: string; username: string; password: string }): Promise<Browser> {
  const executablePath = chromiumPath(env);
  checkExecutable(executablePath);
  const rules = hostResolverRules(net.resolve);
  // Loaded here, not at module top: the CLI starts without playwright unless a page check runs.
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({
      executablePath,
      headless: true,
      handleSIGINT: false,
      handleSIGTERM: false,
      timeout: Math.max(30_000, net.timeoutMs),
      ...(proxy ? { proxy } : {}),
      args: [...(rules ? [`--host-resolver-rules=${rules}`] : []), '--disable-background-networking', '--no-first-run', '--disable-dev-shm-usage'],
    });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new ProbeError('FILE_UNREADABLE', `Chromium at ${executablePath} did not start: ${message}`, { cause: err, hint: `${INSTALL_HINT}; run it by hand (${executablePath} --headless --dump-dom about:blank) to see why it fails` });
  }
}
