import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import * as api from '../../api';
import { renderWithApp } from '../../test/render';
import { testUser } from '../../test/people';
import { UsersTab } from './UsersTab';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof api>()),
  listAdminUsers: vi.fn(),
  banUser: vi.fn(),
}));

const account = (id: number, name = `User ${id}`): api.AdminUserPublic => ({
  ...testUser(id, { username: `user${String(id).padStart(3, '0')}`, display_name: name }),
  is_banned: false,
  is_disabled: false,
  online: false,
});

/** The server's list: accounts 1..total; `q` keeps those whose name contains it. */
function serve(total: number) {
  const everyone = Array.from({ length: total }, (_, i) => account(i + 1, i % 2 === 0 ? `Even ${i + 1}` : `Odd ${i + 1}`));
  vi.mocked(api.listAdminUsers).mockImplementation((q = '', limit = 50, offset = 0) => {
    const matching = everyone.filter((user) => (user.display_name ?? '').toLowerCase().includes(q.toLowerCase()));
    return Promise.resolve(matching.slice(offset, offset + limit));
  });
}

// By text: role queries over hundreds of buttons are slow in jsdom.
const showMore = () => screen.getByText('Show more');
// Fifty cards render slowly in jsdom.
const WAIT = { timeout: 10_000 };
const shown = () => screen.getAllByTestId('admin-user').map((card) => card.dataset.username);

describe('the admin Users tab', { timeout: 30_000 }, () => {
  beforeEach(() => vi.mocked(api.listAdminUsers).mockReset());

  it('shows more on "Show more", keeping the page already loaded, until a short page', async () => {
    serve(120);
    const user = userEvent.setup();
    renderWithApp(<UsersTab />);
    await vi.waitFor(() => expect(shown()).toHaveLength(50), WAIT);
    await user.click(showMore());
    await vi.waitFor(() => expect(shown()).toHaveLength(100), WAIT);
    expect(api.listAdminUsers).toHaveBeenLastCalledWith('', 50, 50);
    await user.click(showMore());
    await vi.waitFor(() => expect(shown()).toHaveLength(120), WAIT);
    expect(new Set(shown()).size).toBe(120);
    expect(shown()[0]).toBe('user001');
    expect(screen.queryByText('Show more')).not.toBeInTheDocument();
  });

  it('searches on the server and pages the search', async () => {
    serve(120);
    const user = userEvent.setup();
    renderWithApp(<UsersTab />);
    await vi.waitFor(() => expect(shown()).toHaveLength(50), WAIT);
    await user.type(screen.getByLabelText('Search users'), 'odd');
    await vi.waitFor(() => expect(api.listAdminUsers).toHaveBeenLastCalledWith('odd', 50, 0), WAIT);
    await vi.waitFor(() => expect(shown().every((name) => Number(name?.slice(4)) % 2 === 0)).toBe(true), WAIT);
    await user.click(showMore());
    await vi.waitFor(() => expect(shown()).toHaveLength(60), WAIT);
    expect(api.listAdminUsers).toHaveBeenLastCalledWith('odd', 50, 50);
    expect(screen.getAllByTestId('admin-user')[0]).toHaveTextContent('Odd 2');
    expect(screen.queryByText('Show more')).not.toBeInTheDocument();
  });
});

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
