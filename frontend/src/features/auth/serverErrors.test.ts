import { ApiError } from '../../api';
import i18n from '../../i18n';
import { describeAuthFailure } from './serverErrors';

describe('describeAuthFailure', () => {
  it('puts "username taken" on the username field', () => {
    expect(describeAuthFailure(new ApiError({ status: 409, detail: 'Username already taken' }))).toEqual({
      fieldErrors: { username: { key: 'auth.errors.usernameTaken' } },
      formError: null,
    });
  });

  it('maps 422 problems onto the named fields', () => {
    const error = new ApiError({
      status: 422,
      problems: [
        { loc: ['body', 'username'], msg: 'bad', type: 'value_error' },
        { loc: ['body', 'password'], msg: 'short', type: 'string_too_short' },
      ],
    });
    expect(describeAuthFailure(error)).toEqual({
      fieldErrors: {
        username: { key: 'auth.errors.usernameInvalid' },
        password: { key: 'auth.errors.passwordInvalid' },
      },
      formError: null,
    });
  });

  it('tells a signup refused for want of an invite apart from a blocked login', () => {
    const refused = new ApiError({ status: 403, detail: 'Sign-up is closed: ask an admin for an invite' });
    expect(describeAuthFailure(refused, 'signup').formError?.key).toBe('auth.errors.signupClosed');
    expect(describeAuthFailure(refused, 'login').formError?.key).toBe('auth.errors.accountBlocked');
  });

  it('says a spent invite link is spent, above the form', () => {
    const error = new ApiError({
      status: 422,
      problems: [{ loc: ['body', 'invite'], msg: 'This invite link has expired or was used up', type: 'invalid' }],
    });
    expect(describeAuthFailure(error, 'signup')).toEqual({
      fieldErrors: {},
      formError: { key: 'auth.errors.inviteExpired' },
    });
  });

  it('falls back to a form error for a 422 on an unknown field', () => {
    const error = new ApiError({ status: 422, problems: [{ loc: ['body'], msg: 'missing', type: 'missing' }] });
    expect(describeAuthFailure(error).formError).toEqual({ key: 'auth.errors.unexpected' });
  });

  it('reports wrong credentials, rate limits and network trouble above the form', () => {
    expect(describeAuthFailure(new ApiError({ status: 401 })).formError?.key).toBe('auth.errors.wrongCredentials');
    expect(describeAuthFailure(new ApiError({ status: 403 })).formError?.key).toBe('auth.errors.accountBlocked');
    expect(describeAuthFailure(new ApiError({ status: 429, retryAfterSeconds: 42 })).formError).toEqual({
      key: 'auth.errors.tooManyAttempts',
      values: { seconds: 42 },
    });
    expect(describeAuthFailure(new ApiError({ status: 429 })).formError?.key).toBe('auth.errors.tooManyAttemptsLater');
    expect(describeAuthFailure(new ApiError({ status: 0 })).formError?.key).toBe('auth.errors.network');
    expect(describeAuthFailure(new Error('boom')).formError?.key).toBe('auth.errors.unexpected');
  });
});

describe('a timed site ban at login', () => {
  it('says until when, in the reader’s language', async () => {
    const refused = new ApiError({ status: 403, detail: 'This account is banned until 2026-12-10T12:00:00+00:00' });
    const message = describeAuthFailure(refused, 'login').formError;
    expect(message?.key).toBe('auth.errors.bannedUntil');
    expect(i18n.t(message!.key, message!.values)).toMatch(/^This account is banned until Dec \d+, 2026, .+\. Contact/);
    await i18n.changeLanguage('ko');
    expect(i18n.t(message!.key, message!.values)).toMatch(/^이 계정은 2026\. 12\. \d+\. .+까지 차단되었습니다/);
  });

  it('falls back to the plain refusal without a readable end', () => {
    const refused = new ApiError({ status: 403, detail: 'This account is banned until someday' });
    expect(describeAuthFailure(refused, 'login').formError?.key).toBe('auth.errors.accountBlocked');
  });
});
