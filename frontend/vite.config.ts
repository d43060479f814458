import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// The Go server listens here by default; the dev server forwards the API to
// it so the browser sees one origin, exactly as in production where the Go
// server serves dist/ itself.
const goServer = 'http://127.0.0.1:8080'

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    // Two pages: the app, and GraphiQL for the API. Each is its own entry,
    // so GraphiQL's editor never weighs on the app's bundle.
    rolldownOptions: {
      input: {
        main: 'index.html',
        graphiql: 'graphiql.html',
      },
    },
  },
  server: {
    // The money test (src/lab/lab.test.ts) reads the demo data's CSVs,
    // which are public, beside the app.
    fs: { allow: ['.', '../data'] },
    proxy: {
      '/graphql': goServer,
      '/healthz': goServer,
      '/readyz': goServer,
    },
  },
  preview: {
    proxy: {
      '/graphql': goServer,
      '/healthz': goServer,
      '/readyz': goServer,
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
})
