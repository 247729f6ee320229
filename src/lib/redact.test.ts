import { describe, expect, it } from 'vitest';
import { redactEvidence, redactUrl } from './redact.js';

describe('redactUrl', () => {
  it.each([
    ['https://edge.example/v1/personalize?sc_apikey=S3CR3T&x=1', 'https://edge.example/v1/personalize?sc_apikey=***&x=1'],
    ['https://api.example/?client_secret=S3CR3T&subscription-key=S3CR3T', 'https://api.example/?client_secret=***&subscription-key=***'],
    ['https://s3.example/o?X-Amz-Signature=abc&X-Amz-Credential=def&page=2', 'https://s3.example/o?X-Amz-Signature=***&X-Amz-Credential=***&page=2'],
    ['https://shop.example/search?keyword=boots&monkey=1', 'https://shop.example/search?keyword=boots&monkey=1'],
    ['https://user:pass@host.example/', 'https://user:***@host.example/'],
    ['https://T0KEN@host.example/', 'https://***@host.example/'],
    ['not a url ?token=x', 'not a url ?token=x'],
  ])('%s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it('redacts URLs, secret-looking keys and known secret values inside evidence', () => {
    const e = redactEvidence({ url: 'https://a.example/?access_token=abc', headers: { authorization: 'Bearer x' }, note: 'sent S3CR3TVALUE' }, ['S3CR3TVALUE']);
    expect(e).toEqual({ url: 'https://a.example/?access_token=***', headers: { authorization: '***' }, note: 'sent ***' });
  });

  it('blanks a secret with characters encodeURIComponent leaves alone, as forms and URLSearchParams encode it', () => {
    const secret = "Summer 2024!'(x)~";
    const form = new URLSearchParams({ user: 'ann', pw: secret }).toString();
    const e = redactEvidence({ body: form, lower: form.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()), url: `https://shop.example/login?access_token=zz&pw=${encodeURIComponent(secret)}` }, [secret]);
    expect(e).toEqual({ body: 'user=ann&pw=***', lower: 'user=ann&pw=***', url: 'https://shop.example/login?access_token=***&pw=***' });
  });

  it('blanks a known secret in its encoded forms too: URL, form body with + or %20, lowercase hex, JSON', () => {
    const secret = 'p@ss wörd/"1"&x';
    const e = redactEvidence({
      url: `https://shop.example/login?next=%2F&u=${encodeURIComponent(secret)}`,
      body: `user=ann&pw=${encodeURIComponent(secret).replaceAll('%20', '+')}`,
      lower: encodeURIComponent(secret).toLowerCase(),
      json: JSON.stringify({ p: secret }),
      path: `https://shop.example/${encodeURI(secret)}`,
      plain: `typed ${secret}`,
    }, [secret]);
    expect(JSON.stringify(e)).not.toMatch(/p@ss|p%40ss|ss%20w|ss\+w|w%C3%B6rd|w%c3%b6rd|wörd/);
    expect(e).toEqual({
      url: 'https://shop.example/login?next=%2F&u=***', body: 'user=ann&pw=***', lower: '***',
      json: '{"p":"***"}', path: 'https://shop.example/***', plain: 'typed ***',
    });
  });
});
