-- Institutions: the lead agency and the partner institutions it refers people to.
-- Classification: institutional, public information (no victim data) -> clear text.
CREATE TABLE institutions (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name           text NOT NULL CHECK (char_length(name) BETWEEN 2 AND 200),
  sector         text NOT NULL CHECK (sector IN ('justice', 'health', 'social_protection',
                   'education', 'labour', 'migration', 'shelter', 'legal_aid', 'other')),
  is_lead_agency boolean NOT NULL DEFAULT false,
  contact_name   text CHECK (char_length(contact_name) <= 200),
  contact_email  text CHECK (char_length(contact_email) <= 254),
  contact_phone  text CHECK (char_length(contact_phone) <= 40),
  disabled_at    timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX institutions_name_key ON institutions (lower(name));
-- One programme, one lead agency.
CREATE UNIQUE INDEX institutions_one_lead_agency ON institutions (is_lead_agency)
  WHERE is_lead_agency;

-- Institutions are disabled, never deleted: referrals and audit rows point at them.
GRANT SELECT, INSERT, UPDATE ON institutions TO amparo_app;

ALTER TABLE institutions ENABLE ROW LEVEL SECURITY;
ALTER TABLE institutions FORCE ROW LEVEL SECURITY;

-- Any request that carries an actor context may read institutions (partners must
-- know where a referral goes); a query without one sees nothing.
CREATE POLICY institutions_select ON institutions FOR SELECT
  USING (coalesce(current_setting('app.actor_role', true), '') <> '');
CREATE POLICY institutions_insert ON institutions FOR INSERT
  WITH CHECK (current_setting('app.actor_role', true) IN ('admin', 'system'));
CREATE POLICY institutions_update ON institutions FOR UPDATE
  USING (current_setting('app.actor_role', true) IN ('admin', 'system'))
  WITH CHECK (current_setting('app.actor_role', true) IN ('admin', 'system'));
