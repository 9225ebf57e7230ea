import { Box, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { clockTime, position, timeAxis } from './activityAxis';

interface Point {
  minute: string;
  messages: number;
}

const WIDTH = 600;
const HEIGHT = 120;
const MINUTE = 60_000;
/** How near an edge (%) a tick's label may be: half a label's width at 360 px. */
const EDGE = 9;

/**
 * Messages per minute as a plain SVG bar chart (no chart library for 60 bars), each bar
 * at its minute on a local-time axis, with the peak marked on the value axis. The drawing
 * is hidden from assistive tech: the caption states the range, total and peak, and each
 * bar's <title> its minute. Labels are HTML beside the stretched SVG, so they never
 * distort, whatever the width.
 */
export function ActivityChart({ points, now }: { points: readonly Point[]; /** The window's end (ms). */ now: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const axis = timeAxis(
    points.map((point) => point.minute),
    now,
  );
  const total = points.reduce((sum, point) => sum + point.messages, 0);
  const busiest = points.reduce<Point | null>((top, point) => (top && top.messages >= point.messages ? top : point), null);
  const peak = busiest?.messages ?? 0;
  const scale = peak > 0 ? (HEIGHT - 4) / peak : 0;
  const barWidth = (WIDTH * MINUTE) / (axis.end - axis.start);
  const from = clockTime(axis.start, language);
  const to = clockTime(axis.end, language);
  const summary =
    busiest && peak > 0
      ? t('admin.stats.chartSummary', {
          total,
          peak,
          from,
          to,
          peakTime: clockTime(new Date(busiest.minute).getTime(), language),
        })
      : t('admin.stats.chartEmpty', { from, to });

  return (
    <figure style={{ margin: 0 }} aria-label={summary} data-testid="activity-figure">
      <Box style={{ display: 'flex', gap: 6 }}>
        <Box
          aria-hidden
          style={{ display: 'flex', flexDirection: 'column', justifyContent: 'space-between', height: HEIGHT }}
          data-testid="activity-value-axis"
        >
          <Text size="xs" c="dimmed" lh={1} ta="right">
            {t('admin.stats.perMinuteMax', { count: peak })}
          </Text>
          <Text size="xs" c="dimmed" lh={1} ta="right">
            0
          </Text>
        </Box>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <svg
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            width="100%"
            height={HEIGHT}
            preserveAspectRatio="none"
            aria-hidden
            data-testid="activity-chart"
            style={{ display: 'block' }}
          >
            <line x1={0} y1={0.5} x2={WIDTH} y2={0.5} stroke="var(--mantine-color-gray-3)" strokeDasharray="4 4" />
            {axis.ticks.map((tick) => {
              const x = (position(axis, tick) / 100) * WIDTH;
              return <line key={tick} x1={x} y1={0} x2={x} y2={HEIGHT} stroke="var(--mantine-color-gray-3)" />;
            })}
            <line x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} stroke="var(--mantine-color-gray-4)" />
            {points.map((point) => {
              const height = Math.max(point.messages > 0 ? 2 : 0, point.messages * scale);
              const x = (position(axis, new Date(point.minute).getTime()) / 100) * WIDTH;
              return (
                <rect
                  key={point.minute}
                  x={x}
                  y={HEIGHT - height}
                  width={Math.max(1, barWidth - 1)}
                  height={height}
                  fill="var(--mantine-color-indigo-6)"
                >
                  <title>
                    {t('admin.stats.minute', {
                      time: clockTime(new Date(point.minute).getTime(), language),
                      count: point.messages,
                    })}
                  </title>
                </rect>
              );
            })}
          </svg>
          <Box aria-hidden style={{ position: 'relative', height: 18 }} data-testid="activity-time-axis">
            {axis.ticks.map((tick) => {
              const at = position(axis, tick);
              // A label is centred on its tick; one that would spill past an edge (or onto
              // its neighbour, pushed inwards) keeps only its grid line.
              if (at < EDGE || at > 100 - EDGE) return null;
              return (
                <Text
                  key={tick}
                  component="span"
                  size="xs"
                  c="dimmed"
                  data-testid="activity-tick"
                  style={{ position: 'absolute', left: `${at}%`, top: 2, transform: 'translateX(-50%)', whiteSpace: 'nowrap' }}
                >
                  {clockTime(tick, language)}
                </Text>
              );
            })}
          </Box>
        </Box>
      </Box>
      <Text component="figcaption" size="sm" c="dimmed" mt={4}>
        {summary}
      </Text>
    </figure>
  );
}
