import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type * as Api from '../../api';
import { type RealtimeClient, useRoomState } from '../../realtime';
import { RealtimeContext } from '../../realtime/context';
import { RoomStore } from '../../realtime/store';
import { wireMessage } from '../../realtime/testMessage';
import i18n from '../../i18n';
import { renderWithApp } from '../../test/render';
import { MessageList } from './MessageList';

vi.mock('../../api', async (original) => ({
  ...(await original<typeof Api>()),
  // Older pages never arrive here: a landing past the window stops at what is held.
  listMessages: vi.fn(() => Promise.reject(new Error('offline'))),
  markRead: vi.fn(() => Promise.resolve()),
}));

const ME = 1;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => wireMessage(from + index));

/** Room 7 holding seqs `from`..`to` from Bob, read by me up to `readSeq`. */
function renderList({ from = 1, to = 10, readSeq = 4, member = true } = {}) {
  const store = new RoomStore();
  store.dispatch(7, { type: 'seed', lastSeq: to, lastChangeSeq: to, lastReadSeq: readSeq });
  store.dispatch(7, { type: 'page', messages: range(from, to), hasMore: from > 1, latest: true });
  const client = { store } as unknown as RealtimeClient;
  renderWithApp(
    <RealtimeContext value={client}>
      <LiveList member={member} knownReadSeq={readSeq} />
    </RealtimeContext>,
  );
  return { store };
}

/** The list fed by the store as ChatPage feeds it, so dispatches re-render it. */
function LiveList({ member, knownReadSeq }: { member: boolean; knownReadSeq: number }) {
  const state = useRoomState(7);
  return <MessageList roomId={7} roomName="general" state={state} myId={ME} member={member} knownReadSeq={knownReadSeq} />;
}

/** jsdom lays nothing out: give the list a height and more content than fits. */
function scrolledUp() {
  vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockReturnValue(2000);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(500);
}

afterEach(() => {
  vi.restoreAllMocks();
});

// Whole lists render in jsdom here: slower than a unit test on a busy machine.
describe('MessageList unread', { timeout: 15_000 }, () => {
  it('puts "New messages" just above the first unread message', async () => {
    renderList();
    const divider = await screen.findByRole('separator', { name: 'New messages' });
    const rows = within(screen.getByRole('log')).getAllByTestId('message');
    const firstUnread = rows.find((row) => row.dataset.seq === '5');
    expect(firstUnread).toBeDefined();
    expect(divider.compareDocumentPosition(firstUnread as Node) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const lastRead = rows.find((row) => row.dataset.seq === '4');
    expect(divider.compareDocumentPosition(lastRead as Node) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy();
  });

  it('has no line when everything was read', () => {
    renderList({ readSeq: 10 });
    expect(screen.queryByRole('separator', { name: 'New messages' })).toBeNull();
  });

  it('has no line for someone previewing the room', () => {
    renderList({ member: false });
    expect(screen.queryByRole('separator', { name: 'New messages' })).toBeNull();
  });

  it('keeps the line where it was while the marker moves on', async () => {
    const { store } = renderList();
    await screen.findByRole('separator', { name: 'New messages' });
    act(() => {
      store.dispatch(7, { type: 'read', seq: 10 });
      store.dispatch(7, { type: 'message', message: wireMessage(11) });
    });
    expect(await screen.findByText('m11')).toBeInTheDocument();
    expect(screen.getByRole('separator', { name: 'New messages' })).toBeInTheDocument();
  });

  it('drops the line once I post something myself', async () => {
    const { store } = renderList();
    await screen.findByRole('separator', { name: 'New messages' });
    act(() => {
      store.dispatch(7, { type: 'queued', clientId: 'mine', body: 'on it', now: Date.now() });
    });
    expect(screen.queryByRole('separator', { name: 'New messages' })).toBeNull();
  });

  it('offers the unread below the view, counted and pluralised, and goes down on click', async () => {
    scrolledUp();
    renderList({ readSeq: 8 });
    const pill = await screen.findByRole('button', { name: '2 new messages' });
    await userEvent.click(pill);
    expect(screen.getByRole('log').scrollTop).toBe(2000);
  });

  it('says one new message in the singular, and Korean without plural forms', async () => {
    scrolledUp();
    renderList({ readSeq: 9 });
    expect(await screen.findByRole('button', { name: '1 new message' })).toBeInTheDocument();
    await i18n.changeLanguage('ko');
    expect(await screen.findByRole('button', { name: '새 메시지 1개' })).toBeInTheDocument();
  });

  it('offers the way back up when the first unread is older than the pages held', async () => {
    renderList({ from: 200, to: 210, readSeq: 4 });
    const back = await screen.findByRole('button', { name: 'Jump to first unread: 206 new messages' }, { timeout: 3000 });
    expect(back).toHaveTextContent('Jump to first unread');
  });
});
