import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { type PendingSend, type RealtimeClient } from '../../realtime';
import { RealtimeContext } from '../../realtime/context';
import { renderWithApp } from '../../test/render';
import { PendingMessage } from './PendingMessage';

function renderPending(entry: PendingSend) {
  const client = { retry: vi.fn(), discard: vi.fn() };
  renderWithApp(
    <RealtimeContext value={client as unknown as RealtimeClient}>
      <PendingMessage roomId={7} entry={entry} />
    </RealtimeContext>,
  );
  return client;
}

const base: PendingSend = { clientId: 'c-1', body: 'my cat', status: 'pending', error: null, createdAt: 1 };

describe('a pending message', () => {
  it('counts the files it waits to upload with those already up', () => {
    renderPending({ ...base, attachments: ['up-1'], files: ['b.png'] });
    expect(screen.getByTestId('pending-message')).toHaveTextContent('2 attachments');
  });

  it('names the files the browser did not keep, and offers to send the text alone', async () => {
    const client = renderPending({ ...base, status: 'failed', error: 'attachment_lost', lostFiles: ['cat.png'] });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Not sent: the browser could not keep cat.png. Send the text alone, or discard it and attach the file again.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Send text only' }));
    expect(client.retry).toHaveBeenCalledWith(7, 'c-1');
  });
});
