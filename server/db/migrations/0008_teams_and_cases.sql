-- Teams of the lead agency. A caseworker sees the cases assigned to them, and
-- their team's when their account has team access; a supervisor sees their team's.
CREATE TABLE teams (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name       text NOT NULL CHECK (char_length(name) BETWEEN 2 AND 120),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX teams_name_key ON teams (lower(name));
GRANT SELECT, INSERT, UPDATE ON teams TO amparo_app;
ALTER TABLE teams ENABLE ROW LEVEL SECURITY;
ALTER TABLE teams FORCE ROW LEVEL SECURITY;
CREATE POLICY teams_select ON teams FOR SELECT
  USING (coalesce(current_setting('app.actor_role', true), '') <> '');
CREATE POLICY teams_write ON teams FOR INSERT
  WITH CHECK (current_setting('app.actor_role', true) IN ('admin', 'system'));
CREATE POLICY teams_update ON teams FOR UPDATE
  USING (current_setting('app.actor_role', true) IN ('admin', 'system'));

ALTER TABLE users
  ADD COLUMN team_id     uuid REFERENCES teams (id),
  ADD COLUMN team_access boolean NOT NULL DEFAULT false;

-- The acting user's team and team access, for the policies below. SECURITY
-- INVOKER: it reads users under the caller's own row-level security (a person
-- may always read their own row).
CREATE FUNCTION actor_team() RETURNS uuid
LANGUAGE sql STABLE AS $$
  SELECT team_id FROM users WHERE id = nullif(current_setting('app.actor_id', true), '')::uuid
$$;
CREATE FUNCTION actor_team_access() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT team_access FROM users
                   WHERE id = nullif(current_setting('app.actor_id', true), '')::uuid), false)
$$;

-- A case: one victim. Classification (PRODUCT.md):
-- * identifying fields (names, aliases, date of birth, identity document,
--   phone, email, address, emergency contact, narrative, health and legal
--   notes): the `*_enc` columns, AES-256-GCM under the case's own data key,
--   each bound to table | field | case id | key version;
-- * non-identifying attributes (HTCDS vocabularies), case number, status,
--   risk, team and dates: in clear, for workflow and statistics — still
--   need-to-know (row-level security below).
CREATE SEQUENCE case_number_seq;
CREATE TABLE cases (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_number            text NOT NULL UNIQUE CHECK (case_number ~ '^TRT-[0-9]{4}-[0-9]{6,}$'),
  status                 text NOT NULL DEFAULT 'intake'
                           CHECK (status IN ('intake', 'active', 'follow_up', 'closed', 'closed_referred')),
  risk_level             text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
  team_id                uuid NOT NULL REFERENCES teams (id),
  assigned_to            uuid REFERENCES users (id),
  version                integer NOT NULL DEFAULT 1,
  identified_on          date NOT NULL,
  sex                    text NOT NULL,
  age_at_identification  smallint CHECK (age_at_identification BETWEEN 0 AND 120),
  age_band               text NOT NULL,
  nationality            text CHECK (nationality ~ '^[A-Z]{2}$'),
  migrant_status         text,
  province               text CHECK (char_length(province) <= 100),
  canton                 text CHECK (char_length(canton) <= 100),
  trafficking_status     text NOT NULL,
  status_determined_by   text,
  exploitation_types     text[] NOT NULL DEFAULT '{}',
  recruitment_methods    text[] NOT NULL DEFAULT '{}',
  control_methods        text[] NOT NULL DEFAULT '{}',
  vulnerability_groups   text[] NOT NULL DEFAULT '{}',
  identifying_agency_id  uuid REFERENCES institutions (id),
  language               text CHECK (char_length(language) <= 35),
  full_name_enc          bytea,
  aliases_enc            bytea,
  date_of_birth_enc      bytea,
  document_type_enc      bytea,
  document_number_enc    bytea,
  phone_enc              bytea,
  email_enc              bytea,
  address_enc            bytea,
  emergency_contact_enc  bytea,
  narrative_enc          bytea,
  health_notes_enc       bytea,
  legal_notes_enc        bytea,
  created_by             uuid NOT NULL REFERENCES users (id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  -- Crypto-shredded: the data key is gone; the attributes above remain for statistics.
  erased_at              timestamptz
);
CREATE INDEX cases_team ON cases (team_id, status);
CREATE INDEX cases_assigned ON cases (assigned_to, status);

-- One data key per case, stored only wrapped by a key-encryption key that
-- never enters the database. Destroying it is erasure (crypto-shredding).
CREATE TABLE case_keys (
  case_id      uuid PRIMARY KEY REFERENCES cases (id),
  kek_version  smallint NOT NULL CHECK (kek_version BETWEEN 1 AND 255),
  wrapped_key  bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  rewrapped_at timestamptz
);
CREATE INDEX case_keys_kek_version ON case_keys (kek_version);

-- Truncated HMACs of the normalised identity document number and phone, for
-- "possible duplicate" warnings at intake, with the team to ask. Readable by
-- every caseworker and supervisor (a 4-byte HMAC under a key outside the
-- database says nothing by itself); deleted at erasure.
CREATE TABLE case_blind_indexes (
  case_id uuid NOT NULL REFERENCES cases (id),
  team_id uuid NOT NULL REFERENCES teams (id),
  field   text NOT NULL CHECK (field IN ('document_number', 'phone')),
  value   bytea NOT NULL CHECK (length(value) BETWEEN 4 AND 32),
  PRIMARY KEY (case_id, field)
);
CREATE INDEX case_blind_indexes_lookup ON case_blind_indexes (field, value);

-- Break-glass: time-limited access to a case outside the team.
CREATE TABLE case_access_grants (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id    uuid NOT NULL REFERENCES cases (id),
  user_id    uuid NOT NULL REFERENCES users (id),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_access_grants_lookup ON case_access_grants (user_id, case_id, expires_at);

-- May the acting user see this case? Assigned to them; their team's when
-- they have team access (caseworker) or lead it (supervisor); an unexpired
-- break-glass grant. Partners, coordinators, auditors and admins: never.
CREATE FUNCTION actor_may_see_case(case_team uuid, case_assignee uuid, case_id uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE current_setting('app.actor_role', true)
    WHEN 'system' THEN true
    WHEN 'caseworker' THEN
      case_assignee = nullif(current_setting('app.actor_id', true), '')::uuid
      OR (actor_team_access() AND case_team = actor_team())
      OR EXISTS (SELECT 1 FROM case_access_grants g
                 WHERE g.case_id = actor_may_see_case.case_id
                   AND g.user_id = nullif(current_setting('app.actor_id', true), '')::uuid
                   AND g.expires_at > now())
    WHEN 'supervisor' THEN
      case_team = actor_team()
      OR EXISTS (SELECT 1 FROM case_access_grants g
                 WHERE g.case_id = actor_may_see_case.case_id
                   AND g.user_id = nullif(current_setting('app.actor_id', true), '')::uuid
                   AND g.expires_at > now())
    ELSE false
  END
$$;

GRANT USAGE ON SEQUENCE case_number_seq TO amparo_app;
-- Cases are erased by crypto-shredding, never deleted: no DELETE grant on cases.
GRANT SELECT, INSERT, UPDATE ON cases TO amparo_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON case_keys TO amparo_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON case_blind_indexes TO amparo_app;
GRANT SELECT, INSERT ON case_access_grants TO amparo_app;

ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE cases FORCE ROW LEVEL SECURITY;
CREATE POLICY cases_select ON cases FOR SELECT
  USING (actor_may_see_case(team_id, assigned_to, id));
CREATE POLICY cases_insert ON cases FOR INSERT
  WITH CHECK (current_setting('app.actor_role', true) IN ('caseworker', 'supervisor', 'system')
              AND (current_setting('app.actor_role', true) = 'system' OR team_id = actor_team()));
CREATE POLICY cases_update ON cases FOR UPDATE
  USING (actor_may_see_case(team_id, assigned_to, id))
  WITH CHECK (current_setting('app.actor_role', true) IN ('caseworker', 'supervisor', 'system'));

-- Keys follow their case; blind indexes are written with their case and read
-- by case roles across teams (duplicate detection).
ALTER TABLE case_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY case_keys_by_case ON case_keys
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_keys.case_id))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_keys.case_id));
ALTER TABLE case_blind_indexes ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_blind_indexes FORCE ROW LEVEL SECURITY;
CREATE POLICY case_blind_indexes_read ON case_blind_indexes FOR SELECT
  USING (current_setting('app.actor_role', true) IN ('caseworker', 'supervisor', 'system'));
CREATE POLICY case_blind_indexes_insert ON case_blind_indexes FOR INSERT
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_blind_indexes.case_id));
CREATE POLICY case_blind_indexes_update ON case_blind_indexes FOR UPDATE
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_blind_indexes.case_id));
CREATE POLICY case_blind_indexes_delete ON case_blind_indexes FOR DELETE
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_blind_indexes.case_id));
ALTER TABLE case_access_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_access_grants FORCE ROW LEVEL SECURITY;
CREATE POLICY case_access_grants_own ON case_access_grants
  USING (current_setting('app.actor_role', true) IN ('supervisor', 'system')
         OR user_id = nullif(current_setting('app.actor_id', true), '')::uuid)
  WITH CHECK (user_id = nullif(current_setting('app.actor_id', true), '')::uuid
              OR current_setting('app.actor_role', true) = 'system');
