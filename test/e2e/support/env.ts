import path from 'node:path';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3217);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/**
 * The server's step-up window in these journeys (STEP_UP_WINDOW_SECONDS): two
 * minutes rather than production's five, so that the journeys that wait for a
 * sign-in's step-up to lapse (to meet the real dialog) wait two minutes, not five.
 */
export const E2E_STEP_UP_WINDOW_SECONDS = 120;
/** Written by global-setup: where the installation lives and the admin's credentials. */
export const stateFile = () => {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error('E2E_DATA_DIR is not set: run through `npm run test:e2e`');
  return path.join(dir, 'e2e-state.json');
};
export const serverLogFile = () => path.join(process.env.E2E_DATA_DIR ?? '', 'server.log');
