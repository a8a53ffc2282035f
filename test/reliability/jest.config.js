/**
 * The reliability suite: several API processes, HAProxy, PostgreSQL restarts.
 * It runs on its own (`npm run test:reliability`), one file at a time, never
 * beside the other suites: it restarts the PostgreSQL server they use. Each
 * test creates its own database on the server at TEST_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres).
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // As the root config: ts-jest only transpiles (npm run typecheck checks types).
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  rootDir: '../..',
  roots: ['<rootDir>/test/reliability'],
  testMatch: ['**/*.test.ts'],
  maxWorkers: 1,
  testTimeout: 300_000,
};
