/**
 * Host name matching against a certificate's subjectAltName, after RFC 6125 §6.4 as browsers apply
 * it: DNS names compare case-insensitively without a trailing dot; a wildcard is only a whole
 * left-most label ("*.example.com") and covers exactly one label, never the bare parent and never
 * "a.b.example.com"; partial wildcards ("w*.example.com") and wildcards over a single label
 * ("*.com") match nothing; IP targets match IP SANs only. The subject CN is ignored (RFC 6125
 * §6.4.4 and every current browser do so when SANs are present, and CAs must include SANs).
 */

const norm = (name: string): string => name.trim().toLowerCase().replace(/\.$/, '');

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** An IP literal in one canonical form (IPv6 compressed, lower case), or undefined for a DNS name. */
export function canonicalIp(text: string): string | undefined {
  const s = text.trim().replace(/^\[|\]$/g, '');
  if (IPV4.test(s)) return s.split('.').map(Number).join('.');
  if (!s.includes(':')) return undefined;
  try {
    return new URL(`http://[${s}]/`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
}

/** Does one DNS SAN entry cover the host name? */
export function dnsNameMatches(pattern: string, host: string): boolean {
  const p = norm(pattern);
  const h = norm(host);
  if (!p.startsWith('*.')) return !p.includes('*') && p === h;
  const parent = p.slice(2);
  if (parent.includes('*') || !parent.includes('.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === parent;
}

/** Is the host (a name or an IP literal) covered by the certificate's SANs? */
export function covers(cert: { dnsNames: string[]; ipAddresses: string[] }, host: string): boolean {
  const ip = canonicalIp(host);
  if (ip !== undefined) return cert.ipAddresses.some((a) => canonicalIp(a) === ip);
  return cert.dnsNames.some((pattern) => dnsNameMatches(pattern, host));
}
