import { hhmm } from '../lib/format.js'

/**
 * The settled 8 h-equivalent funding prints as bars around zero: lime when longs paid, red when shorts paid; the
 * API's last sample may be the venue's predicted rate (`kind: 'predicted'`), drawn faded and labelled as such. Plain
 * SVG: 288 bars through a charting library's per-bar components cost over 60 ms a render; this costs a few.
 */
export function FundingSparkline({ points }) {
  const data = points ?? []
  if (!data.length) return <p className="text-sm text-zinc-500">no funding samples yet</p>
  const maxAbs = Math.max(1e-12, ...data.map((p) => Math.abs(p.funding_rate_8h)))
  const last = data[data.length - 1]
  return (
    <div data-testid="funding-sparkline">
      <svg viewBox={`0 0 ${data.length} 2`} preserveAspectRatio="none" className="h-16 w-full">
        <line x1={0} x2={data.length} y1={1} y2={1} stroke="#3f3f46" strokeWidth={0.02} />
        {data.map((p, i) => {
          const h = Math.abs(p.funding_rate_8h) / maxAbs
          return <rect key={`${p.kind}-${p.timestamp}`} x={i + 0.1} width={0.8} y={p.funding_rate_8h >= 0 ? 1 - h : 1} height={Math.max(h, 0.01)}
            fill={p.funding_rate_8h >= 0 ? '#84CC16' : '#F43F5E'} opacity={p.kind === 'predicted' ? 0.45 : 1} />
        })}
      </svg>
      <div className="flex justify-between font-mono text-[10px] text-zinc-500">
        <span>{hhmm(data[0].timestamp)}</span>
        <span>{`${(last.funding_rate_8h * 100).toFixed(4)} % / 8 h${last.kind === 'predicted' ? ' predicted' : ''}`}</span>
        <span>{hhmm(last.timestamp)}</span>
      </div>
    </div>
  )
}
