import { wireMessage } from '../../realtime/testMessage';
import { countsAsSeen, firstUnreadSeq, nextReadMarker, unreadBeforeWindow } from './unread';

const ME = 1;
const mine = (seq: number) => wireMessage(seq, { author: { id: ME, username: 'me', display_name: 'Me' } });

describe('firstUnreadSeq', () => {
  it('is the first message past the marker that someone else wrote', () => {
    const messages = [wireMessage(3), wireMessage(4), mine(5), wireMessage(6)];
    expect(firstUnreadSeq(messages, 3, ME)).toBe(4);
    expect(firstUnreadSeq(messages, 4, ME)).toBe(6); // my own message is not news to me
  });

  it('is undefined when nothing past the marker is loaded, or only mine is', () => {
    expect(firstUnreadSeq([wireMessage(3)], 3, ME)).toBeUndefined();
    expect(firstUnreadSeq([wireMessage(3), mine(4)], 3, ME)).toBeUndefined();
  });
});

describe('unreadBeforeWindow', () => {
  it('is true when older pages hold unread messages', () => {
    expect(unreadBeforeWindow(101, 10, true)).toBe(true);
  });

  it('is false when the window starts at or before the first unread, or nothing is older', () => {
    expect(unreadBeforeWindow(11, 10, true)).toBe(false);
    expect(unreadBeforeWindow(5, 10, true)).toBe(false);
    expect(unreadBeforeWindow(101, 10, false)).toBe(false);
    expect(unreadBeforeWindow(undefined, 10, true)).toBe(false);
  });
});

describe('countsAsSeen', () => {
  it('counts a row half on screen, not a sliver at the edge', () => {
    expect(countsAsSeen(20, 40, 600)).toBe(true);
    expect(countsAsSeen(8, 40, 600)).toBe(false);
    expect(countsAsSeen(0, 40, 600)).toBe(false);
  });

  it('counts a row taller than the list once it fills half the list', () => {
    expect(countsAsSeen(300, 2000, 600)).toBe(true);
    expect(countsAsSeen(200, 2000, 600)).toBe(false);
  });
});

describe('nextReadMarker', () => {
  it('moves to the lowest row on screen', () => {
    expect(nextReadMarker([12, 14, 13], 10)).toBe(14);
  });

  it('never moves back, and says so when it would not move', () => {
    expect(nextReadMarker([8, 9, 10], 10)).toBeNull();
    expect(nextReadMarker([], 10)).toBeNull();
  });

  it('reads nothing below the view: the rows not on screen are not in the set', () => {
    // Landed at the first unread (seq 11) of 150: only what shows is read.
    expect(nextReadMarker([10, 11, 12, 13, 14, 15], 10)).toBe(15);
  });
});
