/**
 * Host names that must not go live (pure): placeholders, local development names, reserved example
 * names, Spryker's demo domains, and the default non-public Spryker Cloud domain.
 */

export type HostIssue = 'placeholder' | 'local' | 'example' | 'demo' | 'spryker-toys' | 'outside-domains';

/** `Shop.Example.com.` -> `shop.example.com`; a URL or an email gives its host. */
export function normaliseDomain(value: string): string {
  const v = value.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^[^@/]*@/, '');
  return v.split(/[/:]/)[0]!.replace(/^\*\./, '').replace(/\.+$/, '');
}

/** The host is the domain or below it. */
export const within = (host: string, domain: string): boolean => host === domain || host.endsWith(`.${domain}`);

const PLACEHOLDER = /change_?me|%[^%\s]+%|\$\{|\{\{|<[^>]*>/i;
const LOCAL_SUFFIXES = ['local', 'localhost', 'internal', 'lan'];
const EXAMPLE_DOMAINS = ['example.com', 'example.net', 'example.org', 'example', 'test', 'invalid'];
const DEMO_DOMAINS = ['demo-spryker.com'];
const TOYS_DOMAINS = ['spryker.toys'];

const underAny = (host: string, domains: string[]) => domains.some((d) => within(host, d));

const isLoopback = (host: string) => host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === '[::1]';

/** What is wrong with a host for a production deploy file; undefined when nothing is. */
export function hostIssue(host: string, domains: string[] = []): HostIssue | undefined {
  if (PLACEHOLDER.test(host)) return 'placeholder';
  if (domains.length > 0 && underAny(host, domains)) return undefined;
  if (isLoopback(host) || underAny(host, LOCAL_SUFFIXES)) return 'local';
  if (underAny(host, EXAMPLE_DOMAINS) || host.split('.').includes('example')) return 'example';
  if (underAny(host, DEMO_DOMAINS)) return 'demo';
  if (underAny(host, TOYS_DOMAINS)) return 'spryker-toys';
  return domains.length > 0 ? 'outside-domains' : undefined;
}

/** Mail sender domains that are Spryker's own or not real (the demo shops send from spryker.local). */
export function mailDomainIssue(domain: string, domains: string[] = []): HostIssue | undefined {
  const issue = hostIssue(domain, domains);
  if (issue && issue !== 'outside-domains') return issue;
  if (domains.length > 0 && underAny(domain, domains)) return undefined;
  return within(domain, 'spryker.com') ? 'demo' : issue;
}
