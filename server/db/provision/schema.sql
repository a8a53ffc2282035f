-- Run by an administrator connected to Amparo's database. Idempotent.
-- Everything lives in the `amparo` schema, owned by the migrator; nobody else
-- may create objects anywhere in the database.
CREATE SCHEMA IF NOT EXISTS amparo AUTHORIZATION amparo_migrator;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON SCHEMA amparo FROM PUBLIC;
GRANT USAGE ON SCHEMA amparo TO amparo_app;

DO $$
BEGIN
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO amparo_migrator, amparo_app', current_database());
END
$$;
