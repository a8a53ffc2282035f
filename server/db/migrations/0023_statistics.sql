-- Anonymised statistics (issue 14, docs/STATISTICS.md).
--
-- Input: only cases whose consent includes `statistics` and is in effect when
-- the release is computed, through two views that expose generalised
-- attributes only. The views are readable by one role, amparo_statistics
-- (provision/roles.sql), which the application takes with SET LOCAL ROLE for
-- the counting statements and nothing else: that role has no grant on any
-- table, so the statistics code cannot read an identifying column even by
-- mistake (test/statistics/statistics-views.test.ts).
GRANT USAGE ON SCHEMA amparo TO amparo_statistics;

-- The views read the tables as their owner (the migrator); the tables force
-- row-level security on their owner too, so each gets one more policy that
-- opens it to the owner only while the session acts as amparo_statistics,
-- i.e. only through these views.
CREATE POLICY cases_statistics_view ON cases FOR SELECT TO amparo_migrator
  USING (current_user = 'amparo_statistics');
CREATE POLICY consents_statistics_view ON consents FOR SELECT TO amparo_migrator
  USING (current_user = 'amparo_statistics');
CREATE POLICY consent_events_statistics_view ON consent_events FOR SELECT TO amparo_migrator
  USING (current_user = 'amparo_statistics');
CREATE POLICY referrals_statistics_view ON referrals FOR SELECT TO amparo_migrator
  USING (current_user = 'amparo_statistics');
CREATE POLICY referral_events_statistics_view ON referral_events FOR SELECT TO amparo_migrator
  USING (current_user = 'amparo_statistics');
CREATE POLICY institutions_statistics_view ON institutions FOR SELECT TO amparo_migrator
  USING (current_user = 'amparo_statistics');

-- HTCDS exploitation types → the groups of UNODC's Global Report on
-- Trafficking in Persons (GLOTIP 2022, ch. 1 "forms of exploitation"; GLOTIP
-- 2024 fig. "share of detected victims by form of exploitation"): sexual
-- exploitation; forced labour (which GLOTIP counts with domestic servitude
-- and child labour); other forms (forced criminal activity, begging, forced
-- marriage, removal of organs, illegal adoption and baby selling, armed
-- groups, surrogacy, other). A case recorded under more than one group is
-- counted once, as `mixed` (GLOTIP's "mixed sexual exploitation and forced
-- labour"); none recorded is `not_recorded`. The only place this mapping
-- lives; the client labels the group codes.
CREATE FUNCTION glotip_exploitation_group(types text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN cardinality(types) = 0 THEN 'not_recorded'
    WHEN (types && ARRAY['SexualExploitation'])::int
       + (types && ARRAY['ForcedLabour', 'ChildLabour', 'Servitude'])::int
       + (types && ARRAY['ForcedMarriage', 'ForcedMilitaryByNonStateActors', 'OrganRemoval',
                         'ForcedBegging', 'ForcedAdoption', 'Surrogacy', 'ForcedCriminality',
                         'Other'])::int > 1 THEN 'mixed'
    WHEN types && ARRAY['SexualExploitation'] THEN 'sexual_exploitation'
    WHEN types && ARRAY['ForcedLabour', 'ChildLabour', 'Servitude'] THEN 'forced_labour'
    ELSE 'other_forms'
  END
$$;

-- Ecuador's provinces (INEC, Clasificador Geográfico Estadístico — DPA codes
-- 01–24). Province is free text at intake: it is published only when it
-- matches one of these names (case, accents and spacing aside); anything else
-- is `other`, never the text typed. Canton is not published: it has no
-- closed vocabulary yet (docs/STATISTICS.md).
CREATE FUNCTION statistics_match_key(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT regexp_replace(translate(lower(btrim(t)), 'áéíóúüñ', 'aeiouun'), '\s+', ' ', 'g')
$$;
CREATE TABLE statistics_provinces (
  code      text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
  name      text NOT NULL,
  match_key text NOT NULL UNIQUE
);
INSERT INTO statistics_provinces (code, name, match_key)
SELECT code, name, statistics_match_key(name) FROM (VALUES
  ('01', 'Azuay'), ('02', 'Bolívar'), ('03', 'Cañar'), ('04', 'Carchi'), ('05', 'Cotopaxi'),
  ('06', 'Chimborazo'), ('07', 'El Oro'), ('08', 'Esmeraldas'), ('09', 'Guayas'),
  ('10', 'Imbabura'), ('11', 'Loja'), ('12', 'Los Ríos'), ('13', 'Manabí'),
  ('14', 'Morona Santiago'), ('15', 'Napo'), ('16', 'Pastaza'), ('17', 'Pichincha'),
  ('18', 'Tungurahua'), ('19', 'Zamora Chinchipe'), ('20', 'Galápagos'), ('21', 'Sucumbíos'),
  ('22', 'Orellana'), ('23', 'Santo Domingo de los Tsáchilas'), ('24', 'Santa Elena')
) AS p (code, name);
CREATE POLICY statistics_provinces_view ON statistics_provinces FOR SELECT TO amparo_migrator
  USING (current_user = 'amparo_statistics');
ALTER TABLE statistics_provinces ENABLE ROW LEVEL SECURITY;
ALTER TABLE statistics_provinces FORCE ROW LEVEL SECURITY;

-- The cases statistics may count: victims (status Possible or Actual;
-- NotAVictim is not counted) whose consent to `statistics` is in effect now — the same rule as the
-- consent's status in the API (security/policy/consent.ts): the latest
-- version, not revoked, not expired, approved when a guardian or a
-- best-interest determination gave it, and not a minor's own. An erased case
-- is not counted by any later release, whatever the erasure's reason (a
-- duplicate, a record made in error, the person's request). Read only by the
-- two views below (granted to nobody: it still holds case ids).
CREATE VIEW statistics_counted_cases WITH (security_barrier) AS
SELECT c.id, c.identified_on, c.sex, c.age_band, c.nationality, c.province,
       c.exploitation_types, c.vulnerability_groups
FROM cases c
WHERE c.trafficking_status IN ('Possible', 'Actual')
  AND c.erased_at IS NULL
  AND EXISTS (
    SELECT 1 FROM consents s
    WHERE s.case_id = c.id
      AND 'statistics' = ANY (s.purposes)
      AND (s.valid_until IS NULL OR s.valid_until > now())
      AND NOT EXISTS (SELECT 1 FROM consents n WHERE n.supersedes_id = s.id)
      AND NOT EXISTS (SELECT 1 FROM consent_events r
                      WHERE r.consent_id = s.id AND r.kind = 'revoked')
      AND (s.given_by = 'person'
           OR EXISTS (SELECT 1 FROM consent_events a
                      WHERE a.consent_id = s.id AND a.kind = 'approved'))
      AND NOT (s.given_by = 'person' AND c.age_band IN ('0-11', '12-17')));

-- One row per counted victim. Columns: generalised attributes only;
-- vulnerability groups each once, at most one per group (what the tables'
-- contribution bound assumes).
CREATE VIEW statistics_case_facts WITH (security_barrier) AS
SELECT
  extract(year FROM c.identified_on)::int AS identified_year,
  extract(quarter FROM c.identified_on)::int AS identified_quarter,
  CASE c.sex WHEN 'Female' THEN 'female' WHEN 'Male' THEN 'male'
             WHEN 'Unknown' THEN 'unknown' ELSE 'other' END AS sex,
  CASE WHEN c.age_band IN ('0-11', '12-17') THEN 'child'
       WHEN c.age_band = 'unknown' THEN 'unknown' ELSE 'adult' END AS age_group,
  -- The installation's own country: Ecuador (PRODUCT.md).
  CASE WHEN c.nationality IS NULL THEN 'unknown'
       WHEN c.nationality = 'EC' THEN 'national' ELSE 'foreign' END AS nationality_group,
  CASE WHEN c.province IS NULL OR btrim(c.province) = '' THEN 'not_recorded'
       ELSE coalesce(p.name, 'other') END AS province,
  glotip_exploitation_group(c.exploitation_types) AS exploitation_group,
  (ARRAY(SELECT DISTINCT g FROM unnest(c.vulnerability_groups) AS g ORDER BY g))[1:6]
    AS vulnerability_groups
FROM statistics_counted_cases c
LEFT JOIN statistics_provinces p ON p.match_key = statistics_match_key(c.province);

-- One row per referral of those victims, by the period their case was
-- identified in (a person's rows all fall in one period: the budget is kept
-- per year of identification). person_rank numbers each person's referrals
-- in time order, so that a table can bound what one person contributes; no
-- case id leaves the view.
CREATE VIEW statistics_referral_facts WITH (security_barrier) AS
SELECT
  extract(year FROM c.identified_on)::int AS identified_year,
  extract(quarter FROM c.identified_on)::int AS identified_quarter,
  i.sector,
  CASE r.status WHEN 'completed' THEN 'completed' WHEN 'declined' THEN 'declined'
                WHEN 'withdrawn' THEN 'withdrawn' WHEN 'expired' THEN 'expired'
                ELSE 'in_course' END AS outcome,
  CASE
    WHEN ack.at IS NULL THEN 'not_acknowledged'
    WHEN ack.at <= r.created_at + interval '7 days' THEN 'within_7_days'
    WHEN ack.at <= r.created_at + interval '30 days' THEN 'within_30_days'
    ELSE 'after_30_days'
  END AS acknowledgement,
  row_number() OVER (PARTITION BY r.case_id ORDER BY r.created_at, r.id)::int AS person_rank
FROM referrals r
JOIN statistics_counted_cases c ON c.id = r.case_id
JOIN institutions i ON i.id = r.institution_id
-- One aggregate over the events (hash-joined), not one look-up per referral.
LEFT JOIN (
  SELECT e.referral_id, min(e.created_at) AS at FROM referral_events e
  WHERE e.to_status = 'acknowledged'
  GROUP BY e.referral_id
) ack ON ack.referral_id = r.id;

GRANT SELECT ON statistics_case_facts, statistics_referral_facts TO amparo_statistics;
CREATE INDEX cases_identified_on ON cases (identified_on);
CREATE INDEX consents_statistics ON consents (case_id) WHERE 'statistics' = ANY (purposes);

-- Releases: computed once, frozen. The figures and parameters never change;
-- a draft is published or discarded once (the only update allowed).
-- Classification: nothing here is personal (noisy aggregates, parameters).
CREATE TABLE statistics_releases (
  id                 uuid PRIMARY KEY,
  table_id           text NOT NULL CHECK (table_id ~ '^[a-z_]{1,60}$'),
  period_year        smallint NOT NULL CHECK (period_year BETWEEN 2000 AND 2100),
  period_quarter     smallint CHECK (period_quarter BETWEEN 1 AND 4),
  epsilon_hundredths integer NOT NULL CHECK (epsilon_hundredths BETWEEN 1 AND 1000),
  sensitivity        integer NOT NULL CHECK (sensitivity BETWEEN 1 AND 100),
  threshold          integer NOT NULL CHECK (threshold BETWEEN 1 AND 1000),
  rounding           integer NOT NULL CHECK (rounding BETWEEN 1 AND 100),
  definition         jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
  figures            jsonb NOT NULL CHECK (jsonb_typeof(figures) = 'object'),
  software_version   text NOT NULL CHECK (char_length(software_version) <= 40),
  computed_by        uuid NOT NULL REFERENCES users (id),
  computed_at        timestamptz NOT NULL DEFAULT now(),
  published_by       uuid REFERENCES users (id),
  published_at       timestamptz,
  discarded_by       uuid REFERENCES users (id),
  discarded_at       timestamptz,
  CHECK ((published_at IS NULL) = (published_by IS NULL)),
  CHECK ((discarded_at IS NULL) = (discarded_by IS NULL)),
  CHECK (published_at IS NULL OR discarded_at IS NULL)
);
CREATE INDEX statistics_releases_published ON statistics_releases (published_at DESC, id)
  WHERE published_at IS NOT NULL;
CREATE INDEX statistics_releases_computed ON statistics_releases (computed_at DESC, id);

CREATE FUNCTION statistics_release_frozen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'statistics releases are permanent' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF coalesce(NEW.published_at, NEW.discarded_at) NOT BETWEEN now() - interval '1 minute' AND now()
     OR OLD.published_at IS NOT NULL OR OLD.discarded_at IS NOT NULL
     OR (NEW.id, NEW.table_id, NEW.period_year, NEW.period_quarter, NEW.epsilon_hundredths,
         NEW.sensitivity, NEW.threshold, NEW.rounding, NEW.definition, NEW.figures,
         NEW.software_version, NEW.computed_by, NEW.computed_at)
        IS DISTINCT FROM
        (OLD.id, OLD.table_id, OLD.period_year, OLD.period_quarter, OLD.epsilon_hundredths,
         OLD.sensitivity, OLD.threshold, OLD.rounding, OLD.definition, OLD.figures,
         OLD.software_version, OLD.computed_by, OLD.computed_at) THEN
    RAISE EXCEPTION 'a statistics release is frozen once computed, and decided once'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER statistics_releases_frozen BEFORE UPDATE OR DELETE ON statistics_releases
  FOR EACH ROW EXECUTE FUNCTION statistics_release_frozen();

-- The privacy budget: one total per year of identification, fixed when the
-- year's first release is computed; every release's ε is a ledger line.
CREATE TABLE privacy_budgets (
  year              smallint PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  total_hundredths  integer NOT NULL CHECK (total_hundredths BETWEEN 1 AND 10000),
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE privacy_budget_ledger (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year               smallint NOT NULL REFERENCES privacy_budgets (year),
  epsilon_hundredths integer NOT NULL CHECK (epsilon_hundredths BETWEEN 1 AND 1000),
  release_id         uuid NOT NULL UNIQUE REFERENCES statistics_releases (id),
  actor_id           uuid NOT NULL REFERENCES users (id),
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX privacy_budget_ledger_year ON privacy_budget_ledger (year);
CREATE TRIGGER privacy_budgets_append_only BEFORE UPDATE OR DELETE ON privacy_budgets
  FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
CREATE TRIGGER privacy_budget_ledger_append_only BEFORE UPDATE OR DELETE ON privacy_budget_ledger
  FOR EACH ROW EXECUTE FUNCTION refuse_row_change();

-- Every release has paid for itself: by the end of the transaction that
-- wrote it, a ledger line of the same year and ε names it. A decision is
-- dated now, never backdated.
CREATE FUNCTION statistics_release_paid() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM privacy_budget_ledger l
                 WHERE l.release_id = NEW.id AND l.year = NEW.period_year
                   AND l.epsilon_hundredths = NEW.epsilon_hundredths) THEN
    RAISE EXCEPTION 'a statistics release needs its privacy budget ledger line'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER statistics_releases_paid AFTER INSERT ON statistics_releases
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION statistics_release_paid();
ALTER TABLE statistics_releases ADD CONSTRAINT statistics_releases_decided_not_before_computed
  CHECK (coalesce(published_at, discarded_at, computed_at) >= computed_at);

GRANT SELECT, INSERT, UPDATE ON statistics_releases TO amparo_app;
GRANT SELECT, INSERT ON privacy_budgets, privacy_budget_ledger TO amparo_app;

-- Coordinators compute, publish and discard; anyone (the public observatory
-- reads as `anonymous`) reads what is published.
ALTER TABLE statistics_releases ENABLE ROW LEVEL SECURITY;
ALTER TABLE statistics_releases FORCE ROW LEVEL SECURITY;
CREATE POLICY statistics_releases_read ON statistics_releases FOR SELECT
  USING (current_setting('app.actor_role', true) IN ('coordinator', 'system')
         OR published_at IS NOT NULL);
CREATE POLICY statistics_releases_insert ON statistics_releases FOR INSERT
  WITH CHECK (current_setting('app.actor_role', true) = 'coordinator'
              AND computed_by = nullif(current_setting('app.actor_id', true), '')::uuid
              AND published_at IS NULL AND discarded_at IS NULL);
CREATE POLICY statistics_releases_decide ON statistics_releases FOR UPDATE
  USING (current_setting('app.actor_role', true) = 'coordinator')
  WITH CHECK (current_setting('app.actor_role', true) = 'coordinator'
              AND coalesce(published_by, discarded_by)
                  = nullif(current_setting('app.actor_id', true), '')::uuid);
ALTER TABLE privacy_budgets ENABLE ROW LEVEL SECURITY;
ALTER TABLE privacy_budgets FORCE ROW LEVEL SECURITY;
CREATE POLICY privacy_budgets_coordinator ON privacy_budgets
  USING (current_setting('app.actor_role', true) IN ('coordinator', 'system'))
  WITH CHECK (current_setting('app.actor_role', true) = 'coordinator');
ALTER TABLE privacy_budget_ledger ENABLE ROW LEVEL SECURITY;
ALTER TABLE privacy_budget_ledger FORCE ROW LEVEL SECURITY;
CREATE POLICY privacy_budget_ledger_coordinator ON privacy_budget_ledger
  USING (current_setting('app.actor_role', true) IN ('coordinator', 'system'))
  WITH CHECK (current_setting('app.actor_role', true) = 'coordinator'
              AND actor_id = nullif(current_setting('app.actor_id', true), '')::uuid);
