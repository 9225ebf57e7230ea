import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { RealtimeClient } from '../../realtime';
import { RealtimeContext } from '../../realtime/context';
import { RoomStore } from '../../realtime/store';
import { renderWithApp } from '../../test/render';
import { Composer } from './Composer';

function renderComposer(locked = false) {
  const client = { send: vi.fn(), typing: vi.fn(), store: new RoomStore() };
  renderWithApp(
    <RealtimeContext value={client as unknown as RealtimeClient}>
      <Composer roomId={7} roomName="general" locked={locked} />
    </RealtimeContext>,
  );
  return client;
}

describe('Composer', () => {
  it('sends on Enter, keeps Shift+Enter as a new line, and announces typing', async () => {
    const client = renderComposer();
    const box = screen.getByLabelText('Message');
    await userEvent.type(box, 'hello{Shift>}{Enter}{/Shift}there');
    expect(client.send).not.toHaveBeenCalled();
    expect(client.typing).toHaveBeenCalledWith(7);
    await userEvent.type(box, '{Enter}');
    expect(client.send).toHaveBeenCalledWith(7, 'hello\nthere', []);
    expect(box).toHaveValue('');
  });

  it('does not send blank messages', async () => {
    const client = renderComposer();
    await userEvent.type(screen.getByLabelText('Message'), '   {Enter}');
    expect(client.send).not.toHaveBeenCalled();
  });

  it('says why it is disabled in a locked room', () => {
    renderComposer(true);
    expect(screen.getByText('This room is locked')).toBeInTheDocument();
    expect(screen.queryByLabelText('Message')).not.toBeInTheDocument();
  });

  it('counts down near the 4000 character limit', async () => {
    renderComposer();
    const box = screen.getByLabelText('Message');
    await userEvent.click(box);
    await userEvent.paste('x'.repeat(3990));
    expect(screen.getByText('10 characters left')).toBeInTheDocument();
  });
});
