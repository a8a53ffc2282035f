import fs from 'node:fs';
import { dropDatabase } from '../../server/db/provision';
import { withKysely } from '../../server/db/provision-server';
import { adminUrl, TEMPLATE_ENV } from './engine';

export default async function globalTeardown(): Promise<void> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) return;
  if (adminUrl) await withKysely(adminUrl, (admin) => dropDatabase(admin, template));
  else fs.rmSync(template, { force: true });
}
