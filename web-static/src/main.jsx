import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './index.css'
import { App } from './App.jsx'
import { takeRenderTimings } from './lib/renderTimings.js'

// The profiling build (the local cloud's) lets the dashboard e2e take the render timings, which clears them; the
// production build has none to take and exposes nothing.
if (import.meta.env.MODE === 'profiling') window.perpwatchRenderTimings = () => takeRenderTimings(performance)

createRoot(document.getElementById('root')).render(<StrictMode><App /></StrictMode>)
