-- Break-glass is for reading in an emergency. Whoever reached a case only by
-- a break-glass grant may read it and add a note to it; everything that
-- changes the case, who owns or can see it, its consents or its referrals
-- needs ordinary access: the assignee, the team's caseworkers with team
-- access, the team's supervisors. The service decides the same
-- (security/policy/cases.ts); these policies are the second lock.

-- May the acting user act on this case as its own (never through a grant)?
CREATE FUNCTION actor_owns_case(case_team uuid, case_assignee uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE current_setting('app.actor_role', true)
    WHEN 'system' THEN true
    WHEN 'caseworker' THEN
      case_assignee = nullif(current_setting('app.actor_id', true), '')::uuid
      OR (actor_team_access() AND case_team = actor_team())
    WHEN 'supervisor' THEN case_team = actor_team()
    ELSE false
  END
$$;

CREATE FUNCTION actor_owns_case_id(target uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM cases c
                 WHERE c.id = target AND actor_owns_case(c.team_id, c.assigned_to))
$$;

DROP POLICY cases_update ON cases;
CREATE POLICY cases_update ON cases FOR UPDATE
  USING (actor_owns_case(team_id, assigned_to))
  WITH CHECK (current_setting('app.actor_role', true) IN ('caseworker', 'supervisor', 'system'));

-- The key is read with the case (a break-glass read decrypts); it is written
-- and destroyed (erasure) only by the case's own people.
DROP POLICY case_keys_by_case ON case_keys;
CREATE POLICY case_keys_read ON case_keys FOR SELECT
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_keys.case_id));
CREATE POLICY case_keys_insert ON case_keys FOR INSERT
  WITH CHECK (actor_owns_case_id(case_id));
CREATE POLICY case_keys_update ON case_keys FOR UPDATE
  USING (actor_owns_case_id(case_id)) WITH CHECK (actor_owns_case_id(case_id));
CREATE POLICY case_keys_delete ON case_keys FOR DELETE
  USING (actor_owns_case_id(case_id));

DROP POLICY case_blind_indexes_insert ON case_blind_indexes;
DROP POLICY case_blind_indexes_update ON case_blind_indexes;
DROP POLICY case_blind_indexes_delete ON case_blind_indexes;
CREATE POLICY case_blind_indexes_insert ON case_blind_indexes FOR INSERT
  WITH CHECK (actor_owns_case_id(case_id));
CREATE POLICY case_blind_indexes_update ON case_blind_indexes FOR UPDATE
  USING (actor_owns_case_id(case_id));
CREATE POLICY case_blind_indexes_delete ON case_blind_indexes FOR DELETE
  USING (actor_owns_case_id(case_id));

-- Notes stay open to a break-glass reader (to record what was done in the
-- emergency); attachments, consents and their events do not.
DROP POLICY case_attachments_by_case ON case_attachments;
CREATE POLICY case_attachments_read ON case_attachments FOR SELECT
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_attachments.case_id));
CREATE POLICY case_attachments_insert ON case_attachments FOR INSERT
  WITH CHECK (actor_owns_case_id(case_id)
              AND uploaded_by = nullif(current_setting('app.actor_id', true), '')::uuid);

DROP POLICY consents_by_case ON consents;
CREATE POLICY consents_read ON consents FOR SELECT
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = consents.case_id));
CREATE POLICY consents_insert ON consents FOR INSERT
  WITH CHECK (actor_owns_case_id(case_id)
              AND recorded_by = nullif(current_setting('app.actor_id', true), '')::uuid);

DROP POLICY consent_events_by_case ON consent_events;
CREATE POLICY consent_events_read ON consent_events FOR SELECT
  USING (EXISTS (SELECT 1 FROM consents c WHERE c.id = consent_events.consent_id));
CREATE POLICY consent_events_insert ON consent_events FOR INSERT
  WITH CHECK (EXISTS (SELECT 1 FROM consents c
                      WHERE c.id = consent_events.consent_id AND actor_owns_case_id(c.case_id))
              AND actor_id = nullif(current_setting('app.actor_id', true), '')::uuid);

-- Referrals: the receiving institution acts on its own; on the sending side
-- only the case's own people create, withdraw or write history, keys and
-- consent links.
CREATE FUNCTION actor_may_act_on_referral(referral_case uuid, referral_institution uuid)
RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT CASE current_setting('app.actor_role', true)
    WHEN 'system' THEN true
    WHEN 'partner' THEN
      referral_institution = nullif(current_setting('app.institution_id', true), '')::uuid
    WHEN 'institution_system' THEN
      referral_institution = nullif(current_setting('app.institution_id', true), '')::uuid
    WHEN 'caseworker' THEN actor_owns_case_id(referral_case)
    WHEN 'supervisor' THEN actor_owns_case_id(referral_case)
    ELSE false
  END
$$;

DROP POLICY referrals_insert ON referrals;
CREATE POLICY referrals_insert ON referrals FOR INSERT
  WITH CHECK (current_setting('app.actor_role', true) IN ('caseworker', 'supervisor')
              AND actor_owns_case_id(case_id)
              AND created_by = nullif(current_setting('app.actor_id', true), '')::uuid);
DROP POLICY referrals_update ON referrals;
CREATE POLICY referrals_update ON referrals FOR UPDATE
  USING (actor_may_act_on_referral(case_id, institution_id))
  WITH CHECK (actor_may_act_on_referral(case_id, institution_id));

DROP POLICY referral_keys_by_referral ON referral_keys;
CREATE POLICY referral_keys_read ON referral_keys FOR SELECT
  USING (EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_keys.referral_id));
CREATE POLICY referral_keys_insert ON referral_keys FOR INSERT
  WITH CHECK (current_setting('app.actor_role', true) IN ('caseworker', 'supervisor')
              AND EXISTS (SELECT 1 FROM referrals r
                          WHERE r.id = referral_keys.referral_id
                            AND r.case_id = referral_keys.case_id
                            AND actor_owns_case_id(r.case_id)));
-- A package (0015) is written by the case's own people only.
DROP POLICY referral_packages_write ON referral_packages;
CREATE POLICY referral_packages_write ON referral_packages FOR INSERT
  WITH CHECK (current_setting('app.actor_role', true) IN ('caseworker', 'supervisor')
              AND EXISTS (SELECT 1 FROM referrals r
                          WHERE r.id = referral_packages.referral_id
                            AND r.status = 'sent' AND r.package_closed_at IS NULL
                            AND actor_owns_case_id(r.case_id)));
-- Rewrapped by key rotation only, which runs as the system.
CREATE POLICY referral_keys_rewrap ON referral_keys FOR UPDATE
  USING (current_setting('app.actor_role', true) = 'system')
  WITH CHECK (current_setting('app.actor_role', true) = 'system');

DROP POLICY referral_consents_sender ON referral_consents;
CREATE POLICY referral_consents_read ON referral_consents FOR SELECT
  USING (current_setting('app.actor_role', true) IN ('caseworker', 'supervisor', 'system')
         AND EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_consents.referral_id));
CREATE POLICY referral_consents_insert ON referral_consents FOR INSERT
  WITH CHECK (current_setting('app.actor_role', true) IN ('caseworker', 'supervisor')
              AND EXISTS (SELECT 1 FROM referrals r
                          WHERE r.id = referral_consents.referral_id
                            AND actor_owns_case_id(r.case_id)));

DROP POLICY referral_events_by_referral ON referral_events;
CREATE POLICY referral_events_read ON referral_events FOR SELECT
  USING (EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_events.referral_id));
CREATE POLICY referral_events_insert ON referral_events FOR INSERT
  WITH CHECK (EXISTS (SELECT 1 FROM referrals r
                      WHERE r.id = referral_events.referral_id
                        AND actor_may_act_on_referral(r.case_id, r.institution_id)));

-- A break-glass grant belongs to the review queue of the team that owned the
-- case when the glass was broken, wherever the case goes afterwards.
ALTER TABLE case_access_grants ADD COLUMN owner_team_id uuid REFERENCES teams (id);
SELECT set_config('app.actor_role', 'system', true);
UPDATE case_access_grants g SET owner_team_id = c.team_id FROM cases c WHERE c.id = g.case_id;
SELECT set_config('app.actor_role', '', true);
ALTER TABLE case_access_grants ALTER COLUMN owner_team_id SET NOT NULL;
CREATE INDEX case_access_grants_owner_team ON case_access_grants (owner_team_id, created_at);

-- Whose grants a person may read: their own; a supervisor, those in their
-- team's review queue (before: every supervisor read every team's grants).
-- Only the grantee writes a grant, and only for the case's owning team. A
-- supervisor of that team ends it early when the review finds it unjustified.
DROP POLICY case_access_grants_own ON case_access_grants;
CREATE POLICY case_access_grants_read ON case_access_grants FOR SELECT
  USING (current_setting('app.actor_role', true) = 'system'
         OR user_id = nullif(current_setting('app.actor_id', true), '')::uuid
         OR (current_setting('app.actor_role', true) = 'supervisor'
             AND owner_team_id = actor_team()));
CREATE POLICY case_access_grants_insert ON case_access_grants FOR INSERT
  WITH CHECK (current_setting('app.actor_role', true) = 'system'
              OR (current_setting('app.actor_role', true) IN ('caseworker', 'supervisor')
                  AND user_id = nullif(current_setting('app.actor_id', true), '')::uuid
                  AND expires_at <= now() + interval '60 minutes'));
GRANT UPDATE (expires_at) ON case_access_grants TO amparo_app;
CREATE POLICY case_access_grants_end ON case_access_grants FOR UPDATE
  USING (current_setting('app.actor_role', true) = 'system'
         OR (current_setting('app.actor_role', true) = 'supervisor'
             AND owner_team_id = actor_team()))
  WITH CHECK (current_setting('app.actor_role', true) = 'system'
              OR (current_setting('app.actor_role', true) = 'supervisor'
                  AND owner_team_id = actor_team()));
-- A grant is only ever shortened.
CREATE FUNCTION case_access_grants_only_shortened() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.expires_at > OLD.expires_at THEN
    RAISE EXCEPTION 'a break-glass grant is only ever shortened'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER case_access_grants_only_shortened BEFORE UPDATE ON case_access_grants
  FOR EACH ROW EXECUTE FUNCTION case_access_grants_only_shortened();

-- The queue a grant goes to is not the grantee's to choose: it is the case's
-- team, read here as the system (the grantee cannot see the case yet).
CREATE FUNCTION case_access_grants_owner_team() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  actor_role constant text := current_setting('app.actor_role', true);
BEGIN
  PERFORM set_config('app.actor_role', 'system', true);
  NEW.owner_team_id := (SELECT c.team_id FROM cases c WHERE c.id = NEW.case_id);
  PERFORM set_config('app.actor_role', coalesce(actor_role, ''), true);
  RETURN NEW;
END;
$$;
CREATE TRIGGER case_access_grants_owner_team BEFORE INSERT ON case_access_grants
  FOR EACH ROW EXECUTE FUNCTION case_access_grants_owner_team();

-- A referral sent without covering consent (vital interest) is reviewed by
-- the team that sent it, wherever the case goes afterwards: the team is fixed
-- when the referral is made (the sender owns the case, so can see its team).
ALTER TABLE referrals ADD COLUMN sender_team_id uuid REFERENCES teams (id);
SELECT set_config('app.actor_role', 'system', true);
UPDATE referrals r SET sender_team_id = c.team_id FROM cases c WHERE c.id = r.case_id;
SELECT set_config('app.actor_role', '', true);
ALTER TABLE referrals ALTER COLUMN sender_team_id SET NOT NULL;
CREATE INDEX referrals_sender_team_overrides ON referrals (sender_team_id, created_at)
  WHERE vital_interest_override;
CREATE FUNCTION referrals_sender_team() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.sender_team_id := (SELECT c.team_id FROM cases c WHERE c.id = NEW.case_id);
  ELSIF NEW.sender_team_id IS DISTINCT FROM OLD.sender_team_id THEN
    RAISE EXCEPTION 'a referral is not rewritten, only moved' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER referrals_sender_team BEFORE INSERT OR UPDATE ON referrals
  FOR EACH ROW EXECUTE FUNCTION referrals_sender_team();

-- What a supervisor decided about an entry of the review queue: a
-- break-glass grant or a vital-interest referral. Once per entry, never
-- changed. Classification: ids and an outcome code -> clear.
CREATE TABLE review_decisions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind        text NOT NULL CHECK (kind IN ('break_glass', 'consent_override')),
  subject_id  uuid NOT NULL,
  team_id     uuid NOT NULL REFERENCES teams (id),
  outcome     text NOT NULL CHECK (outcome IN ('justified', 'not_justified', 'needs_follow_up')),
  reviewed_by uuid NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, subject_id)
);
CREATE INDEX review_decisions_team ON review_decisions (team_id, created_at);
GRANT SELECT, INSERT ON review_decisions TO amparo_app;
CREATE TRIGGER review_decisions_append_only BEFORE UPDATE OR DELETE ON review_decisions
  FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
ALTER TABLE review_decisions ENABLE ROW LEVEL SECURITY;
ALTER TABLE review_decisions FORCE ROW LEVEL SECURITY;
CREATE POLICY review_decisions_read ON review_decisions FOR SELECT
  USING (current_setting('app.actor_role', true) = 'system'
         OR (current_setting('app.actor_role', true) = 'supervisor' AND team_id = actor_team()));
-- A supervisor decides on an entry of their own team's queue, never their own.
CREATE POLICY review_decisions_insert ON review_decisions FOR INSERT
  WITH CHECK (current_setting('app.actor_role', true) = 'supervisor'
              AND team_id = actor_team()
              AND reviewed_by = nullif(current_setting('app.actor_id', true), '')::uuid);
-- The entry itself is checked as the system: an override's case (and so the
-- referral) may since have left what the reviewing team can see.
CREATE FUNCTION review_decisions_subject() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  actor_role constant text := current_setting('app.actor_role', true);
  queue_team uuid;
  made_by uuid;
BEGIN
  PERFORM set_config('app.actor_role', 'system', true);
  IF NEW.kind = 'break_glass' THEN
    SELECT g.owner_team_id, g.user_id INTO queue_team, made_by
      FROM case_access_grants g WHERE g.id = NEW.subject_id;
  ELSE
    SELECT r.sender_team_id, r.created_by INTO queue_team, made_by
      FROM referrals r WHERE r.id = NEW.subject_id AND r.vital_interest_override;
  END IF;
  PERFORM set_config('app.actor_role', coalesce(actor_role, ''), true);
  IF queue_team IS DISTINCT FROM NEW.team_id OR made_by IS NOT DISTINCT FROM NEW.reviewed_by THEN
    RAISE EXCEPTION 'a decision is about an entry of the team''s queue, never one''s own'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER review_decisions_subject BEFORE INSERT ON review_decisions
  FOR EACH ROW EXECUTE FUNCTION review_decisions_subject();
