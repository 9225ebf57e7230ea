import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import { DURATIONS, type TimedAction } from './durations';

interface DurationPickerProps {
  action: TimedAction;
  value: string;
  onChange: (value: string) => void;
}

/** The choice of how long a mute or a ban lasts, for every dialog that imposes one. */
export function DurationPicker({ action, value, onChange }: DurationPickerProps) {
  const { t } = useTranslation();
  const labelId = useId();
  // Five choices do not fit side by side at 360 px: stacked on phones.
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={labelId}>
        {t(`moderation.duration.${action}`)}
      </Text>
      <SegmentedControl
        aria-labelledby={labelId}
        value={value}
        onChange={onChange}
        fullWidth
        size="md"
        orientation={phone ? 'vertical' : 'horizontal'}
        // Touch targets of 44 px, like every other control.
        styles={{ label: { minHeight: 44, display: 'flex', alignItems: 'center', justifyContent: 'center' } }}
        data={
          action === 'mute'
            ? DURATIONS.mute.map((seconds) => ({
                value: String(seconds),
                label: t(`moderation.duration.muteChoices.d${seconds}`),
              }))
            : DURATIONS.ban.map((seconds) => ({
                value: String(seconds),
                label: t(`moderation.duration.banChoices.d${seconds}`),
              }))
        }
      />
    </Stack>
  );
}
