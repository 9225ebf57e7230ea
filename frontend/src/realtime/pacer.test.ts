import { SendPacer } from './pacer';

describe('SendPacer', () => {
  it('lets ten through per five seconds and says how long to wait', () => {
    const pacer = new SendPacer(10, 5000);
    for (let i = 0; i < 10; i += 1) {
      expect(pacer.waitMs(1000 + i)).toBe(0);
      pacer.record(1000 + i);
    }
    expect(pacer.waitMs(2000)).toBe(4000);
    expect(pacer.waitMs(6000)).toBe(0);
  });
});
