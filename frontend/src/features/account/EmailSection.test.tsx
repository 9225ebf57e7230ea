import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import * as api from '../../api';
import { renderWithApp } from '../../test/render';
import { testUser } from '../../test/people';
import { EmailSection } from './EmailSection';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof api>()),
  changeEmail: vi.fn(),
  fetchClientConfig: vi.fn(),
}));

async function save(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByRole('textbox', { name: 'Email address' }), email);
  if (password) await user.type(screen.getByLabelText('Current password'), password);
  await user.click(screen.getByRole('button', { name: 'Save email' }));
}

describe('EmailSection', () => {
  beforeEach(() => {
    vi.mocked(api.changeEmail).mockReset();
    vi.mocked(api.fetchClientConfig).mockResolvedValue({
      max_upload_bytes: 1,
      allowed_upload_types: [],
      max_message_length: 4000,
      send_rate_count: 10,
      send_rate_period_seconds: 5,
      push_public_key: null,
      password_reset_email: true,
    });
  });

  it('asks for the password before sending anything', async () => {
    renderWithApp(<EmailSection />);
    await save('kim@example.kr', '');
    expect(await screen.findByText('Enter your current password to change the address')).toBeInTheDocument();
    expect(api.changeEmail).not.toHaveBeenCalled();
  });

  it('says where reset links will go once saved', async () => {
    vi.mocked(api.changeEmail).mockResolvedValue(testUser(1, { email: 'kim@example.kr' }));
    renderWithApp(<EmailSection />);
    expect(await screen.findByText(/a reset link can be sent here/)).toBeInTheDocument();
    await save(' Kim@Example.kr ', 'my secret');
    expect(await screen.findByRole('status')).toHaveTextContent('Saved: reset links will go to kim@example.kr.');
    expect(api.changeEmail).toHaveBeenCalledWith('Kim@Example.kr', 'my secret');
  });

  it.each([
    [403, 'The current password is not right'],
    [409, 'Another account uses this address'],
    [422, "That isn't an email address"],
  ])('shows what the server refused (%i)', async (status, message) => {
    vi.mocked(api.changeEmail).mockRejectedValue(new api.ApiError({ status }));
    renderWithApp(<EmailSection />);
    await save('kim@example.kr', 'my secret');
    expect(await screen.findByText(message)).toBeInTheDocument();
  });
});
