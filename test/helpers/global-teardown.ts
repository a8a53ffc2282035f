import fs from 'node:fs';
import type { Kysely } from 'kysely';
import { serverKysely } from '../../server/db/database';
import { dropDatabase } from '../../server/db/provision';
import { adminUrl, TEMPLATE_ENV } from './engine';

export default async function globalTeardown(): Promise<void> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) return;
  if (!adminUrl) {
    fs.rmSync(template, { force: true });
    return;
  }
  const admin = serverKysely(adminUrl, 1) as Kysely<unknown>;
  try {
    await dropDatabase(admin, template);
  } finally {
    await admin.destroy();
  }
}
