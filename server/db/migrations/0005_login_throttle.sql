-- Counters for brute-force protection (rate-limiter-flexible's PostgreSQL
-- layout). Keys are HMACs of "email|ip" or of the ip, never the values.
CREATE TABLE login_throttle (
  key    varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
CREATE INDEX login_throttle_expire ON login_throttle (expire);

GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle TO amparo_app;

ALTER TABLE login_throttle ENABLE ROW LEVEL SECURITY;
ALTER TABLE login_throttle FORCE ROW LEVEL SECURITY;
CREATE POLICY login_throttle_system_only ON login_throttle
  USING (current_setting('app.actor_role', true) = 'system')
  WITH CHECK (current_setting('app.actor_role', true) = 'system');
