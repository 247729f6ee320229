import { describe, expect, it } from 'vitest';
import { hostIssue, mailDomainIssue, normaliseDomain } from './hosts.js';

describe('host names that must not go live', () => {
  it.each([
    ['www.de.shop.com', [], undefined],
    ['www.de.shop.com', ['shop.com'], undefined],
    ['shop.com', ['shop.com'], undefined],
    ['www.de.othershop.com', ['shop.com'], 'outside-domains'],
    ['notshop.com', ['shop.com'], 'outside-domains'],
    ['yves.de.spryker.local', [], 'local'],
    ['localhost', ['shop.com'], 'local'],
    ['127.0.0.1', [], 'local'],
    ['www.example.com', [], 'example'],
    ['de.example.demo-spryker.com', [], 'example'],
    ['shop.test', [], 'example'],
    ['www.de.b2c.demo-spryker.com', [], 'demo'],
    ['www.de.b2c.demo-spryker.com', ['demo-spryker.com'], undefined],
    ['myshop-production.cloud.spryker.toys', [], 'spryker-toys'],
    ['www.CHANGE_ME.com', ['change_me.com'], 'placeholder'],
    ['www.%domain%', [], 'placeholder'],
  ] as [string, string[], string | undefined][])('%s with domains %j: %s', (host, domains, issue) => {
    expect(hostIssue(host.toLowerCase(), domains)).toBe(issue);
  });

  it.each([
    ['shop.com', [], undefined],
    ['spryker.com', [], 'demo'],
    ['spryker.com', ['shop.com'], 'demo'],
    ['spryker.local', ['shop.com'], 'local'],
    ['mailer.net', ['shop.com'], 'outside-domains'],
    ['mail.shop.com', ['shop.com'], undefined],
  ] as [string, string[], string | undefined][])('mail domain %s with domains %j: %s', (domain, domains, issue) => {
    expect(mailDomainIssue(domain, domains)).toBe(issue);
  });

  it('normalises declared domains written as URLs, wildcards or with a trailing dot', () => {
    expect(['https://Shop.com/', '*.shop.com', 'shop.com.', ' shop.com:443 '].map(normaliseDomain)).toEqual(['shop.com', 'shop.com', 'shop.com', 'shop.com']);
  });
});
