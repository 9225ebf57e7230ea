import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { RealtimeClient, WireMessage } from '../../realtime';
import { RealtimeContext } from '../../realtime/context';
import { RoomStore } from '../../realtime/store';
import { renderWithApp } from '../../test/render';
import { Composer } from './Composer';
import { createReplyStore, ReplyContext } from './replying';

const original: WireMessage = {
  id: 812,
  room_id: 7,
  seq: 41,
  change_seq: 41,
  author: { id: 4, username: 'carol', display_name: 'Carol' },
  body: 'Are we shipping on Friday?',
  client_id: 'c-41',
  created_at: '2026-11-23T20:00:00Z',
  edited_at: null,
  deleted_at: null,
  deleted_by: null,
  reply_to: null,
};

function renderReplying() {
  const client = { send: vi.fn(), typing: vi.fn(), store: new RoomStore() };
  const replies = createReplyStore();
  renderWithApp(
    <RealtimeContext value={client as unknown as RealtimeClient}>
      <ReplyContext value={replies}>
        <Composer roomId={7} roomName="general" locked={false} />
      </ReplyContext>
    </RealtimeContext>,
  );
  act(() => replies.start(original));
  return { client, replies };
}

describe('replying in the composer', () => {
  it('shows whom I answer, puts the caret in the box, and sends the quote', async () => {
    const { client, replies } = renderReplying();
    expect(screen.getByTestId('reply-bar')).toHaveTextContent('Replying to Carol');
    expect(screen.getByTestId('reply-bar')).toHaveTextContent('Are we shipping on Friday?');
    const box = screen.getByLabelText('Message');
    expect(box).toHaveFocus();
    await userEvent.type(box, 'Yes{Enter}');
    expect(client.send).toHaveBeenCalledWith(7, 'Yes', [], {
      id: 812,
      seq: 41,
      author: original.author,
      snippet: 'Are we shipping on Friday?',
      deleted: false,
    }, expect.any(String));
    expect(replies.current()).toBeNull();
    expect(screen.queryByTestId('reply-bar')).toBeNull();
  });

  it('cancels on Escape and on ✕, then sends a plain message', async () => {
    const { client, replies } = renderReplying();
    await userEvent.type(screen.getByLabelText('Message'), '{Escape}');
    expect(screen.queryByTestId('reply-bar')).toBeNull();
    act(() => replies.start(original));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel reply' }));
    expect(screen.queryByTestId('reply-bar')).toBeNull();
    await userEvent.type(screen.getByLabelText('Message'), 'plain{Enter}');
    expect(client.send).toHaveBeenCalledWith(7, 'plain', [], null, expect.any(String));
  });
});
