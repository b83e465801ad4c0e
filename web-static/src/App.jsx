import { useEffect, useState } from 'react'
import { usePoll } from './lib/usePoll.js'
import { useThresholds } from './lib/useThresholds.js'
import { useSymbol } from './lib/useSymbol.js'
import { StatusBanner } from './components/StatusBanner.jsx'
import { TelemetryCards } from './components/TelemetryCards.jsx'
import { VelocityCards } from './components/VelocityCards.jsx'
import { GuardHistory } from './components/GuardHistory.jsx'
import { OiChart } from './components/OiChart.jsx'
import { FundingSparkline } from './components/FundingSparkline.jsx'
import { HeatmapPanel } from './components/HeatmapPanel.jsx'
import { Skeleton } from './components/Card.jsx'
import { ApiErrors } from './components/ApiErrors.jsx'
import { ThresholdsFooter } from './components/ThresholdsFooter.jsx'
import { Timed } from './lib/Timed.jsx'
import { pickInstrument, withSymbol } from './lib/instrument.js'

/** How far back the guard history strip reaches until the trader picks another window. */
const HISTORY_HOURS = 6

export function App() {
  const [wanted, choose] = useSymbol()
  const instruments = usePoll('/api/instruments', 60_000)
  const instrument = pickInstrument(instruments.data, wanted)
  // A URL without ?symbol= waits for the list and shows its first instrument; without the list (its route failing)
  // the routes answer for the API's default instrument, whose name the guards answer gives.
  const symbol = instrument?.symbol ?? null
  const ready = !instruments.loading || wanted !== null
  const route = (path) => (ready ? withSymbol(path, symbol) : null)
  const guards = usePoll(route('/api/engine/guards'), 1000)
  const thresholds = useThresholds(guards.data?.thresholds_version)
  const [historyHours, setHistoryHours] = useState(HISTORY_HOURS)
  const history = usePoll(route(`/api/engine/guards/history?hours=${historyHours}&limit=5000`), 10_000)
  const oi = usePoll(route('/api/market/oi_history?hours=24'), 60_000, true)
  const funding = usePoll(route('/api/market/funding_history?hours=24'), 60_000, true)
  const shown = guards.data?.symbol ?? symbol
  const states = guards.data?.guards ?? {}
  useEffect(() => {
    if (shown) document.title = `perpwatch · ${shown} perps`
  }, [shown])
  // The heatmap panel names its own routes' failures (and says "no scan yet" for the on-chain map's 503).
  const errors = [instruments, guards, history, oi, funding]
    .map((p) => p.error)
    .filter(Boolean)
  return (
    <main className="mx-auto max-w-6xl space-y-4 overflow-x-hidden p-3 sm:p-6">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 data-testid="title" data-symbol={shown ?? ''} className="font-mono text-lg font-semibold">perpwatch · {shown ? `${shown} perps` : '…'}</h1>
        <div className="flex items-baseline gap-3">
          {instruments.data?.length ? (
            <label className="font-mono text-xs text-zinc-400">
              <span className="sr-only">instrument</span>
              <select data-testid="instrument-select" value={symbol ?? ''} onChange={(e) => choose(e.target.value)}
                className="rounded border border-zinc-700 bg-zinc-900 px-2 py-1 font-mono text-sm text-zinc-100">
                {instruments.data.map((i) => <option key={i.symbol} value={i.symbol}>{i.symbol}</option>)}
              </select>
            </label>
          ) : null}
          <span className="font-mono text-xs text-zinc-500">{guards.data ? new Date(guards.data.ts).toISOString().slice(11, 19) + ' UTC' : ''}</span>
        </div>
      </header>
      <ApiErrors errors={errors} />
      {guards.loading ? <Skeleton className="h-20" /> : <Timed name="StatusBanner"><StatusBanner guards={guards.data} thresholds={thresholds.data} /></Timed>}
      <Timed name="GuardHistory"><GuardHistory history={history.data} loading={history.loading} hours={historyHours} now={guards.data?.ts} onHours={setHistoryHours} /></Timed>
      {guards.loading ? <Skeleton className="h-48" /> : <Timed name="TelemetryCards"><TelemetryCards guards={guards.data} thresholds={thresholds.data} /></Timed>}
      {guards.loading ? <Skeleton className="h-48" /> : <Timed name="VelocityCards"><VelocityCards guards={guards.data} thresholds={thresholds.data} /></Timed>}
      <section className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        <div className="min-w-0 overflow-hidden rounded-xl border border-zinc-800 bg-zinc-900/80 p-4">
          <h2 className="mb-2 text-xs uppercase tracking-wide text-zinc-400">Open interest, 24 h</h2>
          {states.oi_notional?.state === 'not_configured' ? <NotConfigured testId="oi-chart" metric="open interest" symbol={shown} />
            : oi.loading ? <Skeleton className="h-56" /> : <Timed name="OiChart"><OiChart points={oi.data} /></Timed>}
          <h2 className="mb-1 mt-3 text-xs uppercase tracking-wide text-zinc-400">Funding, rate per 8 h</h2>
          {states.funding_apr?.state === 'not_configured' ? <NotConfigured testId="funding-sparkline" metric="funding" symbol={shown} />
            : funding.loading ? <Skeleton className="h-16" /> : <Timed name="FundingSparkline"><FundingSparkline points={funding.data} /></Timed>}
        </div>
        <div className="min-w-0 overflow-hidden rounded-xl border border-zinc-800 bg-zinc-900/80 p-4">
          <HeatmapPanel symbol={symbol} instrument={instrument} ready={ready} />
        </div>
      </section>
      <ThresholdsFooter thresholds={thresholds} answerVersion={guards.data?.thresholds_version} />
    </main>
  )
}

/** A panel whose venue the instrument is not listed on: nothing watches it, so it is not "no data yet". */
function NotConfigured({ testId, metric, symbol }) {
  return <p data-testid={testId} data-state="not_configured" className="text-sm text-zinc-500">{metric} not configured for {symbol}: none of its venues reports it</p>
}
