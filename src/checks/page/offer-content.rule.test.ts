import { describe, expect, it } from 'vitest';
import type { PageEvidence } from './evidence.js';
import { offerContentRule } from './offer-content.rule.js';
import { outcome, page } from './test-helpers.js';

type Slot = PageEvidence['slots'][number];
const judge = (slot: Partial<Slot>, links: PageEvidence['links'] = []) => outcome(offerContentRule.judge(page({ slots: [{ name: 'hero', found: true, filledAtMs: 500, ...slot }], links }), offerContentRule.options.parse({}), { now: new Date(0), goLive: new Date(0) }));

describe('page/offer-content', () => {
  it.each<[string, Partial<Slot>, PageEvidence['links'], string[]]>([
    ['clean text, links and images', { text: 'Autumn sale: 20% off', images: [{ src: 'https://x/a.png', loaded: true }] }, [{ url: 'https://x/sale', status: 200 }], ['pass']],
    ['a FreeMarker token', { text: 'Hello ${guest.firstName}' }, [], ['fail', 'unresolved-token']],
    ['a mustache token', { text: 'Hello {{first_name}}' }, [], ['fail', 'unresolved-token']],
    ['a [% %] token', { text: 'Hi [%name%]' }, [], ['fail', 'unresolved-token']],
    ['"undefined" shown', { text: 'Save undefined% today' }, [], ['fail', 'placeholder-text']],
    ['"null" shown', { text: 'Price: null EUR' }, [], ['fail', 'placeholder-text']],
    ['"[object Object]" shown', { text: 'Offer [object Object]' }, [], ['fail', 'placeholder-text']],
    ['a word containing null is fine', { text: 'Nullarbor tours, annulled fees' }, [], ['pass']],
    ['a broken image', { text: 'Sale', images: [{ src: 'https://x/missing.png', loaded: false }] }, [], ['fail', 'image-broken']],
    ['a lazy image below the window that answers', { text: 'Sale', images: [{ src: 'https://x/later.png', loaded: false, lazy: true, status: 200 }] }, [], ['pass']],
    ['a lazy image that answers 404', { text: 'Sale', images: [{ src: 'https://x/gone.png', loaded: false, lazy: true, status: 404 }] }, [], ['fail', 'image-broken']],
    ['a lazy image that could not be fetched', { text: 'Sale', images: [{ src: 'https://x/down.png', loaded: false, lazy: true, error: 'connect ECONNREFUSED' }] }, [], ['fail', 'image-broken']],
    ['a lazy image refused with 403 (hotlink protection) is a warning', { text: 'Sale', images: [{ src: 'https://x/guarded.png', loaded: false, lazy: true, status: 403 }] }, [], ['warn', 'image-refused']],
    ['a lazy image with only a srcset is not checked, and says why', { text: 'Sale', images: [{ src: '', loaded: false, lazy: true }] }, [], ['warn', 'image-not-checked']],
    ['a lazy image golive did not fetch', { text: 'Sale', images: [{ src: 'https://x/many.png', loaded: false, lazy: true }] }, [], ['warn', 'image-not-checked']],
    ['a link answering 404', { text: 'Sale' }, [{ url: 'https://x/gone', status: 404 }], ['fail', 'link-broken']],
    ['a link refused with 403 (bot protection) is a warning', { text: 'Sale' }, [{ url: 'https://x/guarded', status: 403 }], ['warn', 'link-refused']],
    ['a link that fails', { text: 'Sale' }, [{ url: 'https://x/down', error: 'connect ECONNREFUSED' }], ['fail', 'link-broken']],
  ])('%s', (_name, slot, links, expected) => {
    expect(judge(slot, links)).toEqual(expected);
  });

  it('is skipped without declared slots', () => {
    expect(outcome(offerContentRule.judge(page({ slots: [] }), offerContentRule.options.parse({}), { now: new Date(0), goLive: new Date(0) }))).toEqual(['skipped']);
  });
});
