/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // tsconfig.json sets isolatedModules, so ts-jest only transpiles: types are
  // checked once by `npm run typecheck`, not per test file.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  roots: ['<rootDir>/server', '<rootDir>/security', '<rootDir>/scripts', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Its own suite (npm run test:reliability): it restarts the PostgreSQL server.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/reliability/'],
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 30_000,
};
