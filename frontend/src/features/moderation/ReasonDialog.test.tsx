import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { ApiError } from '../../api';
import { renderWithApp } from '../../test/render';
import { ReasonDialog } from './ReasonDialog';

describe('ReasonDialog', () => {
  it('sends the reason and shows a 403 detail inline, staying open', async () => {
    const onConfirm = vi.fn(() =>
      Promise.reject(new ApiError({ status: 403, detail: 'You can only act on members ranked below you' })),
    );
    const onClose = vi.fn();
    renderWithApp(<ReasonDialog opened onClose={onClose} title="Ban Bob" confirmLabel="Ban" onConfirm={onConfirm} />);
    await userEvent.type(screen.getByLabelText('Reason'), 'spam');
    await userEvent.click(screen.getByRole('button', { name: 'Ban' }));
    expect(onConfirm).toHaveBeenCalledWith('spam');
    expect(await screen.findByRole('alert')).toHaveTextContent('You can only act on members ranked below you');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('closes and reports success when the server agrees', async () => {
    const onClose = vi.fn();
    const onDone = vi.fn();
    renderWithApp(
      <ReasonDialog opened onClose={onClose} onDone={onDone} title="Kick" confirmLabel="Kick" onConfirm={() => Promise.resolve()} />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Kick' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(onClose).toHaveBeenCalled();
  });
});
