import { memo } from 'react';
import { useTranslation } from 'react-i18next';

import { fullDate, longDay, relativeDay } from './time';
import { TimeHint } from './TimeHint';

interface DaySeparatorProps {
  /** The local day, "2026-11-23". */
  day: string;
  /** The first message of the day: what the hint's full date and time are of. */
  firstAt: string;
  today: Date;
}

/** The line between two days of messages: "Today", "Yesterday", then the date. */
export const DaySeparator = memo(function DaySeparator({ day, firstAt, today }: DaySeparatorProps) {
  const { t, i18n } = useTranslation();
  const relative = relativeDay(day, today);
  const label = relative === null ? longDay(firstAt, i18n.language) : t(`chat.${relative}`);
  return (
    <div className="day-separator" data-testid="day-separator">
      <TimeHint iso={firstAt} full={fullDate(firstAt, i18n.language)} className="day-separator-label">
        {label}
      </TimeHint>
    </div>
  );
});
