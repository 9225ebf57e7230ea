import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import * as api from '../../api';
import { renderWithApp } from '../../test/render';
import { UsersTab } from './UsersTab';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof api>()),
  listAdminUsers: vi.fn(),
  banUser: vi.fn(),
}));

const SLOW = { timeout: 5000 };

const user = (extra: Partial<api.AdminUserPublic>): api.AdminUserPublic => ({
  id: 9,
  username: 'rex',
  display_name: 'Rex',
  role: 'user',
  created_at: '2026-12-01T10:00:00Z',
  is_banned: false,
  online: false,
  ...extra,
});

describe('UsersTab site bans', () => {
  beforeEach(() => {
    vi.mocked(api.banUser).mockReset().mockResolvedValue(undefined);
    vi.mocked(api.listAdminUsers).mockReset();
  });

  it('bans for the length chosen in the shared picker', async () => {
    vi.mocked(api.listAdminUsers).mockResolvedValue([user({})]);
    const clicks = userEvent.setup();
    renderWithApp(<UsersTab />);
    await clicks.click(await screen.findByRole('button', { name: 'Ban' }, SLOW));
    const dialog = within(await screen.findByRole('dialog', { name: 'Ban Rex from the whole site?' }, SLOW));
    expect(dialog.getByRole('radio', { name: 'Until lifted' })).toBeChecked();
    await clicks.click(dialog.getByRole('radio', { name: '1 day' }));
    await clicks.type(dialog.getByLabelText('Reason'), 'cool off');
    await clicks.click(dialog.getByRole('button', { name: 'Ban' }));
    await vi.waitFor(() => expect(api.banUser).toHaveBeenCalledWith(9, 'cool off', 86400), SLOW);
  });

  it('says until when a timed ban lasts, or just banned', async () => {
    vi.mocked(api.listAdminUsers).mockResolvedValue([
      user({ is_banned: true, banned_until: '2026-12-10T12:00:00Z' }),
      user({ id: 10, username: 'sam', display_name: 'Sam', is_banned: true, banned_until: null }),
    ]);
    renderWithApp(<UsersTab />);
    expect(await screen.findByText(/^Banned until /, {}, SLOW)).toBeInTheDocument();
    expect(screen.getByText('Banned', { exact: true })).toBeInTheDocument();
  });
});
