import { useMemo, useState } from 'react'
import { binLevels, colourScale, denseGrid, priceBinOf } from '../lib/heatmap.js'
import { hhmm, usd } from '../lib/format.js'

const CELL_H = 8

/**
 * Liquidations by price (rows, highest first) and time (columns), coloured by notional, with the current price
 * marked and, on the right, the Drift on-chain liquidation levels binned onto the same price rows.
 */
export function LiqHeatmap({ map, onchain }) {
  const [hover, setHover] = useState(null)
  const { grid, max } = useMemo(() => denseGrid(map), [map])
  const colour = useMemo(() => colourScale(max), [max])
  const levels = useMemo(() => binLevels(map, onchain), [map, onchain])
  const maxLevel = Math.max(1, ...levels.map((l) => l.notional))
  const rows = grid.length
  const cols = rows ? grid[0].length : 0
  if (!rows) {
    return <p className="text-sm text-zinc-500">{map?.warnings?.[0] ?? 'no reference price yet'}</p>
  }
  const priceRow = priceBinOf(map, map.reference_price)
  const width = 100 / (cols + 3)
  return (
    <div className="relative" data-testid="heatmap" data-cells={map.cells.length}
      data-liquidations={map.cells.reduce((n, c) => n + c.count, 0)}
      data-onchain-levels={levels.reduce((n, l) => n + l.count, 0)}>
      <svg viewBox={`0 0 ${cols + 3} ${rows * CELL_H / 8}`} preserveAspectRatio="none" className="h-80 w-full">
        {grid.map((row, r) => row.map((cell, c) => (
          <rect key={`${r}-${c}`} x={c} y={r * CELL_H / 8} width={0.96} height={CELL_H / 8 * 0.9}
            fill={cell ? colour(cell.notional_usd) : '#18181b'}
            onMouseEnter={() => setHover(cell ? { cell, bin: map.price_bins[cell.price_bin], time: map.time_bins[cell.time_bin] } : null)} />
        )))}
        {priceRow !== null ? (
          <line x1={0} x2={cols} y1={(rows - 1 - priceRow + 0.5) * CELL_H / 8} y2={(rows - 1 - priceRow + 0.5) * CELL_H / 8}
            stroke="#e4e4e7" strokeWidth={0.08} strokeDasharray="0.3 0.2" />
        ) : null}
        {levels.map((l, i) => (l.count ? (
          <rect key={`lvl-${i}`} x={cols + 0.2} y={(rows - 1 - i) * CELL_H / 8} width={2.6 * l.notional / maxLevel} height={CELL_H / 8 * 0.9} fill="#a78bfa" />
        ) : null))}
      </svg>
      <div className="mt-1 flex justify-between font-mono text-[10px] text-zinc-500" style={{ width: `${100 - 3 * width}%` }}>
        <span>{hhmm(map.time_bins[0].start)}</span><span>{hhmm(map.time_bins[cols - 1].end)}</span>
      </div>
      <div className="font-mono text-xs text-zinc-400">
        {hover ? `${hover.cell.count} liq · ${hover.cell.total_size.toFixed(2)} SOL · ${usd(hover.cell.notional_usd)} · ${hover.bin.low}–${hover.bin.high} · ${hhmm(hover.time.start)}`
          : `price ${map.reference_price} · ${map.cells.length} cells · on-chain levels in violet`}
      </div>
    </div>
  )
}
