import path from 'node:path';
import type { Page } from '@playwright/test';
import type { ApiSession } from './api-session';
import { signedInStaff } from './casework';
import { createTeam, unique } from './world';

/**
 * Statistics set-up through the API: cases whose consent includes the
 * `statistics` purpose (the only ones a release counts), and releases a
 * coordinator computes and publishes without the builder.
 */

/**
 * `count` adult women identified on `identifiedOn`, each with her own consent
 * to statistics; `attributes` adds to (or changes) the cases' attributes.
 */
export async function seedConsentedCases(
  admin: ApiSession,
  identifiedOn: string,
  count: number,
  attributes: Record<string, unknown> = {},
): Promise<void> {
  const team = await createTeam(admin, `Equipo Estadística ${unique()}`);
  const { session } = await signedInStaff(admin, 'caseworker', team.id);
  for (let i = 0; i < count; i += 1) {
    const created = await session.request<{ case: { id: string } }>('POST', '/api/v1/cases', {
      identifiedOn,
      riskLevel: 'medium',
      identity: { fullName: `Persona ${unique()} Estadística` },
      attributes: {
        sex: 'Female',
        traffickingStatus: 'Possible',
        ageAtIdentification: 27,
        ...attributes,
      },
    });
    await session.request('POST', `/api/v1/cases/${created.case.id}/consents`, {
      givenBy: 'person',
      method: 'written',
      givenAt: new Date(Date.now() - 60_000).toISOString(),
      purposes: ['statistics'],
    });
  }
}

export interface ReleaseRequest {
  tableId: string;
  year: number;
  quarter?: number;
  epsilon: number;
}

/** A release computed (ε spent) and left as a draft. */
export async function computeRelease(coordinator: ApiSession, request: ReleaseRequest) {
  return coordinator.request<{ id: string; state: string }>(
    'POST',
    '/api/v1/statistics/releases',
    request,
  );
}

export async function publishRelease(coordinator: ApiSession, id: string) {
  return coordinator.request<{ id: string; state: string }>(
    'POST',
    `/api/v1/statistics/releases/${id}/publish`,
    {},
  );
}

/** A full-page screenshot when E2E_SCREENSHOT_DIR is set (to look at the screens), nothing otherwise. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return;
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
