import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { RealtimeClient } from '../../realtime';
import { RealtimeContext } from '../../realtime/context';
import { RoomStore } from '../../realtime/store';
import { renderWithApp } from '../../test/render';
import { Composer } from './Composer';

function renderComposer(
  locked = false,
  extra: { roomId?: number; userId?: number; onEditLast?: (box: HTMLTextAreaElement) => void } = {},
) {
  const client = { send: vi.fn(), typing: vi.fn(), store: new RoomStore() };
  const view = renderWithApp(
    <RealtimeContext value={client as unknown as RealtimeClient}>
      <Composer roomId={extra.roomId ?? 7} roomName="general" locked={locked} userId={extra.userId} onEditLast={extra.onEditLast} />
    </RealtimeContext>,
  );
  return Object.assign(client, { unmount: view.unmount });
}

describe('Composer', () => {
  it('sends on Enter, keeps Shift+Enter as a new line, and announces typing', async () => {
    const client = renderComposer();
    const box = screen.getByLabelText('Message');
    await userEvent.type(box, 'hello{Shift>}{Enter}{/Shift}there');
    expect(client.send).not.toHaveBeenCalled();
    expect(client.typing).toHaveBeenCalledWith(7);
    await userEvent.type(box, '{Enter}');
    expect(client.send).toHaveBeenCalledWith(7, 'hello\nthere', [], null, expect.any(String));
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

  it('keeps a draft per user and room across remounts, and forgets it once sent', async () => {
    const first = renderComposer(false, { userId: 1, roomId: 7 });
    await userEvent.type(screen.getByLabelText('Message'), 'half a thought');
    first.unmount();

    const otherRoom = renderComposer(false, { userId: 1, roomId: 8 });
    expect(screen.getByLabelText('Message')).toHaveValue('');
    otherRoom.unmount();
    const otherUser = renderComposer(false, { userId: 2, roomId: 7 });
    expect(screen.getByLabelText('Message')).toHaveValue('');
    otherUser.unmount();

    const again = renderComposer(false, { userId: 1, roomId: 7 });
    expect(screen.getByLabelText('Message')).toHaveValue('half a thought');
    await userEvent.type(screen.getByLabelText('Message'), '{Enter}');
    expect(again.send).toHaveBeenCalledWith(7, 'half a thought', [], null, expect.any(String));
    again.unmount();

    renderComposer(false, { userId: 1, roomId: 7 });
    expect(screen.getByLabelText('Message')).toHaveValue('');
  });

  it('asks to edit my last message on ↑ in an empty composer only', async () => {
    const onEditLast = vi.fn();
    renderComposer(false, { onEditLast });
    const box = screen.getByLabelText('Message');
    await userEvent.type(box, 'x{ArrowUp}');
    expect(onEditLast).not.toHaveBeenCalled();
    await userEvent.type(box, '{Backspace}{Shift>}{ArrowUp}{/Shift}');
    expect(onEditLast).not.toHaveBeenCalled();
    await userEvent.type(box, '{ArrowUp}');
    expect(onEditLast).toHaveBeenCalledWith(box);
  });
});
