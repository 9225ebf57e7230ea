import { act, screen } from '@testing-library/react';

import type { ConnectionStatus, RealtimeClient } from '../../realtime';
import { RealtimeContext } from '../../realtime/context';
import { renderWithApp } from '../../test/render';
import { ConnectionBanner } from './ConnectionBanner';

function fakeClient(initial: ConnectionStatus) {
  let status = initial;
  const listeners = new Set<() => void>();
  const socket = {
    getStatus: () => status,
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const set = (next: ConnectionStatus) => {
    status = next;
    listeners.forEach((listener) => listener());
  };
  return { client: { socket } as unknown as RealtimeClient, set };
}

describe('ConnectionBanner', () => {
  it('says what the connection is doing, then briefly that it is back', () => {
    vi.useFakeTimers();
    const { client, set } = fakeClient('connecting');
    renderWithApp(
      <RealtimeContext value={client}>
        <ConnectionBanner />
      </RealtimeContext>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Connecting…');
    act(() => set('online'));
    expect(screen.getByRole('status')).toHaveTextContent('');
    act(() => set('offline'));
    expect(screen.getByRole('status')).toHaveTextContent("Offline — messages will be sent when you're back");
    act(() => set('reconnecting'));
    expect(screen.getByRole('status')).toHaveTextContent('Reconnecting…');
    act(() => set('online'));
    expect(screen.getByRole('status')).toHaveTextContent('Back online');
    act(() => {
      vi.advanceTimersByTime(3000);
    });
    expect(screen.getByRole('status')).toHaveTextContent('');
    vi.useRealTimers();
  });
});
