-- Cluster-wide roles, created once per PostgreSQL server by an administrator
-- (`npm run db:provision`). Idempotent.
--   amparo_migrator  owns the schema and every object in it; runs migrations.
--   amparo_app       what the API logs in as: owns nothing, is not a superuser,
--                    cannot bypass row-level security, and only has the grants
--                    each migration gives it explicitly.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'amparo_migrator') THEN
    CREATE ROLE amparo_migrator LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'amparo_app') THEN
    CREATE ROLE amparo_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
  END IF;
END
$$;

-- amparo_statistics: what the statistics code reads as (SET LOCAL ROLE inside
-- the app's transaction). It logs in as nobody, owns nothing, and is granted
-- only the generalised statistics views (migration 0023): no table, no
-- identifying column.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'amparo_statistics') THEN
    CREATE ROLE amparo_statistics NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
  END IF;
END
$$;
GRANT amparo_statistics TO amparo_app;
