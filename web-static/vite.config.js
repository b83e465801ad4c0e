import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'

// Relative asset paths: the same build is served from LocalCloud's root and from S3/CloudFront.
export default defineConfig({
  base: './',
  plugins: [react(), tailwindcss()],
  // The profiling build of react-dom keeps <Profiler> timings in production: the render benchmark reads them.
  resolve: { alias: { 'react-dom/client': 'react-dom/profiling' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  test: { environment: 'node', include: ['src/**/*.test.js'] },
})
