import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { renderWithApp } from '../../test/render';
import { createUpdateChannel, type WorkerHandle } from './serviceWorker';
import { UpdateNotice } from './UpdateNotice';

function fakeWorker() {
  const handlers = new Map<string, () => void>();
  const worker: WorkerHandle = {
    addEventListener: (type, listener) => handlers.set(type, listener),
    messageSkipWaiting: vi.fn(),
    register: () => Promise.resolve(),
  };
  return { worker, fire: (type: 'waiting' | 'controlling') => handlers.get(type)?.() };
}

describe('UpdateNotice', () => {
  it('stays hidden until a new version waits, then activates it and reloads', async () => {
    const { worker, fire } = fakeWorker();
    const reload = vi.fn();
    const channel = createUpdateChannel(worker, reload);
    renderWithApp(<UpdateNotice channel={channel} />);
    expect(screen.queryByText(/new version of Parley/)).not.toBeInTheDocument();

    act(() => fire('waiting'));
    expect(screen.getByRole('status')).toHaveTextContent('A new version of Parley is available');
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(worker.messageSkipWaiting).toHaveBeenCalledTimes(1);
    expect(reload).not.toHaveBeenCalled(); // not before the new worker is in control

    fire('controlling');
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('leaves a tab that did not ask alone when another tab updates', () => {
    const { worker, fire } = fakeWorker();
    const reload = vi.fn();
    createUpdateChannel(worker, reload);
    fire('waiting');
    fire('controlling');
    expect(reload).not.toHaveBeenCalled();
  });

  it('shows nothing without a service worker (development, old browsers)', () => {
    renderWithApp(<UpdateNotice channel={null} />);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
