import { rootCertificates } from 'node:tls';
import type { NetOptions } from '../checks/types.js';

/** The CA list for a TLS client: Node's bundled roots plus the user's --ca-file certificates. */
export function trustedCas(net: NetOptions): string[] | undefined {
  return net.ca.length > 0 ? [...rootCertificates, ...net.ca] : undefined;
}
