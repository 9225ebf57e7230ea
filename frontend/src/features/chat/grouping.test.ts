import type { WireMessage } from '../../realtime';
import { buildTimeline, groupMessages, type TimelineItem } from './grouping';
import { longDay, relativeDay } from './time';

/** A message at a local wall-clock time (so the tests hold in any time zone). */
function at(seq: number, authorId: number, local: Date): WireMessage {
  return {
    id: seq,
    room_id: 1,
    seq,
    change_seq: seq,
    author: { id: authorId, username: `u${authorId}`, display_name: `User ${authorId}` },
    body: 'x',
    client_id: `c${seq}`,
    created_at: local.toISOString(),
    edited_at: null,
    deleted_at: null,
    deleted_by: null,
  };
}

/** A timeline item as text: its day, its group's seqs, or the unread line. */
function describeItem(item: TimelineItem): string {
  if (item.kind === 'day') return item.day;
  if (item.kind === 'unread') return 'new';
  return item.group.messages.map((m) => m.seq).join();
}

function msg(seq: number, authorId: number, minute: number): WireMessage {
  return at(seq, authorId, new Date(2026, 10, 23, 20, minute));
}

describe('groupMessages', () => {
  it('groups one author within five minutes and splits on author or gap', () => {
    const groups = groupMessages([msg(1, 1, 0), msg(2, 1, 4), msg(3, 1, 9), msg(4, 2, 10), msg(5, 1, 11)]);
    expect(groups.map((group) => group.messages.map((m) => m.seq))).toEqual([[1, 2], [3], [4], [5]]);
    expect(groups[0]?.authorName).toBe('User 1');
  });

  it('returns nothing for no messages', () => {
    expect(groupMessages([])).toEqual([]);
  });

  it('splits a run at local midnight even within five minutes', () => {
    const groups = groupMessages([at(1, 1, new Date(2026, 10, 23, 23, 58)), at(2, 1, new Date(2026, 10, 24, 0, 1))]);
    expect(groups.map((group) => group.messages.map((m) => m.seq))).toEqual([[1], [2]]);
  });
});

describe('buildTimeline', () => {
  it('puts a separator before the first group of each local day', () => {
    const items = buildTimeline([
      at(1, 1, new Date(2026, 10, 22, 9, 0)),
      at(2, 2, new Date(2026, 10, 22, 18, 0)),
      at(3, 1, new Date(2026, 10, 23, 23, 58)),
      at(4, 1, new Date(2026, 10, 24, 0, 1)),
    ]);
    expect(items.map(describeItem)).toEqual([
      '2026-11-22',
      '1',
      '2',
      '2026-11-23',
      '3',
      '2026-11-24',
      '4',
    ]);
    const first = items[0];
    expect(first?.kind === 'day' && first.firstAt).toBe(new Date(2026, 10, 22, 9, 0).toISOString());
  });

  it('keeps a day separator keyed by its day when older messages of that day load', () => {
    const later = buildTimeline([at(5, 1, new Date(2026, 10, 23, 12, 0))]);
    const withOlder = buildTimeline([at(4, 2, new Date(2026, 10, 23, 8, 0)), at(5, 1, new Date(2026, 10, 23, 12, 0))]);
    expect(withOlder[0]?.key).toBe(later[0]?.key);
  });

  it('is empty without messages', () => {
    expect(buildTimeline([])).toEqual([]);
  });

  it('puts "New messages" above the first unread, splitting its author\'s run there', () => {
    const items = buildTimeline([msg(1, 2, 0), msg(2, 2, 1), msg(3, 2, 2), msg(4, 1, 3)], 2);
    expect(items.map(describeItem)).toEqual(['2026-11-23', '1', 'new', '2,3', '4']);
  });

  it('puts the line after the day\'s separator when the first unread starts a day', () => {
    const items = buildTimeline([at(1, 2, new Date(2026, 10, 22, 23, 59)), at(2, 2, new Date(2026, 10, 23, 0, 1))], 2);
    expect(items.map(describeItem)).toEqual(['2026-11-22', '1', '2026-11-23', 'new', '2']);
  });

  it('has no line when nothing is unread', () => {
    expect(buildTimeline([msg(1, 2, 0), msg(2, 2, 1)]).some((item) => item.kind === 'unread')).toBe(false);
  });
});

describe('day labels', () => {
  const now = new Date(2026, 2, 1, 0, 30); // just after midnight, the day after a month's end

  it('says today and yesterday by calendar day, not 24 hours', () => {
    expect(relativeDay('2026-03-01', now)).toBe('today');
    expect(relativeDay('2026-02-28', now)).toBe('yesterday');
    expect(relativeDay('2026-02-27', now)).toBeNull();
    expect(relativeDay('2026-03-02', now)).toBeNull();
  });

  it('writes other days in the reader’s language', () => {
    const iso = new Date(2026, 10, 23, 12, 0).toISOString();
    expect(longDay(iso, 'en')).toBe('Monday, November 23, 2026');
    expect(longDay(iso, 'ko')).toBe('2026년 11월 23일 월요일');
  });
});
