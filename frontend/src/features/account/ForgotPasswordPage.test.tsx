import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import * as api from '../../api';
import { renderWithApp } from '../../test/render';
import { ForgotPasswordPage } from './ForgotPasswordPage';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof api>()),
  forgotPassword: vi.fn(),
}));

async function ask(login: string) {
  const user = userEvent.setup();
  if (login) await user.type(screen.getByLabelText(/Username or email/), login);
  await user.click(screen.getByRole('button', { name: 'Send reset link' }));
}

describe('ForgotPasswordPage', () => {
  beforeEach(() => vi.mocked(api.forgotPassword).mockReset());

  it('needs a username or address first', async () => {
    renderWithApp(<ForgotPasswordPage />, '/forgot');
    await ask('');
    expect(await screen.findByText('Enter your username or email address')).toBeInTheDocument();
    expect(api.forgotPassword).not.toHaveBeenCalled();
  });

  it('answers the same whoever was asked for', async () => {
    vi.mocked(api.forgotPassword).mockResolvedValue(null);
    renderWithApp(<ForgotPasswordPage />, '/forgot');
    await ask(' minsu ');
    expect(await screen.findByRole('status')).toHaveTextContent('If that account has an email address');
    expect(api.forgotPassword).toHaveBeenCalledWith('minsu');
  });
});
