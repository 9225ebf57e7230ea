import { linkedSeq } from './useDeepLinkJump';

describe('linkedSeq', () => {
  it('reads ?message=seq, only a positive whole number', () => {
    expect(linkedSeq(new URLSearchParams('message=52'))).toBe(52);
    expect(linkedSeq(new URLSearchParams(''))).toBeNull();
    for (const bad of ['0', '-3', '1.5', 'abc', '']) expect(linkedSeq(new URLSearchParams({ message: bad }))).toBeNull();
  });
});
