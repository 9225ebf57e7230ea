import { describe, expect, it } from 'vitest';

import { accountChoices, colorSchemeOf, overrideFor, themeOf } from './preferences';

describe('accountChoices', () => {
  it('takes the languages and themes the app knows', () => {
    expect(accountChoices({ locale: 'ko', theme: 'dark' })).toEqual({ language: 'ko', theme: 'dark' });
  });

  it('leaves unset or unknown values to the device', () => {
    expect(accountChoices({ locale: null, theme: null })).toEqual({ language: null, theme: null });
    expect(accountChoices({})).toEqual({ language: null, theme: null });
    expect(accountChoices({ locale: 'fr', theme: 'sepia' })).toEqual({ language: null, theme: null });
  });
});

describe('overrideFor', () => {
  it("lets the account's choice win over the device's", () => {
    expect(overrideFor('ko', 'en')).toBe('ko');
  });

  it('changes nothing when the account never chose or already agrees', () => {
    expect(overrideFor(null, 'en')).toBeNull();
    expect(overrideFor('en', 'en')).toBeNull();
  });
});

describe('theme names', () => {
  it('maps system to and from Mantine auto', () => {
    expect(colorSchemeOf('system')).toBe('auto');
    expect(colorSchemeOf('dark')).toBe('dark');
    expect(themeOf('auto')).toBe('system');
    expect(themeOf('light')).toBe('light');
  });
});
