import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import i18n from '../../i18n';
import { renderWithApp } from '../../test/render';
import { DaySeparator } from './DaySeparator';
import { fullDate } from './time';

const today = new Date(2026, 10, 23, 15, 0);
const morning = new Date(2026, 10, 23, 9, 5).toISOString();

describe('DaySeparator', () => {
  it('says Today, with the full date and time on hover and on a tap', async () => {
    renderWithApp(<DaySeparator day="2026-11-23" firstAt={morning} today={today} />);
    const label = screen.getByRole('button', { name: 'Today' });
    expect(label).toHaveAttribute('title', fullDate(morning, 'en'));
    await userEvent.click(label);
    expect(await screen.findByRole('dialog')).toHaveTextContent(fullDate(morning, 'en'));
  });

  it('says Yesterday, then the date, in Korean too', async () => {
    await i18n.changeLanguage('ko');
    renderWithApp(
      <>
        <DaySeparator day="2026-11-22" firstAt={new Date(2026, 10, 22, 9).toISOString()} today={today} />
        <DaySeparator day="2026-11-20" firstAt={new Date(2026, 10, 20, 9).toISOString()} today={today} />
      </>,
    );
    expect(screen.getByRole('button', { name: '어제' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '2026년 11월 20일 금요일' })).toBeInTheDocument();
  });
});
