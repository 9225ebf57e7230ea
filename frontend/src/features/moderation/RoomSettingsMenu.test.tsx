import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { RoomPublic } from '../../api';
import { renderWithApp } from '../../test/render';
import { RoomSettingsMenu } from './RoomSettingsMenu';

const room = (extra: Partial<RoomPublic>): RoomPublic => ({
  id: 5,
  name: 'town',
  kind: 'room',
  last_seq: 0,
  locked: false,
  created_at: '',
  created_by: null,
  ...extra,
});

describe('RoomSettingsMenu report badge', () => {
  it('counts the open reports on the menu and on its Reports entry', async () => {
    renderWithApp(<RoomSettingsMenu room={room({ my_actions: ['read_reports', 'read_audit'], open_reports: 3 })} />);
    const menu = screen.getByRole('button', { name: 'Room settings, 3 open reports' });
    await userEvent.click(menu);
    const entry = await screen.findByRole('menuitem', { name: /Reports/ }, { timeout: 5000 });
    const badge = within(entry).getByTestId('open-reports-badge');
    expect(badge).toHaveAttribute('aria-label', '3 open reports');
    expect(badge).toHaveTextContent('3');
  });

  it('shows no count when nothing is open', () => {
    renderWithApp(<RoomSettingsMenu room={room({ my_actions: ['read_reports'], open_reports: 0 })} />);
    expect(screen.getByRole('button', { name: 'Room settings' })).toBeInTheDocument();
    expect(screen.queryByText('3')).not.toBeInTheDocument();
  });
});
