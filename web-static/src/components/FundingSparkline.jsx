import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip } from 'recharts'
import { hhmm } from '../lib/format.js'

/** The 8 h-equivalent funding rate over time: lime when longs pay, red when shorts pay. */
export function FundingSparkline({ points }) {
  return (
    <div className="h-16 w-full" data-testid="funding-sparkline">
      <ResponsiveContainer>
        <BarChart data={points ?? []}>
          <Tooltip labelFormatter={(i) => hhmm(points?.[i]?.timestamp ?? 0)}
            formatter={(v) => [`${(v * 100).toFixed(4)} %`, 'rate / 8 h']} contentStyle={{ background: '#18181b', border: '1px solid #3f3f46' }} />
          <Bar dataKey="funding_rate_8h" isAnimationActive={false}>
            {(points ?? []).map((p) => <Cell key={p.timestamp} fill={p.funding_rate_8h >= 0 ? '#84CC16' : '#F43F5E'} />)}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}
