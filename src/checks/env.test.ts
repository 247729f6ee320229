import { describe, expect, it } from 'vitest';
import { envRefs, envVars, interpolate } from './env.js';

describe('${env.*} in check targets', () => {
  const production = { url: 'https://www.shop.example:8443/', hosts: [], vars: { apex: 'shop.example', host: 'override.example' }, network: {}, loginProbes: false };

  it('derives url, host (with a non-default port), hostname, httpUrl and apexUrl; vars win', () => {
    const vars = envVars('production', { ...production, vars: { apex: 'shop.example' } });
    expect(vars).toMatchObject({ name: 'production', url: 'https://www.shop.example:8443/', host: 'www.shop.example:8443', hostname: 'www.shop.example', httpUrl: 'http://www.shop.example/', apexUrl: 'http://shop.example/' });
    expect(envVars('production', production).host).toBe('override.example');
    expect(envVars('staging', { url: 'https://staging.shop.example', hosts: [], vars: {}, network: {}, loginProbes: false }).host).toBe('staging.shop.example');
  });

  it('replaces references deeply and lists the ones that are not set', () => {
    const r = interpolate({ target: '${env.hostname}', with: { names: ['${env.apex}', 'x'], port: 1, n: '${env.nope}' } }, envVars('production', production));
    expect(r.value).toEqual({ target: 'www.shop.example', with: { names: ['shop.example', 'x'], port: 1, n: '${env.nope}' } });
    expect(r.missing).toEqual(['nope']);
    expect(envRefs({ a: ['${env.a}', '${env.b}-${env.a}'] })).toEqual(['a', 'b']);
  });
});
