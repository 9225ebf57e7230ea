import { screen } from '@testing-library/react';

import { renderWithApp } from '../../test/render';
import { TypingIndicator } from './TypingIndicator';

describe('TypingIndicator', () => {
  it('isolates each name, so a right-to-left one cannot turn the sentence around', () => {
    const typing = [
      { userId: 1, name: 'evil\u202Egnp.exe', until: Date.now() + 4000 },
      { userId: 2, name: 'سارا', until: Date.now() + 4000 },
    ];
    renderWithApp(<TypingIndicator typing={typing} />);
    const line = screen.getByTestId('typing-indicator');
    const names = [...line.querySelectorAll('bdi')].map((node) => node.textContent);
    expect(names).toEqual(['evil\u202Egnp.exe', 'سارا']);
    expect(line.textContent).toBe('evil\u202Egnp.exe and سارا are typing…');
  });
});
