import { useLayoutEffect, useMemo, useRef, useState } from 'react'
import {
  binLevels, cellTooltip, colourScale, denseGrid, labelledLevels, legend, levelLabel, levelSide, levelTooltip,
  priceLabel, priceTicks, timeTicks,
} from '../lib/heatmap.js'

const HEIGHT = 320
const LEFT = 60 // price labels
const TOP = 6
const BOTTOM = 20 // time labels
const LEVEL_COLOURS = { long: '#38bdf8', short: '#a78bfa' }

/** The element's width, kept up to date; {@code fallback} until it is measured. */
function useWidth(fallback) {
  const ref = useRef(null)
  const [width, setWidth] = useState(fallback)
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return undefined
    setWidth(el.clientWidth || fallback)
    if (typeof ResizeObserver === 'undefined') return undefined
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry.contentRect.width) || fallback))
    observer.observe(el)
    return () => observer.disconnect()
  }, [fallback])
  return [ref, width]
}

/**
 * Liquidations by price (rows, highest first) and time (columns), coloured by notional, with price and time axes,
 * the current price marked with its value, a colour legend, and on the right the on-chain liquidation levels binned
 * onto the same price rows (labelled with side and notional). Hovering or tapping a cell or a level opens a tooltip;
 * a tap pins it until the next tap.
 */
export function LiqHeatmap({ map, onchain }) {
  const [ref, width] = useWidth(640)
  const [tip, setTip] = useState(null)
  const { grid, max } = useMemo(() => denseGrid(map), [map])
  const colour = useMemo(() => colourScale(max), [max])
  const scale = useMemo(() => legend(max), [max])
  const levels = useMemo(() => binLevels(map, onchain), [map, onchain])
  const rows = grid.length
  const cols = rows ? grid[0].length : 0
  const right = width < 480 ? 64 : 96
  const plotW = Math.max(40, width - LEFT - right)
  const plotH = HEIGHT - TOP - BOTTOM
  const geometry = useMemo(() => {
    if (!rows) return null
    const low = map.price_bins[0].low
    const high = map.price_bins[rows - 1].high
    const start = map.time_bins[0].start
    const end = map.time_bins[cols - 1].end
    return {
      low, high, start, end,
      y: (p) => TOP + (high - p) / (high - low) * plotH,
      x: (t) => LEFT + (t - start) / (end - start) * plotW,
      prices: priceTicks(low, high, plotH),
      times: timeTicks(start, end, Math.max(2, Math.floor(plotW / 70))),
    }
  }, [map, rows, cols, plotH, plotW])
  const labelled = useMemo(() => labelledLevels(levels, right < 96 ? 4 : 6, 3), [levels, right])
  if (!rows) {
    return <p className="text-sm text-zinc-500">{map?.warnings?.[0] ?? 'no reference price yet'}</p>
  }
  const { y, x, prices, times } = geometry
  const decimals = prices.decimals
  const rowH = plotH / rows
  const colW = plotW / cols
  const maxLevel = Math.max(1, ...levels.map((l) => l.notional))
  const levelW = right < 96 ? 12 : 36 // bars; their labels after them
  const ref_ = map.reference_price
  const priceY = typeof ref_ === 'number' && ref_ >= geometry.low && ref_ <= geometry.high ? y(ref_) : null

  const show = (kind, r, c, event, pin) => {
    const box = ref.current?.getBoundingClientRect()
    const px = box ? event.clientX - box.left : 0
    const py = box ? event.clientY - box.top : 0
    setTip((old) => {
      if (!pin && old?.pinned) return old
      if (pin && old?.pinned && old.kind === kind && old.r === r && old.c === c) return null
      return { kind, r, c, x: px, y: py, pinned: pin }
    })
  }
  const fromTarget = (event, pin) => {
    const d = event.target.dataset
    if (d.row !== undefined && d.col !== undefined) show('cell', Number(d.row), Number(d.col), event, pin)
    else if (d.level !== undefined) show('level', Number(d.level), 0, event, pin)
    else if (pin) setTip(null)
  }
  const onMove = (event) => {
    if (event.pointerType === 'touch') return
    fromTarget(event, false)
  }
  const onLeave = () => setTip((old) => (old?.pinned ? old : null))

  let content = null
  if (tip?.kind === 'cell') content = cellTooltip(map, rows - 1 - tip.r, tip.c)
  else if (tip?.kind === 'level') content = levelTooltip(map, tip.r, levels[tip.r], 4)

  return (
    <div ref={ref} className="relative select-none" data-testid="heatmap" data-hours={map.hours} data-cells={map.cells.length}
      data-time-start={geometry.start} data-time-end={geometry.end} data-columns={cols}
      data-liquidations={map.cells.reduce((n, c) => n + c.count, 0)}
      data-onchain-levels={levels.reduce((n, l) => n + l.count, 0)}>
      <svg width={width} height={HEIGHT} className="block font-mono" onPointerMove={onMove} onPointerLeave={onLeave}
        onClick={(e) => fromTarget(e, true)}>
        <g data-testid="heatmap-cells">
          {grid.map((row, r) => row.map((cell, c) => (
            <rect key={`${r}-${c}`} data-row={r} data-col={c} data-price-bin={rows - 1 - r} data-time-bin={c}
              data-count={cell ? cell.count : 0}
              x={LEFT + c * colW} y={TOP + r * rowH} width={Math.max(0.5, colW - 1)} height={Math.max(0.5, rowH * 0.9)}
              fill={cell ? colour(cell.notional_usd) : '#18181b'}
              stroke={tip && tip.kind === 'cell' && tip.r === r && tip.c === c ? '#f4f4f5' : 'none'} strokeWidth={1} />
          )))}
        </g>
        <g data-testid="price-axis" fontSize={10} fill="#a1a1aa">
          {prices.ticks.map((t) => (Math.abs(y(t.value) - (priceY ?? -99)) < 12 ? null : (
            <g key={t.value}>
              <line x1={LEFT - 4} x2={LEFT} y1={y(t.value)} y2={y(t.value)} stroke="#52525b" />
              <text data-testid="price-tick" x={LEFT - 6} y={y(t.value)} dy="0.32em" textAnchor="end">{t.label}</text>
            </g>
          )))}
        </g>
        <g data-testid="time-axis" fontSize={10} fill="#a1a1aa">
          {times.map((t) => (
            <g key={t.value}>
              <line x1={x(t.value)} x2={x(t.value)} y1={TOP + plotH} y2={TOP + plotH + 4} stroke="#52525b" />
              <text data-testid="time-tick" x={x(t.value)} y={TOP + plotH + 14} textAnchor="middle">{t.label}</text>
            </g>
          ))}
        </g>
        {priceY !== null ? (
          <g data-testid="current-price" pointerEvents="none">
            <line x1={LEFT} x2={LEFT + plotW} y1={priceY} y2={priceY} stroke="#e4e4e7" strokeWidth={1} strokeDasharray="4 3" />
            <rect x={0} y={priceY - 7} width={LEFT - 2} height={14} rx={2} fill="#e4e4e7" />
            <text x={LEFT - 5} y={priceY} dy="0.32em" textAnchor="end" fontSize={10} fontWeight={600} fill="#09090b">
              {priceLabel(ref_, decimals + 2)}
            </text>
          </g>
        ) : null}
        <g data-testid="onchain-levels">
          {levels.map((l, i) => (l.count ? (
            <g key={`lvl-${i}`}>
              <rect data-level={i} x={LEFT + plotW + 4} y={TOP + (rows - 1 - i) * rowH} height={Math.max(1, rowH * 0.9)}
                width={Math.max(2, levelW * l.notional / maxLevel)} fill={LEVEL_COLOURS[levelSide(l)]} />
              {labelled.has(i) ? (
                <text data-level={i} data-testid="level-label" x={LEFT + plotW + 6 + levelW} y={TOP + (rows - 0.5 - i) * rowH}
                  dy="0.32em" fontSize={9} fill={LEVEL_COLOURS[levelSide(l)]}>{levelLabel(l)}</text>
              ) : null}
            </g>
          ) : null))}
        </g>
      </svg>
      {content ? <Tooltip tip={tip} content={content} width={width} /> : null}
      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 font-mono text-[10px] text-zinc-400">
        <div data-testid="heatmap-legend" className="min-w-40 flex-1" style={{ maxWidth: 260 }}>
          <div className="h-2 rounded-sm" style={{ background: scale.gradient }} />
          <div className="relative h-3">
            {scale.ticks.map((t) => (
              <span key={t.value} className="absolute top-0 whitespace-nowrap"
                style={{ left: `${t.at * 100}%`, transform: `translateX(${t.at === 0 ? '0' : t.at === 1 ? '-100%' : '-50%'})` }}>{t.label}</span>
            ))}
          </div>
        </div>
        <span>colour: {scale.measure}, low → high{map.cells.length ? '' : ' · no liquidation in this window'}</span>
        <span><span style={{ color: LEVEL_COLOURS.long }}>L</span>/<span style={{ color: LEVEL_COLOURS.short }}>S</span>: on-chain longs/shorts liquidated at that price</span>
      </div>
    </div>
  )
}

/** Beside the pointer, on the side with room, and always inside the map's box (the card clips what leaves it). */
function Tooltip({ tip, content, width }) {
  const ref = useRef(null)
  const [size, setSize] = useState({ w: 0, h: 0 })
  useLayoutEffect(() => {
    const el = ref.current
    if (el && (el.offsetWidth !== size.w || el.offsetHeight !== size.h)) setSize({ w: el.offsetWidth, h: el.offsetHeight })
  })
  const x = tip.x > width / 2 ? tip.x - 12 - size.w : tip.x + 12
  const y = tip.y > HEIGHT / 2 ? tip.y - 12 - size.h : tip.y + 12
  const style = { left: Math.max(0, Math.min(x, width - size.w)), top: Math.max(0, y), maxWidth: Math.min(288, width) }
  return (
    <div ref={ref} data-testid={tip.kind === 'cell' ? 'heatmap-tooltip' : 'level-tooltip'} data-pinned={tip.pinned}
      className="pointer-events-none absolute z-10 w-max rounded-lg border border-zinc-700 bg-zinc-950/95 p-2 font-mono text-[11px] text-zinc-200 shadow-lg"
      style={style}>
      <div className="mb-1 text-zinc-400">{content.title}</div>
      <table>
        <tbody>
          {content.rows.map(([k, v]) => (
            <tr key={k} data-field={k}><td className="pr-3 text-zinc-500">{k}</td><td>{v}</td></tr>
          ))}
        </tbody>
      </table>
      {content.accounts?.length ? (
        <ul className="mt-1 border-t border-zinc-800 pt-1">
          {content.accounts.map((a, i) => <li key={i}><span className="text-zinc-500">{a.key}</span> {a.text}</li>)}
          {content.more ? <li className="text-zinc-500">and {content.more} more</li> : null}
        </ul>
      ) : null}
    </div>
  )
}
