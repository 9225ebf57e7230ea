import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Point {
  minute: string;
  messages: number;
}

const WIDTH = 600;
const HEIGHT = 120;

/**
 * Messages per minute as a plain SVG bar chart (no chart library for 60 bars). The SVG is
 * hidden from assistive tech; the sentence under it and each bar's <title> carry the data.
 */
export function ActivityChart({ points }: { points: readonly Point[] }) {
  const { t, i18n } = useTranslation();
  const total = points.reduce((sum, point) => sum + point.messages, 0);
  const peak = points.reduce((max, point) => Math.max(max, point.messages), 0);
  const barWidth = points.length > 0 ? WIDTH / points.length : WIDTH;
  const scale = peak > 0 ? (HEIGHT - 4) / peak : 0;
  const label = (point: Point) =>
    t('admin.stats.minute', {
      time: new Date(point.minute).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }),
      count: point.messages,
    });

  return (
    <figure style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        height={HEIGHT}
        preserveAspectRatio="none"
        aria-hidden
        data-testid="activity-chart"
      >
        <line x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} stroke="var(--mantine-color-gray-4)" />
        {points.map((point, index) => {
          const height = Math.max(point.messages > 0 ? 2 : 0, point.messages * scale);
          return (
            <rect
              key={point.minute}
              x={index * barWidth + 1}
              y={HEIGHT - height}
              width={Math.max(1, barWidth - 2)}
              height={height}
              fill="var(--mantine-color-indigo-6)"
            >
              <title>{label(point)}</title>
            </rect>
          );
        })}
      </svg>
      <Text component="figcaption" size="sm" c="dimmed" mt={4}>
        {t('admin.stats.chartSummary', { total, peak })}
      </Text>
    </figure>
  );
}
