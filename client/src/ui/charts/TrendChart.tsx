import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Line,
  ReferenceArea,
  ResponsiveContainer,
  Scatter,
  XAxis,
  YAxis,
} from 'recharts';
import { SERIES_COLOURS } from './palette';
import type { TrendChartProps } from './types';

const TEXT = '#4a5260';
const GRID = '#d5d9e0';
const BAND = '#eef0f3';

type Row = Record<string, string | number | undefined>;

const valueKey = (id: string) => `${id}__value`;
const errorKey = (id: string) => `${id}__error`;
const hiddenKey = (id: string) => `${id}__hidden`;

/** A hidden figure: a hollow circle inside the "<k" band, at no particular value. */
const hollowMarker = (colour: string) =>
  function HollowMarker({ cx, cy }: { cx?: number; cy?: number }) {
    if (cx === undefined || cy === undefined) return <g />;
    return <circle cx={cx} cy={cy} r={5} fill="#ffffff" stroke={colour} strokeWidth={2} />;
  };

/**
 * Figures across categories (periods) with their 95 % error bars (recharts,
 * loaded on demand). The picture is one image to assistive technology (its
 * name says what it shows and where the figures are); the table beside it —
 * which every use of this chart must render — is the accessible equivalent.
 */
export default function TrendChart({
  title,
  description,
  xLabel,
  yLabel,
  series,
  threshold,
}: TrendChartProps) {
  const { t } = useTranslation('charts');
  const categories = series[0]?.points.map((p) => p.x) ?? [];
  const rows: Row[] = categories.map((x, i) => {
    const row: Row = { x };
    for (const s of series) {
      const point = s.points[i];
      if (!point) continue;
      if (point.value === null) {
        if (point.belowThreshold) row[hiddenKey(s.id)] = threshold / 2;
      } else {
        row[valueKey(s.id)] = point.value;
        row[errorKey(s.id)] = point.errorBound;
      }
    }
    return row;
  });
  const highest = Math.max(
    threshold,
    ...series.flatMap((s) => s.points.map((p) => (p.value === null ? 0 : p.value + p.errorBound))),
  );
  const anyHidden = series.some((s) => s.points.some((p) => p.value === null && p.belowThreshold));
  return (
    <figure className="chart">
      <div className="chart__plot" role="img" aria-label={`${title}. ${description}`}>
        <ResponsiveContainer width="100%" height={280}>
          <ComposedChart
            data={rows}
            accessibilityLayer={false}
            margin={{ top: 12, right: 16, bottom: 28, left: 8 }}
          >
            <CartesianGrid stroke={GRID} vertical={false} />
            <ReferenceArea
              y1={0}
              y2={threshold}
              fill={BAND}
              fillOpacity={1}
              ifOverflow="extendDomain"
              label={{
                value: `<${threshold}`,
                position: 'insideTopRight',
                fill: TEXT,
                fontSize: 12,
              }}
            />
            <XAxis
              dataKey="x"
              type="category"
              padding={{ left: 32, right: 32 }}
              tick={{ fill: TEXT, fontSize: 12 }}
              stroke={TEXT}
              label={{ value: xLabel, position: 'insideBottom', offset: -18, fill: TEXT }}
            />
            <YAxis
              allowDecimals={false}
              domain={[0, Math.ceil(highest * 1.1)]}
              tick={{ fill: TEXT, fontSize: 12 }}
              stroke={TEXT}
              width={56}
              label={{ value: yLabel, angle: -90, position: 'insideLeft', fill: TEXT, dy: 40 }}
            />
            {series.map((s, i) => {
              const colour = SERIES_COLOURS[i % SERIES_COLOURS.length] ?? TEXT;
              return (
                <Line
                  key={s.id}
                  dataKey={valueKey(s.id)}
                  name={s.label}
                  stroke={colour}
                  strokeWidth={2}
                  dot={{ r: 4, fill: colour, stroke: colour }}
                  activeDot={false}
                  connectNulls={false}
                  isAnimationActive={false}
                >
                  <ErrorBar
                    dataKey={errorKey(s.id)}
                    width={8}
                    stroke={colour}
                    strokeWidth={1.5}
                    isAnimationActive={false}
                  />
                </Line>
              );
            })}
            {anyHidden &&
              series.map((s, i) => (
                <Scatter
                  key={`${s.id}-hidden`}
                  dataKey={hiddenKey(s.id)}
                  name={`${s.label} <${threshold}`}
                  fill={SERIES_COLOURS[i % SERIES_COLOURS.length]}
                  shape={hollowMarker(SERIES_COLOURS[i % SERIES_COLOURS.length] ?? TEXT)}
                  isAnimationActive={false}
                />
              ))}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="chart__legend">
        <ul>
          {series.length > 1 &&
            series.map((s, i) => (
              <li key={s.id}>
                <svg width="24" height="12" aria-hidden="true" focusable="false">
                  <line
                    x1="0"
                    y1="6"
                    x2="24"
                    y2="6"
                    stroke={SERIES_COLOURS[i % SERIES_COLOURS.length]}
                    strokeWidth="3"
                  />
                </svg>
                {s.label}
              </li>
            ))}
          <li>
            <svg width="24" height="16" aria-hidden="true" focusable="false">
              <line x1="12" y1="1" x2="12" y2="15" stroke={TEXT} strokeWidth="1.5" />
              <line x1="8" y1="1" x2="16" y2="1" stroke={TEXT} strokeWidth="1.5" />
              <line x1="8" y1="15" x2="16" y2="15" stroke={TEXT} strokeWidth="1.5" />
              <circle cx="12" cy="8" r="3" fill={TEXT} />
            </svg>
            {t('legend.errorBar')}
          </li>
          {anyHidden && (
            <li>
              <svg width="24" height="16" aria-hidden="true" focusable="false">
                <circle cx="12" cy="8" r="5" fill="#ffffff" stroke={TEXT} strokeWidth="2" />
              </svg>
              {t('legend.hidden', { threshold })}
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}
