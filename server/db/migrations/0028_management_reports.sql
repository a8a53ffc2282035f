-- Management reports (issue 15, docs/MANAGEMENT_REPORT.md): the programme's
-- report for a period (a year, or a quarter of it, accumulated from 1
-- January), prepared by a coordinator, reviewed and approved by another, and
-- frozen once approved (server/modules/management-reports).
--
-- Classification: no victim data -> clear.
-- * The period, the status and the texts the coordinators write about the
--   programme (conclusions, recommendations, challenges); the API refuses a
--   text that looks like a person's data (an e-mail address, a phone or
--   identity number: plain-text.ts).
-- * The snapshot: the report's figures as approved — aggregates of the
--   programme (budget, targets, counts of people trained and reached, links
--   to published statistics), never a participant's or a victim's datum.
-- * Who prepared, reviewed and approved it: staff account ids, and the names
--   they signed with — personal data of staff (0003), which a signed report
--   carries by nature, read only by coordinators (RLS below). The database
--   copies each name from the signer's own account row when they sign, so a
--   name cannot be typed in for someone else.

CREATE TABLE management_reports (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  period_year       smallint NOT NULL CHECK (period_year BETWEEN 2000 AND 2100),
  period_quarter    smallint CHECK (period_quarter BETWEEN 1 AND 4),
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
  conclusions       text NOT NULL DEFAULT '' CHECK (char_length(conclusions) <= 6000),
  recommendations   text NOT NULL DEFAULT '' CHECK (char_length(recommendations) <= 6000),
  challenges        text NOT NULL DEFAULT '' CHECK (char_length(challenges) <= 6000),
  prepared_by       uuid NOT NULL REFERENCES users (id),
  prepared_by_name  text NOT NULL,
  -- When the preparer last changed the texts (or created the draft).
  prepared_at       timestamptz NOT NULL DEFAULT now(),
  reviewed_by       uuid REFERENCES users (id),
  reviewed_by_name  text,
  reviewed_at       timestamptz,
  approved_by       uuid REFERENCES users (id),
  approved_by_name  text,
  approved_at       timestamptz,
  -- The report as approved (report-snapshot.ts): written once, with the approval.
  snapshot          jsonb CHECK (jsonb_typeof(snapshot) = 'object'),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  -- Optimistic concurrency: a change names the version it was made from.
  version           integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  CHECK (num_nulls(reviewed_by, reviewed_by_name, reviewed_at) IN (0, 3)),
  CHECK (num_nulls(approved_by, approved_by_name, approved_at, snapshot) IN (0, 4)),
  CHECK ((status = 'approved') = (approved_by IS NOT NULL)),
  -- Four eyes: whoever prepared a report neither reviews nor approves it,
  -- and it is reviewed before it is approved.
  CHECK (reviewed_by <> prepared_by),
  CHECK (approved_by <> prepared_by),
  CHECK (status = 'draft' OR reviewed_by IS NOT NULL)
);
CREATE INDEX management_reports_by_period
  ON management_reports (period_year DESC, period_quarter DESC NULLS FIRST, created_at DESC, id);
-- One approved report per period: the one on record. A mistake found later
-- is told in the next period's report; the approved one never changes.
CREATE UNIQUE INDEX management_reports_one_approved
  ON management_reports (period_year, coalesce(period_quarter, 0)) WHERE status = 'approved';

-- The acting staff member's name, read from their own account row (the only
-- row of users their row-level security lets them read).
CREATE FUNCTION management_report_actor_name() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT u.display_name FROM users u
  WHERE u.id = nullif(current_setting('app.actor_id', true), '')::uuid
$$;

CREATE FUNCTION management_report_created() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.prepared_by_name := management_report_actor_name();
  IF NEW.prepared_by_name IS NULL THEN
    RAISE EXCEPTION 'a management report is prepared by the acting staff member'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  NEW.prepared_at := now();
  NEW.created_at := now();
  NEW.updated_at := now();
  NEW.version := 1;
  RETURN NEW;
END
$$;
CREATE TRIGGER management_reports_created BEFORE INSERT ON management_reports
  FOR EACH ROW EXECUTE FUNCTION management_report_created();

-- What each change of a draft may do, whoever writes it:
-- * an approved report never changes again, and is never deleted;
-- * the period and the preparer never change;
-- * only the preparer changes the texts; that withdraws the review (the
--   reviewed text is no longer the text);
-- * a review names the acting staff member, who is not the preparer;
-- * an approval names the acting staff member (not the preparer), comes
--   after a review, and stores the snapshot in the same change; nothing
--   else changes with it.
-- Names and times are the database's: the signer's own name, now().
CREATE FUNCTION management_report_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  actor constant uuid := nullif(current_setting('app.actor_id', true), '')::uuid;
BEGIN
  IF OLD.status = 'approved' THEN
    RAISE EXCEPTION 'an approved management report is frozen'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF (NEW.id, NEW.period_year, NEW.period_quarter, NEW.prepared_by, NEW.prepared_by_name,
      NEW.created_at)
     IS DISTINCT FROM
     (OLD.id, OLD.period_year, OLD.period_quarter, OLD.prepared_by, OLD.prepared_by_name,
      OLD.created_at) THEN
    RAISE EXCEPTION 'a management report''s period and preparer do not change'
      USING ERRCODE = 'insufficient_privilege';
  END IF;

  IF (NEW.conclusions, NEW.recommendations, NEW.challenges)
     IS DISTINCT FROM (OLD.conclusions, OLD.recommendations, OLD.challenges) THEN
    IF actor IS DISTINCT FROM OLD.prepared_by OR NEW.status <> 'draft'
       OR NEW.reviewed_by IS DISTINCT FROM OLD.reviewed_by THEN
      RAISE EXCEPTION 'only the preparer changes a draft''s texts, and on their own'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.reviewed_by := NULL;
    NEW.reviewed_by_name := NULL;
    NEW.reviewed_at := NULL;
    NEW.prepared_at := now();
  ELSIF NEW.reviewed_by IS DISTINCT FROM OLD.reviewed_by THEN
    IF NEW.reviewed_by IS DISTINCT FROM actor OR NEW.status <> 'draft' THEN
      RAISE EXCEPTION 'a review names the acting staff member'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.reviewed_by_name := management_report_actor_name();
    NEW.reviewed_at := now();
  ELSIF (NEW.reviewed_by_name, NEW.reviewed_at) IS DISTINCT FROM
        (OLD.reviewed_by_name, OLD.reviewed_at) THEN
    RAISE EXCEPTION 'a review is not rewritten' USING ERRCODE = 'insufficient_privilege';
  END IF;

  IF NEW.status = 'approved' THEN
    IF NEW.approved_by IS DISTINCT FROM actor OR OLD.reviewed_by IS NULL
       OR NEW.reviewed_by IS DISTINCT FROM OLD.reviewed_by OR NEW.snapshot IS NULL THEN
      RAISE EXCEPTION 'an approval names the acting staff member, after a review, with the snapshot'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.approved_by_name := management_report_actor_name();
    NEW.approved_at := now();
  ELSIF (NEW.approved_by, NEW.approved_by_name, NEW.approved_at, NEW.snapshot)
        IS DISTINCT FROM (NULL::uuid, NULL::text, NULL::timestamptz, NULL::jsonb) THEN
    RAISE EXCEPTION 'only an approval stores a snapshot' USING ERRCODE = 'insufficient_privilege';
  END IF;

  NEW.version := OLD.version + 1;
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER management_reports_changed BEFORE UPDATE OR DELETE ON management_reports
  FOR EACH ROW EXECUTE FUNCTION management_report_changed();

-- Drafts the preparer no longer wants are deleted; approved reports never
-- are (the trigger above), nor changed.
GRANT SELECT, INSERT, UPDATE, DELETE ON management_reports TO amparo_app;
GRANT EXECUTE ON FUNCTION management_report_actor_name() TO amparo_app;

-- The coordinators' (PRODUCT.md: reports are theirs); the system reads too.
-- Every row a coordinator creates names them as its preparer; only its
-- preparer deletes a draft.
ALTER TABLE management_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE management_reports FORCE ROW LEVEL SECURITY;
CREATE POLICY management_reports_read ON management_reports FOR SELECT
  USING (current_setting('app.actor_role', true) IN ('coordinator', 'system'));
CREATE POLICY management_reports_insert ON management_reports FOR INSERT
  WITH CHECK (current_setting('app.actor_role', true) = 'coordinator'
              AND prepared_by = nullif(current_setting('app.actor_id', true), '')::uuid
              AND status = 'draft' AND reviewed_by IS NULL AND approved_by IS NULL
              AND snapshot IS NULL);
CREATE POLICY management_reports_update ON management_reports FOR UPDATE
  USING (current_setting('app.actor_role', true) = 'coordinator' AND status = 'draft')
  WITH CHECK (current_setting('app.actor_role', true) = 'coordinator');
CREATE POLICY management_reports_delete ON management_reports FOR DELETE
  USING (current_setting('app.actor_role', true) = 'coordinator' AND status = 'draft'
         AND prepared_by = nullif(current_setting('app.actor_id', true), '')::uuid);
