import { Badge } from '@mantine/core';
import { IconFlag } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * A room's open reports, for those who work its queue (the server sends 0 to everyone
 * else): nothing at 0. Named in words ("3 open reports") unless `hidden` from assistive
 * technology where the surrounding control already says it.
 */
export function OpenReportsBadge({ count, hidden = false }: { count: number; hidden?: boolean }) {
  const { t } = useTranslation();
  if (count <= 0) return null;
  const said = t('rooms.openReports', { count });
  return (
    <Badge
      size="sm"
      color="orange"
      variant="filled"
      leftSection={<IconFlag size={10} aria-hidden />}
      role={hidden ? undefined : 'status'}
      aria-label={hidden ? undefined : said}
      aria-hidden={hidden || undefined}
      data-testid="open-reports-badge"
      style={{ flexShrink: 0 }}
    >
      {count > 99 ? '99+' : count}
    </Badge>
  );
}
