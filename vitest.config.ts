import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The machines this runs on have two cores; more forks only add contention.
    maxWorkers: 2,
  },
})
