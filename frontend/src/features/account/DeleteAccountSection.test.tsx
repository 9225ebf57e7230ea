import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import * as api from '../../api';
import { renderWithApp } from '../../test/render';
import { DeleteAccountSection } from './DeleteAccountSection';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof api>()),
  deleteMyAccount: vi.fn(),
}));

async function start() {
  const user = userEvent.setup();
  renderWithApp(<DeleteAccountSection />);
  await user.click(screen.getByRole('button', { name: 'Delete my account…' }));
  return user;
}

describe('DeleteAccountSection', () => {
  beforeEach(() => vi.mocked(api.deleteMyAccount).mockReset());

  it('asks for the password and a choice about the messages before anything else', async () => {
    const user = await start();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(screen.getByText('Choose what happens to the messages.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete my account forever' })).not.toBeInTheDocument();
    expect(api.deleteMyAccount).not.toHaveBeenCalled();
  });

  it('deletes with the chosen option only after the second confirmation, then signs out here', async () => {
    vi.mocked(api.deleteMyAccount).mockResolvedValue({});
    const signOut = vi.spyOn(api.session, 'signOut');
    const user = await start();
    await user.type(screen.getByLabelText('Your password'), 'my secret');
    await user.click(screen.getByLabelText('Erase my messages'));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByText(/All your messages are erased/)).toBeInTheDocument();
    expect(api.deleteMyAccount).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Delete my account forever' }));
    await vi.waitFor(() => expect(signOut).toHaveBeenCalled());
    expect(api.deleteMyAccount).toHaveBeenCalledWith('my secret', 'erase');
    signOut.mockRestore();
  });
});
