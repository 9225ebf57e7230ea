import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { renderWithApp } from '../../test/render';
import { AddReaction } from './AddReaction';

// Mantine's menus and popovers open with transitions: on a loaded machine they take a while.
const SLOW = { timeout: 5000 };
// jsdom lays nothing out, so floating-ui calls a freshly mounted target hidden and the
// dropdown gets display: none; the browser suites (e2e) use these menus for real.
const LAID_OUT = { hidden: true };

// The searchable picker (emoji-picker-react) watches its list with an IntersectionObserver.
class IntersectionObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
  takeRecords(): [] {
    return [];
  }
}

describe('AddReaction', () => {
  beforeEach(() => {
    vi.stubGlobal('IntersectionObserver', IntersectionObserverStub);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is a lone button until clicked, then the open chooser; a pick closes it', async () => {
    const onPick = vi.fn();
    renderWithApp(<AddReaction onPick={onPick} />);
    const button = screen.getByRole('button', { name: 'Add reaction' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    // Mantine ids a popover's target (its dropdown's aria-labelledby): none, no popover mounted.
    expect(button).not.toHaveAttribute('id');
    expect(screen.queryByRole('dialog', LAID_OUT)).not.toBeInTheDocument();

    await userEvent.click(button);
    const chooser = await screen.findByRole('dialog', LAID_OUT, SLOW);
    expect(screen.getByRole('button', { name: 'Add reaction' })).toHaveAttribute('aria-expanded', 'true');
    const [first] = chooser.querySelectorAll('button');
    expect(first).toBeDefined();
    if (first) await userEvent.click(first);
    expect(onPick).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole('dialog', LAID_OUT)).not.toBeInTheDocument(), SLOW);
    expect(screen.getByRole('button', { name: 'Add reaction' })).toHaveAttribute('aria-expanded', 'false');
  });
});
