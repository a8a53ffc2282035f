import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema';

const PROVISION_DIR = path.join(__dirname, 'provision');
const readSql = (file: string) => fs.readFileSync(path.join(PROVISION_DIR, file), 'utf8');

export const MIGRATOR_ROLE = 'amparo_migrator';
export const APP_ROLE = 'amparo_app';
export const SCHEMA = 'amparo';

/** Creates the two roles (cluster-wide). Needs an administrator connection. */
export async function provisionRoles(admin: Kysely<DB>): Promise<void> {
  await sql.raw(readSql('roles.sql')).execute(admin);
}

/** Creates the `amparo` schema and locks down the database the connection is on. */
export async function provisionSchema(adminOnTarget: Kysely<DB>): Promise<void> {
  await sql.raw(readSql('schema.sql')).execute(adminOnTarget);
}

/** CREATE DATABASE cannot run in a transaction nor take parameters: the name is checked here. */
export async function createDatabase(
  admin: Kysely<DB>,
  name: string,
  options: { template?: string } = {},
): Promise<void> {
  for (const identifier of [name, options.template].filter(Boolean)) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(identifier as string)) {
      throw new Error('database names must be lower-case identifiers');
    }
  }
  const template = options.template ? ` template ${options.template}` : '';
  await sql.raw(`create database ${name} owner ${MIGRATOR_ROLE}${template}`).execute(admin);
}

export async function dropDatabase(admin: Kysely<DB>, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error('invalid database name');
  await sql.raw(`drop database if exists ${name} with (force)`).execute(admin);
}
