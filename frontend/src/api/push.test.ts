import { keyBytes, subscriptionBody } from './push';

describe('push subscription helpers', () => {
  it('decodes a base64url VAPID key without padding', () => {
    // 0xfb 0xff 0xfe: '+' and '/' in plain base64, '-' and '_' in base64url.
    expect([...keyBytes('-__-')]).toEqual([0xfb, 0xff, 0xfe]);
    expect([...keyBytes('AQ')]).toEqual([1]);
  });

  it('sends the endpoint and both keys, or nothing when the browser left one out', () => {
    const json = { endpoint: 'https://push.test/x', keys: { p256dh: 'p', auth: 'a' } };
    expect(subscriptionBody(json)).toEqual(json);
    expect(subscriptionBody({ endpoint: 'https://push.test/x', keys: { p256dh: 'p' } })).toBeNull();
    expect(subscriptionBody({})).toBeNull();
  });
});
