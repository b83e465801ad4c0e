import { WifiOff } from 'lucide-react'

/**
 * Every failing route by name. The polls go on, so this disappears by itself on the first good answer after a
 * reconnect; meanwhile the numbers below are the last received and are said not to be live.
 */
export function ApiErrors({ errors }) {
  if (!errors.length) return null
  const unreachable = errors.some((e) => e.status === undefined)
  return (
    <div data-testid="api-error" data-routes={errors.map((e) => e.route ?? '').join(' ')}
      className="rounded-xl border border-alert/60 bg-alert/10 p-3 text-sm text-alert">
      <div className="flex items-center gap-2">
        <WifiOff size={16} />
        {unreachable ? 'API unreachable' : 'API errors'}; the numbers below are the last ones received and are not live.
      </div>
      <ul className="mt-1 pl-6 font-mono text-xs">
        {errors.map((e) => <li key={e.route ?? e.message} data-route={e.route ?? ''}>{e.message}</li>)}
      </ul>
    </div>
  )
}
