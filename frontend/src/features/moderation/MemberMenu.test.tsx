import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import * as api from '../../api';
import { renderWithApp } from '../../test/render';
import { MemberMenu } from './MemberMenu';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof api>()),
  moderateMember: vi.fn(),
}));

const bob: api.MemberPublic = {
  user_id: 7,
  username: 'bob',
  display_name: 'Bob',
  role: 'member',
  joined_at: '2026-12-01T10:00:00Z',
  online: false,
  muted_until: null,
  my_actions: ['mute', 'kick', 'ban'],
};

// Mantine's menus and modals open with transitions: on a loaded machine they take a while.
const SLOW = { timeout: 5000 };

async function open(action: string) {
  const user = userEvent.setup();
  renderWithApp(<MemberMenu roomId={3} member={bob} />);
  await user.click(screen.getByRole('button', { name: 'Moderate Bob' }));
  await user.click(await screen.findByRole('menuitem', { name: action }, SLOW));
  return user;
}

describe('MemberMenu durations', () => {
  beforeEach(() => vi.mocked(api.moderateMember).mockReset().mockResolvedValue(undefined));

  it('bans for the length chosen', async () => {
    const user = await open('Ban');
    const dialog = await screen.findByRole('dialog', { name: 'Ban Bob from this room?' }, SLOW);
    expect(dialog).toHaveTextContent('Ban for');
    await user.click(screen.getByRole('radio', { name: '7 days' }));
    await user.click(screen.getByRole('button', { name: 'Ban' }));
    await vi.waitFor(() =>
      expect(api.moderateMember).toHaveBeenCalledWith(3, {
        action: 'ban',
        user_id: 7,
        reason: '',
        duration_seconds: 604800,
      }),
      SLOW,
    );
  });

  it('bans until lifted unless a length is chosen', async () => {
    const user = await open('Ban');
    expect(await screen.findByRole('radio', { name: 'Until lifted' }, SLOW)).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Ban' }));
    await vi.waitFor(() =>
      expect(api.moderateMember).toHaveBeenCalledWith(3, { action: 'ban', user_id: 7, reason: '' }),
      SLOW,
    );
  });

  it('mutes with the same picker and its own lengths', async () => {
    const user = await open('Mute');
    expect(await screen.findByText('Mute for', {}, SLOW)).toBeInTheDocument();
    expect(screen.queryByRole('radio', { name: '30 days' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: '1 day' }));
    await user.click(screen.getByRole('button', { name: 'Mute' }));
    await vi.waitFor(() =>
      expect(api.moderateMember).toHaveBeenCalledWith(3, {
        action: 'mute',
        user_id: 7,
        reason: '',
        duration_seconds: 86400,
      }),
      SLOW,
    );
  });

  it('offers no length for a kick', async () => {
    const user = await open('Kick');
    await screen.findByRole('dialog', {}, SLOW);
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Kick' }));
    await vi.waitFor(() =>
      expect(api.moderateMember).toHaveBeenCalledWith(3, { action: 'kick', user_id: 7, reason: '' }),
      SLOW,
    );
  });
});
