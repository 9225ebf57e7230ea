import en from '../../i18n/locales/en.json';
import {
  normaliseUsername,
  validateDisplayName,
  validatePassword,
  validateUsername,
} from './validation';

function hasKey(key: string): boolean {
  let node: unknown = en;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

describe('validateUsername', () => {
  it.each(['abc', 'a_b.c-d', 'user123', 'x'.repeat(32)])('accepts %j', (name) => {
    expect(validateUsername(name)).toBeNull();
  });

  it('requires a value', () => {
    expect(validateUsername('')).toBe('auth.errors.usernameRequired');
    expect(validateUsername('   ')).toBe('auth.errors.usernameRequired');
  });

  it.each(['ab', 'x'.repeat(33)])('rejects the length of %j', (name) => {
    expect(validateUsername(name)).toBe('auth.errors.usernameLength');
  });

  it.each(['Alice', 'bad name', 'émile', 'a@b', 'semi;colon'])('rejects the characters of %j', (name) => {
    expect(validateUsername(name)).toBe('auth.errors.usernameChars');
  });

  it('lower-cases input so capitals never reach the validator', () => {
    expect(normaliseUsername('Alice.B')).toBe('alice.b');
    expect(validateUsername(normaliseUsername('Alice'))).toBeNull();
  });
});

describe('validatePassword', () => {
  it('requires at least 8 characters', () => {
    expect(validatePassword('')).toBe('auth.errors.passwordRequired');
    expect(validatePassword('1234567')).toBe('auth.errors.passwordLength');
    expect(validatePassword('12345678')).toBeNull();
  });

  it('keeps spaces: they are part of a passphrase', () => {
    expect(validatePassword('        ')).toBeNull();
  });

  it('rejects what the server would', () => {
    expect(validatePassword('p'.repeat(257))).toBe('auth.errors.passwordTooLong');
    expect(validatePassword('p'.repeat(256))).toBeNull();
  });
});

describe('validateDisplayName', () => {
  it('is optional but bounded', () => {
    expect(validateDisplayName('')).toBeNull();
    expect(validateDisplayName('d'.repeat(64))).toBeNull();
    expect(validateDisplayName('d'.repeat(65))).toBe('auth.errors.displayNameLength');
  });
});

describe('error keys', () => {
  it('all exist in the English catalogue', () => {
    const keys = [
      validateUsername(''),
      validateUsername('ab'),
      validateUsername('A!'),
      validatePassword(''),
      validatePassword('short'),
      validatePassword('p'.repeat(300)),
      validateDisplayName('d'.repeat(65)),
    ];
    for (const key of keys) {
      expect(key).not.toBeNull();
      expect(hasKey(key ?? '')).toBe(true);
    }
  });
});
