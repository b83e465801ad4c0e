import { WifiOff } from 'lucide-react'
import { usePoll } from './lib/usePoll.js'
import { useThresholds } from './lib/useThresholds.js'
import { StatusBanner } from './components/StatusBanner.jsx'
import { TelemetryCards } from './components/TelemetryCards.jsx'
import { OiChart } from './components/OiChart.jsx'
import { FundingSparkline } from './components/FundingSparkline.jsx'
import { HeatmapPanel } from './components/HeatmapPanel.jsx'
import { Skeleton } from './components/Card.jsx'
import { ThresholdsFooter } from './components/ThresholdsFooter.jsx'
import { Timed } from './lib/Timed.jsx'

export function App() {
  const guards = usePoll('/api/engine/guards', 1000)
  const thresholds = useThresholds(guards.data?.thresholds_version)
  const oi = usePoll('/api/market/oi_history?hours=24', 60_000, true)
  const funding = usePoll('/api/market/funding_history?hours=24', 60_000, true)
  const apiDown = guards.error && guards.error.status === undefined
  return (
    <main className="mx-auto max-w-6xl space-y-4 overflow-x-hidden p-3 sm:p-6">
      <header className="flex items-baseline justify-between">
        <h1 className="font-mono text-lg font-semibold">perpwatch · SOL perps</h1>
        <span className="font-mono text-xs text-zinc-500">{guards.data ? new Date(guards.data.ts).toISOString().slice(11, 19) + ' UTC' : ''}</span>
      </header>
      {apiDown || guards.error ? (
        <div data-testid="api-error" className="flex items-center gap-2 rounded-xl border border-alert/60 bg-alert/10 p-3 text-sm text-alert">
          <WifiOff size={16} /> API unreachable ({guards.error.message}); the numbers below are the last ones received and are not live.
        </div>
      ) : null}
      {guards.loading ? <Skeleton className="h-20" /> : <Timed name="StatusBanner"><StatusBanner guards={guards.data} thresholds={thresholds.data} /></Timed>}
      {guards.loading ? <Skeleton className="h-48" /> : <Timed name="TelemetryCards"><TelemetryCards guards={guards.data} thresholds={thresholds.data} /></Timed>}
      <section className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        <div className="min-w-0 overflow-hidden rounded-xl border border-zinc-800 bg-zinc-900/80 p-4">
          <h2 className="mb-2 text-xs uppercase tracking-wide text-zinc-400">Open interest, 24 h</h2>
          {oi.loading ? <Skeleton className="h-56" /> : <Timed name="OiChart"><OiChart points={oi.data} /></Timed>}
          <h2 className="mb-1 mt-3 text-xs uppercase tracking-wide text-zinc-400">Funding, rate per 8 h</h2>
          {funding.loading ? <Skeleton className="h-16" /> : <Timed name="FundingSparkline"><FundingSparkline points={funding.data} /></Timed>}
        </div>
        <div className="min-w-0 overflow-hidden rounded-xl border border-zinc-800 bg-zinc-900/80 p-4">
          <HeatmapPanel />
        </div>
      </section>
      <ThresholdsFooter thresholds={thresholds} answerVersion={guards.data?.thresholds_version} />
    </main>
  )
}
