-- Targets (metas) and budget (issue 15; PRODUCT.md "Target"; docs/TARGETS.md):
-- the municipality's management report runs program → project → budget →
-- targets (server/modules/targets).
--
-- Classification: nothing here is personal -> clear. Programs, projects and
-- targets hold texts written by coordinators about the plan (names, codes,
-- objectives, indicators, units of measure, executing units — offices, not
-- people — and descriptions of results), amounts of money and values; budget
-- entries and manual values hold an amount, a date and an optional note. The
-- API refuses free text that looks like a person's data (plain-text.ts). Ids
-- of staff accounts (who recorded a row) are clear.
--
-- Money is numeric(14,2), US dollars (Ecuador's currency), never a float;
-- target values are numeric(14,2) too (people, hours, activities… and
-- whatever unit a manual indicator counts in).

-- Executing units: offices of the municipality (e.g. "Dirección de Seguridad
-- Ciudadana"), 1 to 10 of them, each 1 to 200 characters.
CREATE FUNCTION targets_units_valid(units text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT cardinality(units) BETWEEN 1 AND 10
     AND NOT EXISTS (SELECT 1 FROM unnest(units) AS u WHERE u IS NULL
                     OR char_length(u) NOT BETWEEN 1 AND 200)
$$;

CREATE TABLE plan_programs (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code           text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$'),
  name           text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 300),
  -- The objective of the development plan the program aligns to.
  plan_objective text CHECK (char_length(plan_objective) BETWEEN 1 AND 1000),
  created_by     uuid NOT NULL REFERENCES users (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1 CHECK (version >= 1)
);

CREATE TABLE plan_projects (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  program_id      uuid NOT NULL REFERENCES plan_programs (id),
  code            text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$'),
  name            text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 300),
  executing_units text[] NOT NULL CHECK (targets_units_valid(executing_units)),
  created_by      uuid NOT NULL REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  UNIQUE (program_id, code)
);
CREATE INDEX plan_projects_program ON plan_projects (program_id);

-- Budget entries of a project, dated within its fiscal year (Ecuador's runs
-- January to December: the year is the entry's). `codificado`: the coded
-- budget as approved from that date on (the initial allocation, then the
-- amount after each reform): the latest one on or before a day is the coded
-- amount that day. `devengado`: an amount accrued that day; the accrued
-- budget is their sum. An entry made in error is voided (never deleted or
-- changed otherwise), and a void counts no more.
CREATE TABLE budget_entries (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id  uuid NOT NULL REFERENCES plan_projects (id),
  kind        text NOT NULL CHECK (kind IN ('codificado', 'devengado')),
  entry_date  date NOT NULL CHECK (entry_date BETWEEN '2000-01-01' AND '2100-12-31'),
  amount      numeric(14, 2) NOT NULL
                CHECK (amount >= 0 AND (kind = 'codificado' OR amount > 0)),
  note        text CHECK (char_length(note) BETWEEN 1 AND 500),
  recorded_by uuid NOT NULL REFERENCES users (id),
  -- When it was recorded: set by the database (record_time_fixed), never given.
  recorded_at timestamptz NOT NULL,
  -- The order rows were recorded in: ties of recorded_at are broken by it.
  seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  voided_by   uuid REFERENCES users (id),
  voided_at   timestamptz,
  void_reason text CHECK (void_reason IN ('recorded_in_error', 'duplicate_record')),
  CHECK ((voided_at IS NULL) = (voided_by IS NULL)
         AND (voided_at IS NULL) = (void_reason IS NULL))
);
CREATE INDEX budget_entries_project ON budget_entries (project_id, entry_date, recorded_at, seq);

-- Who recorded a row is checked by the insert policies; when is the
-- database's own clock at the insert (clock_timestamp(), not the start of
-- the transaction: an entry whose transaction began earlier but inserted
-- later is the later one). A value given is refused, so no code can
-- backdate or postdate a row; with the identity `seq` this fixes the order
-- in which same-day reforms and corrections of a quarter supersede each
-- other (docs/TARGETS.md).
CREATE FUNCTION record_time_fixed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.recorded_at IS NOT NULL THEN
    RAISE EXCEPTION 'recorded_at is set by the database'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  NEW.recorded_at := clock_timestamp();
  RETURN NEW;
END
$$;
CREATE TRIGGER budget_entries_recorded_at BEFORE INSERT ON budget_entries
  FOR EACH ROW EXECUTE FUNCTION record_time_fixed();

-- A void is the only change, made once, dated now; nothing is deleted.
CREATE FUNCTION budget_entry_voided_once() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.voided_at IS NOT NULL OR NEW.voided_at IS NULL
     OR NEW.voided_at NOT BETWEEN now() - interval '1 minute' AND now()
     OR (NEW.id, NEW.project_id, NEW.kind, NEW.entry_date, NEW.amount, NEW.note,
         NEW.recorded_by, NEW.recorded_at, NEW.seq)
        IS DISTINCT FROM
        (OLD.id, OLD.project_id, OLD.kind, OLD.entry_date, OLD.amount, OLD.note,
         OLD.recorded_by, OLD.recorded_at, OLD.seq) THEN
    RAISE EXCEPTION 'a budget entry is only ever voided, once'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER budget_entries_voided_once BEFORE UPDATE OR DELETE ON budget_entries
  FOR EACH ROW EXECUTE FUNCTION budget_entry_voided_once();

-- The measures a target's executed value is computed by (docs/TARGETS.md);
-- `manual` for an indicator Amparo cannot compute, whose values are entered.
CREATE FUNCTION target_measure_kinds() RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY['people_trained', 'people_certified', 'training_hours_delivered',
               'campaign_activities_held', 'people_reached', 'referrals_completed',
               'cases_attended', 'manual']
$$;

CREATE TABLE targets (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id          uuid NOT NULL REFERENCES plan_projects (id),
  year                smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  description         text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 1000),
  indicator           text NOT NULL CHECK (char_length(indicator) BETWEEN 1 AND 500),
  unit_of_measure     text NOT NULL CHECK (char_length(unit_of_measure) BETWEEN 1 AND 100),
  programmed_value    numeric(14, 2) NOT NULL CHECK (programmed_value >= 0),
  -- Optional programme by quarter: all four or none, adding up to the year's.
  programmed_q1       numeric(14, 2) CHECK (programmed_q1 >= 0),
  programmed_q2       numeric(14, 2) CHECK (programmed_q2 >= 0),
  programmed_q3       numeric(14, 2) CHECK (programmed_q3 >= 0),
  programmed_q4       numeric(14, 2) CHECK (programmed_q4 >= 0),
  executing_units     text[] NOT NULL CHECK (targets_units_valid(executing_units)),
  results_description text CHECK (char_length(results_description) BETWEEN 1 AND 4000),
  plan_objective      text CHECK (char_length(plan_objective) BETWEEN 1 AND 1000),
  measure_kind        text NOT NULL CHECK (measure_kind = ANY (target_measure_kinds())),
  -- The measure's filters (ids and vocabulary codes; the API validates them).
  measure_filters     jsonb NOT NULL DEFAULT '{}'
                        CHECK (jsonb_typeof(measure_filters) = 'object'),
  created_by          uuid NOT NULL REFERENCES users (id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  version             integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  CHECK (num_nulls(programmed_q1, programmed_q2, programmed_q3, programmed_q4) IN (0, 4)),
  CHECK (programmed_q1 IS NULL
         OR programmed_q1 + programmed_q2 + programmed_q3 + programmed_q4 = programmed_value),
  CHECK (measure_kind <> 'manual' OR measure_filters = '{}'::jsonb)
);
CREATE INDEX targets_year ON targets (year, project_id);
CREATE INDEX targets_project ON targets (project_id);

-- The values of a manual indicator, by quarter: append-only, each naming who
-- entered it and when. The latest entry of a quarter is its value (a
-- correction is a new entry); the year's is the sum of its quarters'.
CREATE TABLE target_manual_values (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  target_id   uuid NOT NULL REFERENCES targets (id),
  quarter     smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  value       numeric(14, 2) NOT NULL CHECK (value >= 0),
  note        text CHECK (char_length(note) BETWEEN 1 AND 500),
  recorded_by uuid NOT NULL REFERENCES users (id),
  -- Set by the database (record_time_fixed), never given; `seq` breaks ties.
  recorded_at timestamptz NOT NULL,
  seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE INDEX target_manual_values_target
  ON target_manual_values (target_id, quarter, recorded_at, seq);
CREATE TRIGGER target_manual_values_recorded_at BEFORE INSERT ON target_manual_values
  FOR EACH ROW EXECUTE FUNCTION record_time_fixed();
CREATE TRIGGER target_manual_values_append_only BEFORE UPDATE OR DELETE ON target_manual_values
  FOR EACH ROW EXECUTE FUNCTION refuse_row_change();

-- Each change moves the version and the update time; what a row is, where it
-- hangs and who made it never change (a project stays in its program, a
-- target in its project and year).
CREATE FUNCTION plan_row_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.id, NEW.created_by, NEW.created_at) IS DISTINCT FROM (OLD.id, OLD.created_by, OLD.created_at)
     OR to_jsonb(NEW) -> 'program_id' IS DISTINCT FROM to_jsonb(OLD) -> 'program_id'
     OR (to_jsonb(NEW) -> 'project_id', to_jsonb(NEW) -> 'year')
        IS DISTINCT FROM (to_jsonb(OLD) -> 'project_id', to_jsonb(OLD) -> 'year') THEN
    RAISE EXCEPTION 'what a plan row is and where it hangs do not change'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  NEW.version := OLD.version + 1;
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER plan_programs_changed BEFORE UPDATE ON plan_programs
  FOR EACH ROW EXECUTE FUNCTION plan_row_changed();
CREATE TRIGGER plan_projects_changed BEFORE UPDATE ON plan_projects
  FOR EACH ROW EXECUTE FUNCTION plan_row_changed();
CREATE TRIGGER targets_changed BEFORE UPDATE ON targets
  FOR EACH ROW EXECUTE FUNCTION plan_row_changed();

-- A program, project or target made in error is deleted while nothing hangs
-- off it (the foreign keys refuse otherwise); budget entries are voided,
-- manual values superseded.
GRANT SELECT, INSERT, UPDATE, DELETE ON plan_programs, plan_projects, targets TO amparo_app;
GRANT SELECT, INSERT, UPDATE ON budget_entries TO amparo_app;
GRANT SELECT, INSERT ON target_manual_values TO amparo_app;
GRANT EXECUTE ON FUNCTION targets_units_valid(text[]), target_measure_kinds() TO amparo_app;

-- Targets and budget are the coordinator's (PRODUCT.md): only coordinators
-- (and the system's own context) read them, only coordinators write them,
-- and each row they record names them.
CREATE FUNCTION targets_reader() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT current_setting('app.actor_role', true) IN ('coordinator', 'system')
$$;
CREATE FUNCTION targets_writer() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT current_setting('app.actor_role', true) = 'coordinator'
$$;
CREATE FUNCTION targets_actor_is(person uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT person = nullif(current_setting('app.actor_id', true), '')::uuid
$$;
GRANT EXECUTE ON FUNCTION targets_reader(), targets_writer(), targets_actor_is(uuid) TO amparo_app;

ALTER TABLE plan_programs ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_programs FORCE ROW LEVEL SECURITY;
CREATE POLICY plan_programs_read ON plan_programs FOR SELECT USING (targets_reader());
CREATE POLICY plan_programs_insert ON plan_programs FOR INSERT
  WITH CHECK (targets_writer() AND targets_actor_is(created_by));
CREATE POLICY plan_programs_update ON plan_programs FOR UPDATE
  USING (targets_writer()) WITH CHECK (targets_writer());
CREATE POLICY plan_programs_delete ON plan_programs FOR DELETE USING (targets_writer());

ALTER TABLE plan_projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_projects FORCE ROW LEVEL SECURITY;
CREATE POLICY plan_projects_read ON plan_projects FOR SELECT USING (targets_reader());
CREATE POLICY plan_projects_insert ON plan_projects FOR INSERT
  WITH CHECK (targets_writer() AND targets_actor_is(created_by));
CREATE POLICY plan_projects_update ON plan_projects FOR UPDATE
  USING (targets_writer()) WITH CHECK (targets_writer());
CREATE POLICY plan_projects_delete ON plan_projects FOR DELETE USING (targets_writer());

ALTER TABLE budget_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE budget_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY budget_entries_read ON budget_entries FOR SELECT USING (targets_reader());
CREATE POLICY budget_entries_insert ON budget_entries FOR INSERT
  WITH CHECK (targets_writer() AND targets_actor_is(recorded_by) AND voided_at IS NULL);
CREATE POLICY budget_entries_void ON budget_entries FOR UPDATE
  USING (targets_writer()) WITH CHECK (targets_writer() AND targets_actor_is(voided_by));

ALTER TABLE targets ENABLE ROW LEVEL SECURITY;
ALTER TABLE targets FORCE ROW LEVEL SECURITY;
CREATE POLICY targets_read ON targets FOR SELECT USING (targets_reader());
CREATE POLICY targets_insert ON targets FOR INSERT
  WITH CHECK (targets_writer() AND targets_actor_is(created_by));
CREATE POLICY targets_update ON targets FOR UPDATE
  USING (targets_writer()) WITH CHECK (targets_writer());
CREATE POLICY targets_delete ON targets FOR DELETE USING (targets_writer());

ALTER TABLE target_manual_values ENABLE ROW LEVEL SECURITY;
ALTER TABLE target_manual_values FORCE ROW LEVEL SECURITY;
CREATE POLICY target_manual_values_read ON target_manual_values FOR SELECT
  USING (targets_reader());
CREATE POLICY target_manual_values_insert ON target_manual_values FOR INSERT
  WITH CHECK (targets_writer() AND targets_actor_is(recorded_by));

-- Counts of case work for targets, through the narrowest path: a fixed query
-- that returns one number, never a row (the pattern of staff_directory(),
-- 0020). Only a coordinator (or the system) may call them; for the count the
-- function reads as the system and then restores the caller's context. A
-- coordinator never reads a case or a referral: row-level security still
-- shows them none, and these functions return a count of whole quarters
-- (and, for referrals, of the receiving institutions' sectors), nothing
-- about anyone. Erased cases are not counted (as in the statistics), so a
-- later figure can be lower than one frozen in an approved report.
--
-- These counts are the programme's own accountability (how many cases it
-- attended, how many of its referrals were completed), not statistical use
-- of a person's data: every case not erased counts, whatever its statistics
-- consent (docs/TARGETS.md, "Case work"). What keeps a count from telling
-- when one referral ended is its period: whole quarters of one year, in
-- Ecuador, counted only once the last of them has ended. Before that the
-- count is NULL (pending); any other range is refused.
--
-- Each pins its search path (the schema the migrations create in, then
-- pg_temp, so a temporary table cannot stand in for one of these) and
-- checks its arguments itself: it widens row-level security while it runs.

-- The sectors of institutions (0001's CHECK on institutions.sector).
CREATE FUNCTION target_institution_sectors() RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY['justice', 'health', 'social_protection', 'education', 'labour',
               'migration', 'shelter', 'legal_aid', 'other']
$$;

-- The days of quarters p_first to p_last of p_year, [first day, day after the
-- last), once the last has ended in Ecuador; NULL before.
CREATE FUNCTION target_case_days(p_year integer, p_first integer, p_last integer)
RETURNS daterange
LANGUAGE plpgsql STABLE
SET search_path = amparo, pg_temp AS $$
DECLARE
  days daterange;
BEGIN
  IF p_year IS NULL OR p_first IS NULL OR p_last IS NULL
     OR p_year NOT BETWEEN 2000 AND 2100
     OR p_first NOT BETWEEN 1 AND 4 OR p_last NOT BETWEEN p_first AND 4 THEN
    RAISE EXCEPTION 'target counts are of whole quarters of one year (2000 to 2100)'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  days := daterange(make_date(p_year, 3 * p_first - 2, 1),
                    (make_date(p_year, 3 * p_last - 2, 1) + interval '3 months')::date);
  IF upper(days) > (now() AT TIME ZONE 'America/Guayaquil')::date THEN
    RETURN NULL;
  END IF;
  RETURN days;
END
$$;

CREATE FUNCTION target_counts_allowed() RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = amparo, pg_temp AS $$
BEGIN
  IF current_setting('app.actor_role', true) IS NULL
     OR current_setting('app.actor_role', true) NOT IN ('coordinator', 'system') THEN
    RAISE EXCEPTION 'target counts are for coordinators'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END
$$;

-- referrals_completed: referrals completed (status `completed`, the day of
-- their transition to it) within the quarters, sent to an institution of one
-- of p_sectors (all sectors when empty).
CREATE FUNCTION target_referrals_completed(p_year integer, p_first_quarter integer,
                                           p_last_quarter integer, p_sectors text[])
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = amparo, pg_temp AS $$
DECLARE
  actor_role constant text := current_setting('app.actor_role', true);
  days daterange;
  n bigint;
BEGIN
  PERFORM target_counts_allowed();
  IF p_sectors IS NULL OR array_position(p_sectors, NULL) IS NOT NULL
     OR NOT p_sectors <@ target_institution_sectors() THEN
    RAISE EXCEPTION 'sectors must be sectors of institutions'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  days := target_case_days(p_year, p_first_quarter, p_last_quarter);
  IF days IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('app.actor_role', 'system', true);
  SELECT count(*) INTO n
  FROM referrals r
  JOIN cases c ON c.id = r.case_id AND c.erased_at IS NULL
  JOIN institutions i ON i.id = r.institution_id
  WHERE r.status = 'completed'
    AND (cardinality(p_sectors) = 0 OR i.sector = ANY (p_sectors))
    AND EXISTS (SELECT 1 FROM referral_events e
                WHERE e.referral_id = r.id AND e.to_status = 'completed'
                  AND (e.created_at AT TIME ZONE 'America/Guayaquil')::date <@ days);
  PERFORM set_config('app.actor_role', actor_role, true);
  RETURN n;
END
$$;

-- cases_attended: cases (not erased) the programme attended within the
-- quarters: identified in them, or with something done in them — a note
-- written, a referral sent, or a referral moved (acknowledged, accepted,
-- completed…). Each case once, however much was done.
CREATE FUNCTION target_cases_attended(p_year integer, p_first_quarter integer,
                                      p_last_quarter integer)
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = amparo, pg_temp AS $$
DECLARE
  actor_role constant text := current_setting('app.actor_role', true);
  days daterange;
  n bigint;
BEGIN
  PERFORM target_counts_allowed();
  days := target_case_days(p_year, p_first_quarter, p_last_quarter);
  IF days IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('app.actor_role', 'system', true);
  SELECT count(*) INTO n
  FROM cases c
  WHERE c.erased_at IS NULL
    AND (c.identified_on <@ days
         OR EXISTS (SELECT 1 FROM case_notes cn
                    WHERE cn.case_id = c.id
                      AND (cn.created_at AT TIME ZONE 'America/Guayaquil')::date <@ days)
         OR EXISTS (SELECT 1 FROM referrals r
                    WHERE r.case_id = c.id
                      AND (r.created_at AT TIME ZONE 'America/Guayaquil')::date <@ days)
         OR EXISTS (SELECT 1 FROM referrals r JOIN referral_events e ON e.referral_id = r.id
                    WHERE r.case_id = c.id
                      AND (e.created_at AT TIME ZONE 'America/Guayaquil')::date <@ days));
  PERFORM set_config('app.actor_role', actor_role, true);
  RETURN n;
END
$$;
REVOKE ALL ON FUNCTION target_referrals_completed(integer, integer, integer, text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION target_cases_attended(integer, integer, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION target_case_days(integer, integer, integer),
  target_counts_allowed() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION target_referrals_completed(integer, integer, integer, text[]),
  target_cases_attended(integer, integer, integer), target_case_days(integer, integer, integer),
  target_counts_allowed(), target_institution_sectors() TO amparo_app;
