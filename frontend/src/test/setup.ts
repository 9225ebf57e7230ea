import '@testing-library/jest-dom/vitest';

import { cleanup } from '@testing-library/react';

import i18n, { LANGUAGES, loadLanguage } from '../i18n';

// jsdom lacks the layout APIs Mantine reads at mount.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});

class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
window.ResizeObserver = ResizeObserverStub;

beforeAll(async () => {
  // Tests switch languages with i18n.changeLanguage, which does not fetch catalogues.
  await Promise.all(LANGUAGES.map(loadLanguage));
});

beforeEach(async () => {
  localStorage.clear();
  await i18n.changeLanguage('en');
});

afterEach(() => {
  cleanup();
});
