import {
  Bar,
  BarChart as RechartsBarChart,
  CartesianGrid,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import { SERIES_COLOURS } from './palette';
import type { BarChartProps } from './types';

const TEXT = '#4a5260';
const GRID = '#d5d9e0';
const REFERENCE = '#1f2933';
/** Room for a category's name beside horizontal bars; longer names end in "…". */
const CATEGORY_WIDTH = 180;
const CATEGORY_CHARACTERS = 26;

type Row = Record<string, string | number | null>;

/** A round step for about four intervals up to `highest` (1, 2, 2.5 or 5 times a power of ten). */
function niceStep(highest: number): number {
  const rough = highest / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= rough);
  return step ?? power * 10;
}

const shorten = (text: string) =>
  text.length > CATEGORY_CHARACTERS ? `${text.slice(0, CATEGORY_CHARACTERS - 1)}…` : text;

/**
 * Values across categories as bars (recharts, loaded on demand). Like the
 * trend chart, the picture is one image to assistive technology; the table
 * every use renders beside it is the accessible equivalent.
 */
export default function BarChart({
  title,
  description,
  categories,
  series,
  valueLabel,
  formatValue,
  formatTick,
  reference,
  horizontal = false,
}: BarChartProps) {
  const rows: Row[] = categories.map((category, i) => {
    const row: Row = { category };
    for (const s of series) row[s.id] = s.values[i] ?? null;
    return row;
  });
  const highest = Math.max(
    reference?.value ?? 0,
    ...series.flatMap((s) => s.values.map((v) => v ?? 0)),
  );
  // Room above the highest bar for its label, on a round tick.
  const step = highest > 0 ? niceStep(highest * 1.05) : 1;
  const top = Math.max(step, Math.ceil((highest * 1.05) / step) * step);
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const bars = series.length;
  const height = horizontal ? Math.max(160, 48 + categories.length * (bars * 22 + 18)) : 280;
  const categoryAxis = {
    dataKey: 'category',
    type: 'category' as const,
    tick: { fill: TEXT, fontSize: 12 },
    stroke: TEXT,
    interval: 0,
    tickFormatter: shorten,
  };
  const valueAxis = {
    type: 'number' as const,
    domain: [0, top],
    ticks,
    tick: { fill: TEXT, fontSize: 12 },
    stroke: TEXT,
    tickFormatter: formatTick ?? formatValue,
  };
  return (
    <figure className="chart">
      <div
        className="chart__plot"
        style={{ minHeight: height }}
        role="img"
        aria-label={`${title}. ${description}`}
      >
        <ResponsiveContainer width="100%" height={height}>
          <RechartsBarChart
            data={rows}
            layout={horizontal ? 'vertical' : 'horizontal'}
            accessibilityLayer={false}
            margin={{ top: 12, right: 56, bottom: horizontal ? 28 : 12, left: 8 }}
            barGap={2}
          >
            <CartesianGrid stroke={GRID} horizontal={!horizontal} vertical={horizontal} />
            {horizontal ? (
              <>
                <XAxis
                  {...valueAxis}
                  label={{ value: valueLabel, position: 'insideBottom', offset: -18, fill: TEXT }}
                />
                <YAxis {...categoryAxis} width={CATEGORY_WIDTH} />
              </>
            ) : (
              <>
                <XAxis {...categoryAxis} />
                <YAxis
                  {...valueAxis}
                  width={72}
                  label={{ value: valueLabel, angle: -90, position: 'insideLeft', fill: TEXT }}
                />
              </>
            )}
            {series.map((s, i) => {
              const colour = SERIES_COLOURS[i % SERIES_COLOURS.length] ?? TEXT;
              return (
                <Bar
                  key={s.id}
                  dataKey={s.id}
                  name={s.label}
                  fill={colour}
                  maxBarSize={28}
                  isAnimationActive={false}
                >
                  <LabelList
                    dataKey={s.id}
                    position={horizontal ? 'right' : 'top'}
                    fill={TEXT}
                    fontSize={12}
                    formatter={(value: unknown) =>
                      typeof value === 'number' ? formatValue(value) : ''
                    }
                  />
                </Bar>
              );
            })}
            {reference && (
              <ReferenceLine
                {...(horizontal ? { x: reference.value } : { y: reference.value })}
                stroke={REFERENCE}
                strokeDasharray="6 4"
                strokeWidth={1.5}
                ifOverflow="extendDomain"
              />
            )}
          </RechartsBarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="chart__legend">
        <ul>
          {series.map((s, i) => (
            <li key={s.id}>
              <svg width="16" height="12" aria-hidden="true" focusable="false">
                <rect width="16" height="12" fill={SERIES_COLOURS[i % SERIES_COLOURS.length]} />
              </svg>
              {s.label}
            </li>
          ))}
          {reference && (
            <li>
              <svg width="24" height="12" aria-hidden="true" focusable="false">
                <line
                  x1="0"
                  y1="6"
                  x2="24"
                  y2="6"
                  stroke={REFERENCE}
                  strokeWidth="1.5"
                  strokeDasharray="6 4"
                />
              </svg>
              {reference.label}
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}
