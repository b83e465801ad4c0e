import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { hhmm, usd, usdAxis } from '../lib/format.js'

/** 24 h of hourly OI notional. */
export function OiChart({ points }) {
  return (
    <div className="h-56 w-full" data-testid="oi-chart">
      <ResponsiveContainer>
        <AreaChart data={points ?? []} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#27272a" vertical={false} />
          <XAxis dataKey="timestamp" tickFormatter={hhmm} stroke="#71717a" fontSize={11} />
          <YAxis tickFormatter={usdAxis} stroke="#71717a" fontSize={11} width={64} domain={['auto', 'auto']} />
          <Tooltip labelFormatter={hhmm} formatter={(v) => [usd(v), 'OI']} contentStyle={{ background: '#18181b', border: '1px solid #3f3f46' }} />
          <Area type="monotone" dataKey="oi_notional" stroke="#84CC16" fill="#84CC16" fillOpacity={0.15} isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  )
}
