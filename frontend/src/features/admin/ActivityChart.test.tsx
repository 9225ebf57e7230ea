import { screen } from '@testing-library/react';

import { renderWithApp } from '../../test/render';
import { ActivityChart } from './ActivityChart';
import { timeAxis } from './activityAxis';

// Local times: the axis ticks on the viewer's own quarter hours.
const at = (hours: number, minutes: number) => new Date(2026, 11, 3, hours, minutes);
const NOW = at(14, 7).getTime();

describe('the dashboard activity chart', () => {
  it('labels quarter-hour ticks with local times from the hour shown', () => {
    const points = [
      { minute: at(13, 20).toISOString(), messages: 3 },
      { minute: at(13, 52).toISOString(), messages: 12 },
      { minute: at(14, 6).toISOString(), messages: 1 },
    ];
    renderWithApp(<ActivityChart points={points} now={NOW} />);
    const ticks = screen.getAllByTestId('activity-tick').map((tick) => tick.textContent);
    expect(ticks).toHaveLength(4);
    expect(ticks[0]).toMatch(/^1:15\sPM$/u);
    expect(ticks[1]).toMatch(/^1:30\sPM$/u);
    expect(ticks[2]).toMatch(/^1:45\sPM$/u);
    expect(ticks[3]).toMatch(/^2:00\sPM$/u);
    // Ticks are placed along the hour in order, inside the drawing.
    const lefts = screen.getAllByTestId('activity-tick').map((tick) => parseFloat(tick.style.left));
    expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
    expect(lefts[0]).toBeGreaterThan(0);
    expect(lefts[3]).toBeLessThan(100);
    // The value axis shows the peak; the figure says the range, the total and the busiest minute.
    expect(screen.getByTestId('activity-value-axis')).toHaveTextContent('12/min');
    const figure = screen.getByRole('figure');
    expect(figure).toHaveAccessibleName(/^16 messages from 1:07\sPM to 2:07\sPM; the busiest minute, 1:52\sPM, had 12\.$/u);
    expect(screen.getByText(/^16 messages from/)).toBeInTheDocument();
  });

  it('spans the last hour when nothing was said', () => {
    renderWithApp(<ActivityChart points={[]} now={NOW} />);
    expect(screen.getByRole('figure')).toHaveAccessibleName(/^No messages from 1:07\sPM to 2:07\sPM\.$/u);
    expect(screen.getAllByTestId('activity-tick')).toHaveLength(4);
  });

  it('puts a tick on the hour when the range starts on it, and stretches to hold late points', () => {
    const axis = timeAxis([at(15, 1).toISOString()], at(15, 0).getTime());
    expect(axis.start).toBe(at(14, 0).getTime());
    expect(axis.end).toBe(at(15, 2).getTime());
    expect(axis.ticks).toEqual([at(14, 0), at(14, 15), at(14, 30), at(14, 45), at(15, 0)].map((d) => d.getTime()));
  });
});
