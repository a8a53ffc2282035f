-- Periodic jobs (server/jobs): one row per job, claimed by a conditional
-- UPDATE so that, with several instances on one database, each job starts
-- once per interval. Job names, counts, times and a random per-process
-- label (`pid@random`): no personal data, and no error messages (they can
-- carry data; the log has them).
CREATE TABLE scheduled_jobs (
  name             text PRIMARY KEY,
  runs             bigint NOT NULL DEFAULT 0,
  last_started_at  timestamptz,
  last_finished_at timestamptz,
  last_failed_at   timestamptz,
  last_instance    text
);

GRANT SELECT, INSERT, UPDATE ON scheduled_jobs TO amparo_app;

ALTER TABLE scheduled_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE scheduled_jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY scheduled_jobs_system_only ON scheduled_jobs
  USING (current_setting('app.actor_role', true) = 'system')
  WITH CHECK (current_setting('app.actor_role', true) = 'system');

-- Counters of the public certificate lookup limit, shared by every instance
-- (rate-limiter-flexible's PostgreSQL layout, as login_throttle). Keys are
-- HMACs of the client address, never the address.
CREATE TABLE certificate_lookup_throttle (
  key    varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
CREATE INDEX certificate_lookup_throttle_expire ON certificate_lookup_throttle (expire);

GRANT SELECT, INSERT, UPDATE, DELETE ON certificate_lookup_throttle TO amparo_app;

ALTER TABLE certificate_lookup_throttle ENABLE ROW LEVEL SECURITY;
ALTER TABLE certificate_lookup_throttle FORCE ROW LEVEL SECURITY;
CREATE POLICY certificate_lookup_throttle_system_only ON certificate_lookup_throttle
  USING (current_setting('app.actor_role', true) = 'system')
  WITH CHECK (current_setting('app.actor_role', true) = 'system');
