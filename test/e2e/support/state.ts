import fs from 'node:fs';
import { stateFile } from './env';

/** What global-setup leaves for the journeys: the administrator who creates their users. */
export interface E2eState {
  adminEmail: string;
  adminPassword: string;
  adminSecret: string;
  /** The last TOTP step the server accepted for the admin (codes are single-use). */
  adminLastStep: number;
  leadAgencyId: string;
}

export const readState = (): E2eState =>
  JSON.parse(fs.readFileSync(stateFile(), 'utf8')) as E2eState;
export const writeState = (state: E2eState) =>
  fs.writeFileSync(stateFile(), JSON.stringify(state, null, 2));
