import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'

// Relative asset paths: the same build is served from LocalCloud's root and from S3/CloudFront.
//
// Two builds: `npm run build` (production, dist/: what S3 and CloudFront serve) uses React's ordinary production
// build, which never calls <Profiler> callbacks; `npm run build:profiling` (dist-profiling/: what the local cloud
// serves, so the dashboard e2e and the bench's render scenario can read render times) aliases react-dom's
// profiling entry, which keeps <Profiler> timings.
export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [react(), tailwindcss()],
  resolve: mode === 'profiling' ? { alias: { 'react-dom/client': 'react-dom/profiling' } } : {},
  build: { outDir: mode === 'profiling' ? 'dist-profiling' : 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  test: { environment: 'node', include: ['src/**/*.test.js'] },
}))
