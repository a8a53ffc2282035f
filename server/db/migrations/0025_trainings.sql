-- Trainings (issue 15; PRODUCT.md "Training"): programmes for the staff of
-- the security, justice, health, social protection, education... sectors,
-- their sessions, the staff who take part, their attendance and evaluation
-- scores, and completion computed by each programme's rule
-- (server/modules/trainings, docs/TRAININGS.md).
--
-- Classification:
-- * programmes, sessions: nothing personal -> clear. Trainers are named in
--   their professional role (as on a certificate), never a victim.
-- * participants are staff of institutions (never victims), still personal
--   data: the identifying fields (full name, work e-mail, position) are the
--   `*_enc` columns, AES-256-GCM under the participant's own data key, each
--   bound to table | field | participant id | key version; the data key is
--   stored only wrapped by the KEK keyring (`key_*` columns) and destroying
--   it is erasure (crypto-shredding). Institution name, sector and province
--   are clear: they are what the aggregates count by. `user_id` links the
--   person's own Amparo account, if any, so they may read their own record;
--   a coordinator sets it explicitly (audited), only to the account whose
--   login e-mail is the participant's work e-mail — never automatically.
-- * enrolments, attendance and scores are about a participant; they hold no
--   identity, and after erasure they still count (aggregates are counts).
-- * Residual risk after erasure: what stays (sector, province, enrolments,
--   scores, attendance, certificates' programme and dates) is keyed by the
--   participant's id: pseudonymous, not anonymous. Erasure on the person's
--   own request also nulls the institution name, which in a small unit can
--   single a person out (counted as "not recorded" from then on).
--
-- Access (RLS below): coordinators only, plus the person (a participant whose
-- user_id is the actor) reading their own participations; the system (key
-- rotation, the retention job, certificate verification) reads and erases.

CREATE FUNCTION training_sectors() RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY['security', 'justice', 'health', 'social_protection', 'education', 'labour',
               'migration', 'other']
$$;
GRANT EXECUTE ON FUNCTION training_sectors() TO amparo_app;

CREATE TABLE training_programmes (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                   text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  topic                  text NOT NULL CHECK (char_length(topic) BETWEEN 1 AND 2000),
  target_sectors         text[] NOT NULL CHECK (cardinality(target_sectors) >= 1
                                                AND target_sectors <@ training_sectors()),
  -- The partner that co-delivers it (e.g. the university).
  partner_institution    text CHECK (char_length(partner_institution) BETWEEN 1 AND 200),
  modality               text NOT NULL CHECK (modality IN ('in_person', 'online', 'mixed')),
  -- The hours the programme lasts: the denominator of attendance.
  total_hours            numeric(6, 2) NOT NULL CHECK (total_hours > 0),
  min_attendance_percent numeric(5, 2) NOT NULL DEFAULT 80
                           CHECK (min_attendance_percent > 0 AND min_attendance_percent <= 100),
  -- Minimum post-evaluation score (0-100) to complete, when there is a final evaluation.
  min_final_score        numeric(5, 2) CHECK (min_final_score BETWEEN 0 AND 100),
  starts_on              date NOT NULL CHECK (starts_on BETWEEN '2000-01-01' AND '2100-12-31'),
  ends_on                date NOT NULL CHECK (ends_on BETWEEN '2000-01-01' AND '2100-12-31'),
  province               text CHECK (province = ANY (campaign_territories())),
  created_by             uuid NOT NULL REFERENCES users (id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  version                integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX training_programmes_by_start ON training_programmes (starts_on DESC, id DESC);

CREATE TABLE training_sessions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  programme_id uuid NOT NULL REFERENCES training_programmes (id) ON DELETE CASCADE,
  starts_at    timestamptz NOT NULL
                 CHECK (starts_at BETWEEN '2000-01-01T00:00:00Z' AND '2100-12-31T00:00:00Z'),
  hours        numeric(5, 2) NOT NULL CHECK (hours > 0 AND hours <= 24),
  place        text CHECK (char_length(place) BETWEEN 1 AND 300),
  link         text CHECK (char_length(link) <= 500 AND link ~ '^https://'),
  trainers     text[] NOT NULL DEFAULT '{}' CHECK (cardinality(trainers) <= 20),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  version      integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  -- Target of attendance's foreign key: a session of the same programme.
  UNIQUE (id, programme_id)
);
CREATE INDEX training_sessions_programme ON training_sessions (programme_id, starts_at, id);

CREATE TABLE training_participants (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Null only once erased on the person's request.
  institution_name text CHECK (char_length(institution_name) BETWEEN 1 AND 200),
  sector           text NOT NULL CHECK (sector = ANY (training_sectors())),
  province         text CHECK (province = ANY (campaign_territories())),
  full_name_enc    bytea,
  work_email_enc   bytea,
  position_enc     bytea,
  -- The participant's data key, wrapped by the KEK of this version (null once erased).
  key_kek_version  smallint CHECK (key_kek_version BETWEEN 1 AND 255),
  key_wrapped      bytea,
  key_rewrapped_at timestamptz,
  -- The person's own staff account, when they have one (null once erased).
  user_id          uuid REFERENCES users (id),
  -- Kept until this day (the end of their latest programme plus the retention
  -- period, so that their certificates stay verifiable), then erased.
  keep_until       date NOT NULL,
  erased_at        timestamptz,
  created_by       uuid NOT NULL REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  CHECK ((key_wrapped IS NULL) = (key_kek_version IS NULL)),
  CHECK (institution_name IS NOT NULL OR erased_at IS NOT NULL),
  -- Alive: a key and a name. Erased: neither key, ciphertext nor account link.
  CHECK (erased_at IS NOT NULL OR (key_wrapped IS NOT NULL AND full_name_enc IS NOT NULL)),
  CHECK (erased_at IS NULL OR (key_wrapped IS NULL AND full_name_enc IS NULL
                               AND work_email_enc IS NULL AND position_enc IS NULL
                               AND user_id IS NULL))
);
CREATE UNIQUE INDEX training_participants_user ON training_participants (user_id)
  WHERE user_id IS NOT NULL;
CREATE INDEX training_participants_kek_version ON training_participants (key_kek_version)
  WHERE key_kek_version IS NOT NULL;
CREATE INDEX training_participants_retention ON training_participants (keep_until)
  WHERE erased_at IS NULL;

CREATE TABLE training_enrolments (
  programme_id uuid NOT NULL REFERENCES training_programmes (id) ON DELETE CASCADE,
  participant_id uuid NOT NULL REFERENCES training_participants (id),
  pre_score    numeric(5, 2) CHECK (pre_score BETWEEN 0 AND 100),
  post_score   numeric(5, 2) CHECK (post_score BETWEEN 0 AND 100),
  enrolled_by  uuid NOT NULL REFERENCES users (id),
  enrolled_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (programme_id, participant_id)
);
CREATE INDEX training_enrolments_participant ON training_enrolments (participant_id);

-- One row per participant and session on the sheet (present or absent). The
-- foreign keys keep it to enrolled participants and sessions of the same
-- programme, and stop an enrolment, a session or a programme with attendance
-- from being deleted.
CREATE TABLE training_attendance (
  session_id     uuid NOT NULL,
  participant_id uuid NOT NULL,
  programme_id   uuid NOT NULL,
  present        boolean NOT NULL,
  recorded_by    uuid NOT NULL REFERENCES users (id),
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, participant_id),
  FOREIGN KEY (session_id, programme_id) REFERENCES training_sessions (id, programme_id),
  FOREIGN KEY (programme_id, participant_id)
    REFERENCES training_enrolments (programme_id, participant_id)
);
CREATE INDEX training_attendance_enrolment ON training_attendance (programme_id, participant_id);

-- Completion by the programme's rule, never typed: the hours of the sessions
-- a participant attended, as a share of the programme's total hours, reach
-- its minimum attendance (compared exactly, not the rounded percentage), and
-- the post-evaluation score reaches its minimum when it sets one.
-- completed_on is the day (in Ecuador) of the last session they attended.
-- Security invoker: each reader sees the rows the tables' policies give them.
CREATE VIEW training_completions WITH (security_invoker = true) AS
SELECT e.programme_id,
       e.participant_id,
       a.attended_hours,
       round(least(100, 100 * a.attended_hours / p.total_hours), 2)::numeric(5, 2)
         AS attendance_percent,
       coalesce(100 * a.attended_hours >= p.min_attendance_percent * p.total_hours
                AND (p.min_final_score IS NULL OR e.post_score >= p.min_final_score), false)
         AS completed,
       CASE WHEN 100 * a.attended_hours >= p.min_attendance_percent * p.total_hours
                 AND (p.min_final_score IS NULL OR e.post_score >= p.min_final_score)
            THEN a.last_attended_on END AS completed_on
FROM training_enrolments e
JOIN training_programmes p ON p.id = e.programme_id
CROSS JOIN LATERAL (
  SELECT coalesce(sum(s.hours), 0)::numeric(8, 2) AS attended_hours,
         max((s.starts_at AT TIME ZONE 'America/Guayaquil')::date) AS last_attended_on
  FROM training_attendance t
  JOIN training_sessions s ON s.id = t.session_id
  WHERE t.programme_id = e.programme_id AND t.participant_id = e.participant_id AND t.present
) a;

-- Each change moves the version and the update time; what a row is, whose it
-- is and who made it never change. Key rotation rewrapping a participant's
-- data key (only the `key_*` columns change) is not a change of the record:
-- it keeps the version (a coordinator's edit in flight does not go stale)
-- and the update time.
CREATE FUNCTION training_row_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  key_columns constant text[] := ARRAY['key_kek_version', 'key_wrapped', 'key_rewrapped_at'];
BEGIN
  IF to_jsonb(NEW) -> 'id' IS DISTINCT FROM to_jsonb(OLD) -> 'id'
     OR to_jsonb(NEW) -> 'created_by' IS DISTINCT FROM to_jsonb(OLD) -> 'created_by'
     OR to_jsonb(NEW) -> 'created_at' IS DISTINCT FROM to_jsonb(OLD) -> 'created_at'
     OR to_jsonb(NEW) -> 'programme_id' IS DISTINCT FROM to_jsonb(OLD) -> 'programme_id' THEN
    RAISE EXCEPTION 'a training row''s identity does not change'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF to_jsonb(NEW) IS DISTINCT FROM to_jsonb(OLD)
     AND to_jsonb(NEW) - key_columns = to_jsonb(OLD) - key_columns THEN
    RETURN NEW;
  END IF;
  NEW.version := OLD.version + 1;
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER training_programmes_changed BEFORE UPDATE ON training_programmes
  FOR EACH ROW EXECUTE FUNCTION training_row_changed();
CREATE TRIGGER training_sessions_changed BEFORE UPDATE ON training_sessions
  FOR EACH ROW EXECUTE FUNCTION training_row_changed();
CREATE TRIGGER training_participants_changed BEFORE UPDATE ON training_participants
  FOR EACH ROW EXECUTE FUNCTION training_row_changed();

-- An erased participant stays erased: no key, name, account or blanked
-- institution comes back.
CREATE FUNCTION training_participant_stays_erased() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.erased_at IS NOT NULL AND (NEW.erased_at IS DISTINCT FROM OLD.erased_at
                                    OR NEW.key_wrapped IS NOT NULL
                                    OR (OLD.institution_name IS NULL
                                        AND NEW.institution_name IS NOT NULL)) THEN
    RAISE EXCEPTION 'an erased participant cannot be restored'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER training_participants_stay_erased BEFORE UPDATE ON training_participants
  FOR EACH ROW EXECUTE FUNCTION training_participant_stays_erased();

-- Participants are erased by crypto-shredding, never deleted (no grant).
GRANT SELECT, INSERT, UPDATE, DELETE ON training_programmes, training_sessions TO amparo_app;
GRANT SELECT, INSERT, UPDATE ON training_participants TO amparo_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON training_enrolments, training_attendance TO amparo_app;
GRANT SELECT ON training_completions TO amparo_app;

CREATE FUNCTION training_coordinator() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT current_setting('app.actor_role', true) = 'coordinator'
$$;
-- Coordinators, and the system's own jobs (key rotation, retention,
-- certificate verification).
CREATE FUNCTION training_reader() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT current_setting('app.actor_role', true) IN ('coordinator', 'system')
$$;
-- Is this participant the acting person? (their account is linked to it)
CREATE FUNCTION training_is_actor(participant_user uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT participant_user = nullif(current_setting('app.actor_id', true), '')::uuid
$$;
-- Is the acting person enrolled in this programme? Reads under the caller's
-- own row-level security (they see only their own participant row).
CREATE FUNCTION training_actor_enrolled(programme uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM training_enrolments e
                 JOIN training_participants p ON p.id = e.participant_id
                 WHERE e.programme_id = programme AND training_is_actor(p.user_id))
$$;
GRANT EXECUTE ON FUNCTION training_coordinator(), training_reader(), training_is_actor(uuid),
  training_actor_enrolled(uuid) TO amparo_app;

ALTER TABLE training_programmes ENABLE ROW LEVEL SECURITY;
ALTER TABLE training_programmes FORCE ROW LEVEL SECURITY;
CREATE POLICY training_programmes_read ON training_programmes FOR SELECT
  USING (training_reader() OR training_actor_enrolled(id));
CREATE POLICY training_programmes_insert ON training_programmes FOR INSERT
  WITH CHECK (training_coordinator()
              AND created_by = nullif(current_setting('app.actor_id', true), '')::uuid);
CREATE POLICY training_programmes_update ON training_programmes FOR UPDATE
  USING (training_coordinator()) WITH CHECK (training_coordinator());
CREATE POLICY training_programmes_delete ON training_programmes FOR DELETE
  USING (training_coordinator());

ALTER TABLE training_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE training_sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY training_sessions_read ON training_sessions FOR SELECT
  USING (training_reader() OR training_actor_enrolled(programme_id));
CREATE POLICY training_sessions_insert ON training_sessions FOR INSERT
  WITH CHECK (training_coordinator());
CREATE POLICY training_sessions_update ON training_sessions FOR UPDATE
  USING (training_coordinator()) WITH CHECK (training_coordinator());
CREATE POLICY training_sessions_delete ON training_sessions FOR DELETE
  USING (training_coordinator());

-- The system updates participants too: key rotation rewraps their keys and
-- the retention job erases them.
ALTER TABLE training_participants ENABLE ROW LEVEL SECURITY;
ALTER TABLE training_participants FORCE ROW LEVEL SECURITY;
CREATE POLICY training_participants_read ON training_participants FOR SELECT
  USING (training_reader() OR training_is_actor(user_id));
CREATE POLICY training_participants_insert ON training_participants FOR INSERT
  WITH CHECK (training_coordinator()
              AND created_by = nullif(current_setting('app.actor_id', true), '')::uuid);
CREATE POLICY training_participants_update ON training_participants FOR UPDATE
  USING (training_reader()) WITH CHECK (training_reader());

ALTER TABLE training_enrolments ENABLE ROW LEVEL SECURITY;
ALTER TABLE training_enrolments FORCE ROW LEVEL SECURITY;
CREATE POLICY training_enrolments_read ON training_enrolments FOR SELECT
  USING (training_reader()
         OR EXISTS (SELECT 1 FROM training_participants p
                    WHERE p.id = participant_id AND training_is_actor(p.user_id)));
CREATE POLICY training_enrolments_insert ON training_enrolments FOR INSERT
  WITH CHECK (training_coordinator()
              AND enrolled_by = nullif(current_setting('app.actor_id', true), '')::uuid);
CREATE POLICY training_enrolments_update ON training_enrolments FOR UPDATE
  USING (training_coordinator()) WITH CHECK (training_coordinator());
CREATE POLICY training_enrolments_delete ON training_enrolments FOR DELETE
  USING (training_coordinator());

ALTER TABLE training_attendance ENABLE ROW LEVEL SECURITY;
ALTER TABLE training_attendance FORCE ROW LEVEL SECURITY;
CREATE POLICY training_attendance_read ON training_attendance FOR SELECT
  USING (training_reader()
         OR EXISTS (SELECT 1 FROM training_participants p
                    WHERE p.id = participant_id AND training_is_actor(p.user_id)));
CREATE POLICY training_attendance_insert ON training_attendance FOR INSERT
  WITH CHECK (training_coordinator()
              AND recorded_by = nullif(current_setting('app.actor_id', true), '')::uuid);
CREATE POLICY training_attendance_update ON training_attendance FOR UPDATE
  USING (training_coordinator()) WITH CHECK (training_coordinator());
CREATE POLICY training_attendance_delete ON training_attendance FOR DELETE
  USING (training_coordinator());
