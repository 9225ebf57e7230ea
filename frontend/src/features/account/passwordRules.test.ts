import { describe, expect, it } from 'vitest';

import { checkPasswordChange } from './passwordRules';

describe('checkPasswordChange', () => {
  it('accepts a long enough new password typed twice', () => {
    expect(checkPasswordChange({ current: 'old-secret', next: 'new-secret', confirm: 'new-secret' })).toEqual({});
  });

  it('asks for the current password', () => {
    expect(checkPasswordChange({ current: '', next: 'new-secret', confirm: 'new-secret' })).toEqual({
      current: 'currentRequired',
    });
  });

  it('refuses a new password under 8 characters and does not also complain about the confirmation', () => {
    expect(checkPasswordChange({ current: 'old-secret', next: 'short', confirm: 'other' })).toEqual({ next: 'tooShort' });
  });

  it('refuses a new password over the server limit', () => {
    const long = 'x'.repeat(257);
    expect(checkPasswordChange({ current: 'old-secret', next: long, confirm: long })).toEqual({ next: 'tooLong' });
  });

  it('refuses the current password as the new one', () => {
    expect(checkPasswordChange({ current: 'same-secret', next: 'same-secret', confirm: 'same-secret' })).toEqual({
      next: 'sameAsCurrent',
    });
  });

  it('catches a confirmation that differs', () => {
    expect(checkPasswordChange({ current: 'old-secret', next: 'new-secret', confirm: 'new-secreT' })).toEqual({
      confirm: 'mismatch',
    });
  });
});
