import { describe, expect, it } from 'vitest';

import { placeReaders } from './seenBy';
import { applyReceipt } from './useReadReceipts';

const groups = [
  { key: 'g1', lastSeq: 3 },
  { key: 'g4', lastSeq: 6 },
  { key: 'g7', lastSeq: 9 },
];

describe('placeReaders', () => {
  it('puts each reader under the last group they read to its end', () => {
    const placed = placeReaders(groups, [
      { user_id: 1, last_read_seq: 9 },
      { user_id: 2, last_read_seq: 12 },
      { user_id: 3, last_read_seq: 6 },
    ]);
    expect(Object.fromEntries(placed)).toEqual({ g7: [1, 2], g4: [3] });
  });

  it('never claims a group read part-way through', () => {
    expect(Object.fromEntries(placeReaders(groups, [{ user_id: 1, last_read_seq: 8 }]))).toEqual({ g4: [1] });
  });

  it('shows nobody who stopped before the loaded messages', () => {
    expect(placeReaders(groups, [{ user_id: 1, last_read_seq: 2 }]).size).toBe(0);
    expect(placeReaders([], [{ user_id: 1, last_read_seq: 5 }]).size).toBe(0);
  });
});

describe('applyReceipt', () => {
  const receipts = { available: true, readers: [{ user_id: 2, last_read_seq: 5 }] };

  it('moves a reader on, and adds one first heard of', () => {
    expect(applyReceipt(receipts, { user_id: 2, last_read_seq: 8 })?.readers).toEqual([{ user_id: 2, last_read_seq: 8 }]);
    expect(applyReceipt(receipts, { user_id: 3, last_read_seq: 1 })?.readers).toHaveLength(2);
  });

  it('never moves a reader back, and adds nothing where receipts are off', () => {
    expect(applyReceipt(receipts, { user_id: 2, last_read_seq: 4 })).toBe(receipts);
    const off = { available: false, readers: [] };
    expect(applyReceipt(off, { user_id: 2, last_read_seq: 9 })).toBe(off);
    expect(applyReceipt(undefined, { user_id: 2, last_read_seq: 9 })).toBeUndefined();
  });
});
