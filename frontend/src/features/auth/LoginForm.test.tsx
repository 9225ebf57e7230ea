import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { session } from '../../api';
import { setLanguage } from '../../i18n';
import { renderWithApp } from '../../test/render';
import { LoginForm } from './LoginForm';

function respond(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
  session.signOut();
});

afterEach(() => {
  vi.unstubAllGlobals();
  // Also cancels the proactive-refresh timer a successful login schedules.
  session.signOut();
});

function fields() {
  return {
    username: screen.getByLabelText('Username'),
    password: screen.getByLabelText('Password'),
    submit: screen.getByRole('button', { name: 'Sign in' }),
  };
}

describe('LoginForm', () => {
  it('blocks an empty submit with inline errors and no request', async () => {
    const user = userEvent.setup();
    renderWithApp(<LoginForm />);

    await user.click(fields().submit);

    expect(await screen.findByText('Enter a username')).toBeInTheDocument();
    expect(screen.getByText('Enter a password')).toBeInTheDocument();
    expect(fields().username).toHaveAttribute('aria-invalid', 'true');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('lower-cases the username and checks length and characters on blur', async () => {
    const user = userEvent.setup();
    renderWithApp(<LoginForm />);
    const { username, password } = fields();

    await user.type(username, 'AB');
    expect(username).toHaveValue('ab');
    await user.click(password);
    expect(await screen.findByText('Username must be 3–32 characters')).toBeInTheDocument();

    await user.type(username, ' c');
    await user.click(password);
    expect(await screen.findByText('Use only lowercase letters, digits, _ . or -')).toBeInTheDocument();
  });

  it('rejects a short password before asking the server', async () => {
    const user = userEvent.setup();
    renderWithApp(<LoginForm />);
    const { username, password, submit } = fields();

    await user.type(username, 'alice');
    await user.type(password, 'short');
    await user.click(submit);

    expect(await screen.findByText('Password must be at least 8 characters')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows a wrong password as a form error', async () => {
    fetchMock.mockResolvedValue(respond(401, { detail: 'Incorrect username or password' }));
    const user = userEvent.setup();
    renderWithApp(<LoginForm />);
    const { username, password, submit } = fields();

    await user.type(username, 'Alice');
    await user.type(password, 'correct horse');
    await user.click(submit);

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password');
    const request = fetchMock.mock.calls[0]?.[0] as Request;
    expect(new URL(request.url).pathname).toBe('/api/auth/login');
    expect(await request.text()).toBe('username=alice&password=correct+horse');
    expect(session.getStatus()).toBe('signedOut');
  });

  it('tells how long to wait after too many attempts, in the chosen language', async () => {
    fetchMock.mockResolvedValue(respond(429, { detail: 'Too many attempts' }, { 'Retry-After': '42' }));
    const user = userEvent.setup();
    renderWithApp(<LoginForm />);
    const { username, password, submit } = fields();

    await user.type(username, 'alice');
    await user.type(password, 'correct horse');
    await user.click(submit);

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts, try again in 42 s');
    await act(() => setLanguage('ko'));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('42초 후에 다시 시도하세요'));
    expect(localStorage.getItem('parley.language')).toBe('ko');
  });

  it('stores the token in memory on success', async () => {
    fetchMock.mockResolvedValue(respond(200, { access_token: 'jwt', token_type: 'bearer', expires_in: 900 }));
    const user = userEvent.setup();
    renderWithApp(<LoginForm />);
    const { username, password, submit } = fields();

    await user.type(username, 'alice');
    await user.type(password, 'correct horse');
    await user.click(submit);

    await waitFor(() => expect(session.getStatus()).toBe('signedIn'));
    expect(session.getToken()).toBe('jwt');
    expect(localStorage.getItem('parley.language')).toBeNull();
    expect(Object.values(localStorage).join()).not.toContain('jwt');
  });
});
