import { describe, expect, it } from 'vitest';
import { emptyScan, withHeaders } from './fixture.js';
import { gradeFor, observatory, score, SCORE_TABLE } from './score.js';
import type { TestOutcome } from './types.js';

// Re-expressed from @mdn/mdn-http-observatory 1.4.8 test/grader.test.js and src/scanner/index.js.
describe('Observatory grade chart', () => {
  it.each([
    [120, 'A+'], [100, 'A+'], [99, 'A'], [90, 'A'], [89, 'A-'], [85, 'A-'], [84, 'B+'], [80, 'B+'], [79, 'B'], [70, 'B'], [69, 'B-'], [65, 'B-'],
    [64, 'C+'], [60, 'C+'], [59, 'C'], [50, 'C'], [49, 'C-'], [45, 'C-'], [44, 'D+'], [40, 'D+'], [39, 'D'], [30, 'D'], [29, 'D-'], [25, 'D-'], [24, 'F'], [0, 'F'], [-10, 'F'],
  ])('%i -> %s', (s, grade) => {
    expect(gradeFor(s)).toBe(grade);
  });

  it('has the modifiers of charts.js', () => {
    expect([SCORE_TABLE['csp-not-implemented']![0], SCORE_TABLE['cookies-session-without-secure-flag']![0], SCORE_TABLE['x-frame-options-implemented-via-csp']![0], SCORE_TABLE['corp-implemented-with-same-site']![0]]).toEqual([-25, -40, 5, 10]);
  });
});

const t = (result: string): TestOutcome => ({ test: 'content-security-policy', result, pass: true });

describe('Observatory scoring', () => {
  it('adds bonuses only when the penalised score is at least 90', () => {
    expect(score([t('csp-implemented-with-no-unsafe-default-src-none'), t('referrer-policy-private'), t('x-content-type-options-not-implemented')]).score).toBe(110);
    // 100 - 20 = 80 < 90: the +10 and +5 do not count.
    expect(score([t('csp-implemented-with-no-unsafe-default-src-none'), t('referrer-policy-private'), t('hsts-not-implemented')]).score).toBe(80);
  });

  it('floors the score at 0', () => {
    expect(score([t('cross-origin-resource-sharing-implemented-with-universal-access'), t('cookies-session-without-secure-flag'), t('csp-not-implemented')])).toMatchObject({ score: 0, grade: 'F' });
  });

  it('grades the bare fixture D (CSP -25, HSTS -20, XFO -20, XCTO -5)', () => {
    expect(observatory(emptyScan())).toMatchObject({ score: 30, grade: 'D' });
  });

  it('grades a well-configured page A+ and lists COEP/COOP unscored', () => {
    const g = observatory(
      withHeaders({
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'; form-action 'self'",
        'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'cross-origin-resource-policy': 'same-origin',
        'cross-origin-opener-policy': 'same-origin',
      }),
    );
    // 100 + 10 (CSP default-src none) + 5 (frame-ancestors) + 5 (referrer) + 10 (CORP) = 130.
    expect([g.score, g.grade]).toEqual([130, 'A+']);
    expect(g.tests.filter((x) => !x.scored).map((x) => [x.test, x.result])).toEqual([
      ['cross-origin-embedder-policy', 'coep-not-implemented'],
      ['cross-origin-opener-policy', 'coop-implemented-with-same-origin'],
    ]);
  });
});
