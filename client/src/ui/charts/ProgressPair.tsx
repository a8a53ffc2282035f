import type { ReactNode } from 'react';
import type { DecimalText } from '../figures';
import { BarChart, ChartPair } from './index';

export interface ProgressRow {
  key: string | number;
  indicator: string;
  /** The indicator as the table shows it (e.g. a link); its text by default. */
  cell?: ReactNode;
  progressPercent: DecimalText | null;
}

/**
 * % progress of each target as horizontal bars up to a 100 % reference, and
 * the same figures in a table beside them (the table is what a screen reader
 * reads).
 */
export function ProgressPair({
  rows,
  caption,
  chart,
  columns,
  format,
}: {
  rows: ProgressRow[];
  caption: string;
  chart: { title: string; description: string; series: string; axis: string; reference: string };
  columns: { indicator: string; progress: string };
  format: {
    percent: (value: number) => string;
    value: (value: number) => string;
    percentOrNone: (p: DecimalText | null) => string;
  };
}) {
  return (
    <ChartPair
      tableLabel={caption}
      chart={
        <BarChart
          title={chart.title}
          description={chart.description}
          categories={rows.map((row) => row.indicator)}
          series={[
            {
              id: 'progress',
              label: chart.series,
              values: rows.map((row) =>
                row.progressPercent === null ? null : Number(row.progressPercent),
              ),
            },
          ]}
          valueLabel={chart.axis}
          formatValue={(value) => format.percent(value)}
          formatTick={(value) => `${format.value(value)} %`}
          reference={{ value: 100, label: chart.reference }}
          horizontal
        />
      }
      table={
        <table className="table targets-compact">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{columns.indicator}</th>
              <th scope="col" className="targets-num">
                {columns.progress}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.cell ?? row.indicator}</th>
                <td className="targets-num">{format.percentOrNone(row.progressPercent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
