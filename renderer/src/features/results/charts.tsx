import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { groupTotals } from '../../../../shared/charts/results';
import type { GroupResult } from '../../../../shared/domain/result';

/** Legend text in the ink colour, not the series' (a near-white 满分 series would vanish); legends keep
 *  the series order (`itemSorter={null}`) rather than sorting by name, so they read the same for every unit. */
const legendText = (v: string) => <span style={{ color: '#434343' }}>{v}</span>;

/** A group's totals in rank order; the bottom three dark and hatched-grey in print, the rest blue. */
export function GroupChart(props: { group: GroupResult; fullScore: number }) {
  const data = groupTotals(props.group);
  const low = Math.max(0, Math.floor(Math.min(...data.map((d) => d.total)) / 10) * 10 - 10);
  // even steps of 10 up to the full score (recharts would pick 50, 65, 80, 100)
  const ticks = Array.from({ length: Math.floor((props.fullScore - low) / 10) + 1 }, (_, k) => low + 10 * k);
  if (ticks.at(-1) !== props.fullScore) ticks.push(props.fullScore);
  return (
    <div style={{ width: '100%', height: 320 }}>
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 40 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="name"
            interval={0}
            angle={-35}
            textAnchor="end"
            height={Math.min(110, 24 + 12 * Math.max(...data.map((d) => d.name.length)))}
            tick={{ fontSize: 12 }}
          />
          <YAxis domain={[low, props.fullScore]} ticks={ticks} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v) => [String(v), '总分']} />
          <Bar dataKey="total" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.name} fill={d.bottom ? '#a8071a' : '#4096ff'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** A target's 一级 subtotals against its category's mean and the full points. */
export function VersusChart(props: {
  rows: { name: string; target: number; mean: number; full: number }[];
  target: string;
}) {
  return (
    <div style={{ width: '100%', height: 240 }}>
      <ResponsiveContainer>
        <BarChart data={props.rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend formatter={legendText} itemSorter={null} />
          <Bar dataKey="target" name={props.target} fill="#1677ff" isAnimationActive={false} />
          <Bar dataKey="mean" name="同类平均" fill="#bfbfbf" isAnimationActive={false} />
          <Bar dataKey="full" name="满分" fill="#f0f0f0" stroke="#8c8c8c" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Where a target lost points: against full points and against the category's median. */
export function LossChart(props: { rows: { name: string; lostVsFull: number; lostVsMedian: number }[] }) {
  return (
    <div style={{ width: '100%', height: Math.max(160, props.rows.length * 30 + 60) }}>
      <ResponsiveContainer>
        <BarChart data={props.rows} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend formatter={legendText} itemSorter={null} />
          <Bar dataKey="lostVsFull" name="较满分失分" fill="#cf1322" isAnimationActive={false} />
          <Bar dataKey="lostVsMedian" name="较中位数失分" fill="#fa8c16" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
