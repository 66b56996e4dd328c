// Two projects: unit tests run alone; integration tests share one real local stack
// (Temporal dev server + Weaviate) started by the global setup.
const swc = ['@swc/jest', JSON.parse(require('fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'))];
// ESM-only dependencies that Jest's CommonJS runtime must have compiled for it.
const esmOnly = ['uuid', 'entities'];
const transformIgnorePatterns = [`/node_modules/(?!(${esmOnly.join('|')})/)`];

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60_000,
  // One worker process (two cores give Jest one), replaced when a test file leaves it above this
  // heap: run in band, the whole suite grew one process past Node's 4 GB default heap before its
  // last files (what keeps the memory alive across files is not found yet).
  workerIdleMemoryLimit: '2GB',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.spec.ts'],
      transform: { '^.+\\.(t|j)s$': swc },
      transformIgnorePatterns,
      setupFiles: ['reflect-metadata'],
      testEnvironment: 'node',
    },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
      transform: { '^.+\\.(t|j)s$': swc },
      transformIgnorePatterns,
      setupFiles: ['reflect-metadata', '<rootDir>/test/support/quiet-temporal.ts'],
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
