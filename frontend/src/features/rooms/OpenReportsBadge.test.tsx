import { QueryClient } from '@tanstack/react-query';
import { screen } from '@testing-library/react';

import type { RoomPublic } from '../../api';
import { renderWithApp } from '../../test/render';
import { OpenReportsBadge } from './OpenReportsBadge';
import { reportsKey, roomKey, roomsKey, siteReportsKey } from './queries';
import { applyOpenReports } from './reportCache';

const room = (id: number, extra: Partial<RoomPublic> = {}): RoomPublic => ({
  id,
  name: `r${id}`,
  kind: 'room',
  last_seq: 0,
  locked: false,
  created_at: '',
  created_by: null,
  ...extra,
});

describe('OpenReportsBadge', () => {
  it('says how many reports are open', () => {
    renderWithApp(<OpenReportsBadge count={3} />);
    expect(screen.getByRole('status', { name: '3 open reports' })).toHaveTextContent('3');
  });

  it('shows nothing when none are', () => {
    renderWithApp(<OpenReportsBadge count={0} />);
    expect(screen.queryByTestId('open-reports-badge')).not.toBeInTheDocument();
  });
});

describe('applyOpenReports (a `reports` frame)', () => {
  it('writes the count into the room list and the room, and reloads the queue', () => {
    const queryClient = new QueryClient();
    const other = room(2);
    queryClient.setQueryData(roomsKey, [room(1), other]);
    queryClient.setQueryData(roomKey(1), room(1));
    queryClient.setQueryData([...reportsKey(1), 'open'], []);
    queryClient.setQueryData([...siteReportsKey, 'open'], []);
    applyOpenReports(queryClient, 1, 4);
    const rooms = queryClient.getQueryData<RoomPublic[]>(roomsKey);
    expect(rooms?.[0]?.open_reports).toBe(4);
    expect(rooms?.[1]).toBe(other);
    expect(queryClient.getQueryData<RoomPublic>(roomKey(1))?.open_reports).toBe(4);
    expect(queryClient.getQueryState([...reportsKey(1), 'open'])?.isInvalidated).toBe(true);
    // The site admin's queue of every room too.
    expect(queryClient.getQueryState([...siteReportsKey, 'open'])?.isInvalidated).toBe(true);
  });
});
