import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { RealtimeClient } from '../../realtime';
import { RealtimeContext } from '../../realtime/context';
import { RoomStore } from '../../realtime/store';
import { renderWithApp } from '../../test/render';
import { Composer } from '../chat/Composer';
import type { SendLimit } from './sendLimits';

function renderComposer(limit: SendLimit) {
  const client = { send: vi.fn(), typing: vi.fn(), store: new RoomStore() };
  const noteSent = vi.fn();
  renderWithApp(
    <RealtimeContext value={client as unknown as RealtimeClient}>
      <Composer roomId={7} roomName="general" locked={false} limits={{ limit, noteSent }} />
    </RealtimeContext>,
  );
  return { client, noteSent };
}

describe('Composer under moderation limits', () => {
  it('is disabled while muted and says until when', () => {
    const until = new Date(2026, 10, 23, 14, 5);
    renderComposer({ kind: 'muted', until, indefinite: false });
    expect(screen.getByTestId('send-limit')).toHaveTextContent(/You are muted until (14:05|02:05 PM)/);
    expect(screen.getByLabelText('Message')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
  });

  it('states slow mode and notes each send for the countdown', async () => {
    const { client, noteSent } = renderComposer({ kind: 'slow', interval: 30, waitSeconds: 0 });
    expect(screen.getByTestId('send-limit')).toHaveTextContent('Slow mode: one message every 30 s');
    await userEvent.type(screen.getByLabelText('Message'), 'hello{Enter}');
    expect(client.send).toHaveBeenCalledWith(7, 'hello', expect.anything(), null, expect.any(String));
    expect(noteSent).toHaveBeenCalledTimes(1);
  });

  it('holds the send during the slow-mode wait and shows the countdown', async () => {
    const { client } = renderComposer({ kind: 'slow', interval: 30, waitSeconds: 12 });
    expect(screen.getByTestId('send-limit')).toHaveTextContent('next in 12 s');
    await userEvent.type(screen.getByLabelText('Message'), 'too soon{Enter}');
    expect(client.send).not.toHaveBeenCalled();
  });
});
