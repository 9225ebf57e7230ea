import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';

import type { RealtimeClient, WireMessage } from '../../realtime';
import { RealtimeContext } from '../../realtime/context';
import { RoomStore } from '../../realtime/store';
import { JUMP_CONTEXT, JUMP_MAX_PAGES, JUMP_PAGE, useJumpToMessage } from './useJumpToMessage';
import { wireMessage } from '../../realtime/testMessage';

const msg = (seq: number): WireMessage => wireMessage(seq, { id: seq });

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => msg(from + index));

/** A room holding seqs `from`..`last`, and a loader that adds the `limit` before the oldest. */
function setup(from: number, last: number, { fail = false } = {}) {
  const store = new RoomStore();
  store.dispatch(7, { type: 'page', messages: range(from, last), hasMore: from > 1, latest: true });
  const loadOlder = vi.fn((limit?: number) => {
    if (fail) return Promise.resolve(false);
    const oldest = store.get(7).messages[0]?.seq ?? 1;
    const start = Math.max(1, oldest - (limit ?? 50));
    store.dispatch(7, { type: 'page', messages: range(start, oldest - 1), hasMore: start > 1, latest: false });
    return Promise.resolve(true);
  });
  const container = document.createElement('div');
  const wrapper = ({ children }: { children: ReactNode }) => (
    <RealtimeContext value={{ store } as unknown as RealtimeClient}>{children}</RealtimeContext>
  );
  const { result } = renderHook(() => useJumpToMessage(7, { current: container }, loadOlder), { wrapper });
  return { store, loadOlder, result };
}

describe('useJumpToMessage', () => {
  it('loads older pages until the original is held, a full page at a time', async () => {
    const { store, loadOlder, result } = setup(251, 300);
    await act(() => result.current.jump(40));
    expect(loadOlder).toHaveBeenCalledTimes(3);
    expect(loadOlder).toHaveBeenCalledWith(JUMP_PAGE);
    expect(store.get(7).messages.some((message) => message.seq === 40)).toBe(true);
    expect(result.current.status).toBe('idle');
  });

  it('loads a page more when the original is held but is the very first (history around it)', async () => {
    const { store, loadOlder, result } = setup(101, 150);
    await act(() => result.current.jump(101 + JUMP_CONTEXT - 1));
    expect(loadOlder).toHaveBeenCalledTimes(1);
    expect(store.get(7).messages[0]?.seq).toBe(1);
  });

  it('loads nothing when the original is already there', async () => {
    const { loadOlder, result } = setup(1, 60);
    await act(() => result.current.jump(5));
    expect(loadOlder).not.toHaveBeenCalled();
  });

  it(`stops after ${JUMP_MAX_PAGES} pages and says it is too far back`, async () => {
    const { loadOlder, result } = setup(5000, 5050);
    await act(() => result.current.jump(3));
    expect(loadOlder).toHaveBeenCalledTimes(JUMP_MAX_PAGES);
    expect(result.current.status).toBe('tooFar');
  });

  it('says so when a page fails to load', async () => {
    const { result } = setup(200, 250, { fail: true });
    await act(() => result.current.jump(3));
    expect(result.current.status).toBe('failed');
  });
});
