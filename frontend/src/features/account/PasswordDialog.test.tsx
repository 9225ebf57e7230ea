import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import * as api from '../../api';
import { renderWithApp } from '../../test/render';
import { PasswordDialog } from './PasswordDialog';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof api>()),
  changePassword: vi.fn(),
}));

async function fill(current: string, next: string, confirm = next) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Current password'), current);
  await user.type(screen.getByLabelText('New password'), next);
  await user.type(screen.getByLabelText('New password again'), confirm);
  await user.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('PasswordDialog', () => {
  beforeEach(() => vi.mocked(api.changePassword).mockReset());

  it('checks the new password before asking the server', async () => {
    renderWithApp(<PasswordDialog opened onClose={() => undefined} />);
    await fill('old secret', 'new secret', 'new secreT');
    expect(await screen.findByText("The two new passwords don't match.")).toBeInTheDocument();
    expect(api.changePassword).not.toHaveBeenCalled();
  });

  it('says the other devices were signed out once it worked', async () => {
    vi.mocked(api.changePassword).mockResolvedValue(undefined);
    renderWithApp(<PasswordDialog opened onClose={() => undefined} />);
    await fill('old secret', 'new secret');
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Password changed. You were signed out on your other devices.',
    );
    expect(api.changePassword).toHaveBeenCalledWith('old secret', 'new secret');
  });
});
