import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { renderWithApp } from '../../test/render';
import { MessageActions } from './MessageActions';

// Mantine's menus and popovers open with transitions: on a loaded machine they take a while.
const SLOW = { timeout: 5000 };
// jsdom lays nothing out, so floating-ui calls a freshly mounted target hidden and the
// dropdown gets display: none; the browser suites (e2e) use these menus for real.
const LAID_OUT = { hidden: true };

describe('MessageActions', () => {
  it('is a lone button until clicked, then the open menu', async () => {
    const onReply = vi.fn();
    const onDelete = vi.fn();
    renderWithApp(<MessageActions onReply={onReply} onDelete={onDelete} />);
    const button = screen.getByRole('button', { name: 'Message actions' });
    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    // Mantine ids a menu's target (its dropdown's aria-labelledby): none, no menu mounted.
    expect(button).not.toHaveAttribute('id');
    expect(screen.queryByRole('menu', LAID_OUT)).not.toBeInTheDocument();

    await userEvent.click(button);
    expect(await screen.findByRole('menu', LAID_OUT, SLOW)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Message actions' })).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(screen.getByRole('menuitem', { ...LAID_OUT, name: 'Delete' }));
    expect(onDelete).toHaveBeenCalledTimes(1);
    expect(onReply).not.toHaveBeenCalled();
  });

  it('gives the focus back to its button when closed with Escape, and opens again', async () => {
    renderWithApp(<MessageActions onDelete={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Message actions' }));
    await screen.findByRole('menu', LAID_OUT, SLOW);
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('menu', LAID_OUT)).not.toBeInTheDocument(), SLOW);
    const button = screen.getByRole('button', { name: 'Message actions' });
    await waitFor(() => expect(button).toHaveFocus(), SLOW);

    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('menu', LAID_OUT, SLOW)).toBeInTheDocument();
  });
});
