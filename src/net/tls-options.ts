import { createSecureContext, rootCertificates, type ConnectionOptions, type SecureContext } from 'node:tls';
import type { NetOptions } from '../checks/types.js';

const merged = new WeakMap<string[], string[]>();

/**
 * The CA list for a TLS client: Node's bundled roots plus the user's --ca-file certificates, or
 * undefined for Node's defaults. The same array for the same NetOptions, so contexts can be shared.
 */
export function trustedCas(net: NetOptions): string[] | undefined {
  if (net.ca.length === 0) return undefined;
  let list = merged.get(net.ca);
  if (!list) {
    list = [...rootCertificates, ...net.ca];
    merged.set(net.ca, list);
  }
  return list;
}

const contexts = new WeakMap<object, Map<string, SecureContext>>();

/**
 * Connection options with `ca` (and the versions and ciphers that belong to it) turned into one
 * shared SecureContext. Passing ~150 PEM roots as `ca` makes Node parse all of them on every
 * connection, which dominated a sweep's CPU time; a context built once per CA list does not.
 */
export function withSharedContext(options: ConnectionOptions): ConnectionOptions {
  const { ca, minVersion, maxVersion, ciphers, ...rest } = options;
  if (!Array.isArray(ca) || options.secureContext) return options;
  const key = `${minVersion ?? ''}|${maxVersion ?? ''}|${ciphers ?? ''}`;
  let byKey = contexts.get(ca);
  if (!byKey) {
    byKey = new Map();
    contexts.set(ca, byKey);
  }
  let context = byKey.get(key);
  if (!context) {
    context = createSecureContext({ ca, ...(minVersion ? { minVersion } : {}), ...(maxVersion ? { maxVersion } : {}), ...(ciphers ? { ciphers } : {}) });
    byKey.set(key, context);
  }
  return { ...rest, secureContext: context };
}
