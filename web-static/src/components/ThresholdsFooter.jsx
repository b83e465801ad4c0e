/** Which thresholds the cards were judged against, discreetly; loudly only when the cards cannot be coloured. */
export function ThresholdsFooter({ thresholds, answerVersion }) {
  const loaded = thresholds.data?.version
  let text = `thresholds ${loaded}`
  if (!loaded) text = thresholds.error ? `thresholds unavailable (${thresholds.error.message}): cards not coloured` : 'loading thresholds…'
  else if (answerVersion && answerVersion !== loaded) text = `thresholds ${loaded}; the guards now use ${answerVersion}, reloading`
  return (
    <footer data-testid="thresholds-version" data-version={loaded ?? ''} className="font-mono text-[11px] text-zinc-600">{text}</footer>
  )
}
