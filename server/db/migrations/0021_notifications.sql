-- Notifications (issue 13): that something waits for a person, in the
-- application and, for a few kinds, by e-mail.
--
-- Classification: every column is an id, a code or a time -> clear. A
-- notification holds no personal data and no case or referral content: a
-- kind and the id of what it is about; the screen it links to reads the
-- record under that screen's own access rules. The outbox holds no address:
-- the recipient's address is read by the delivery job at sending time.
CREATE TABLE notifications (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- clear: a staff account's id (who it is for)
  recipient_id  uuid NOT NULL REFERENCES users (id),
  -- clear: a code
  kind          text NOT NULL CHECK (kind IN (
                  'referral_received', 'referral_acknowledged', 'referral_declined',
                  'referral_completed', 'referral_overdue', 'consent_revoked',
                  'consent_pending_approval', 'review_break_glass', 'review_consent_override')),
  -- clear: what kind of record the id names, and its id
  resource_type text NOT NULL CHECK (resource_type IN ('referral', 'consent', 'case_access_grant')),
  resource_id   uuid NOT NULL,
  -- clear: times (milliseconds, the precision of the list's cursor)
  created_at    timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  read_at       timestamptz
);
CREATE INDEX notifications_recipient ON notifications (recipient_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread ON notifications (recipient_id) WHERE read_at IS NULL;
CREATE INDEX notifications_resource ON notifications (resource_id);
-- For the retention purge of read notifications.
CREATE INDEX notifications_read ON notifications (read_at) WHERE read_at IS NOT NULL;

-- A person reads their own notifications and marks them read (only read_at
-- may change); only the system writes or removes them (the functions below,
-- which run in the causing event's own transaction).
GRANT SELECT, INSERT, DELETE ON notifications TO amparo_app;
GRANT UPDATE (read_at) ON notifications TO amparo_app;
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY notifications_read ON notifications FOR SELECT
  USING (current_setting('app.actor_role', true) = 'system'
         OR recipient_id = nullif(current_setting('app.actor_id', true), '')::uuid);
CREATE POLICY notifications_mark ON notifications FOR UPDATE
  USING (current_setting('app.actor_role', true) = 'system'
         OR recipient_id = nullif(current_setting('app.actor_id', true), '')::uuid)
  WITH CHECK (current_setting('app.actor_role', true) = 'system'
              OR recipient_id = nullif(current_setting('app.actor_id', true), '')::uuid);
CREATE POLICY notifications_insert ON notifications FOR INSERT
  WITH CHECK (current_setting('app.actor_role', true) = 'system');
CREATE POLICY notifications_delete ON notifications FOR DELETE
  USING (current_setting('app.actor_role', true) = 'system');

-- The transactional outbox of e-mails: written with the event, delivered by
-- a periodic job off the request path (claimed with a lease, retried with
-- backoff, given up after a number of attempts or once too old to matter).
-- No address, no content: the kind decides the fixed text. Settled rows are
-- purged after a retention period (server/modules/notifications/purge.ts).
CREATE TABLE mail_outbox (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  recipient_id    uuid NOT NULL REFERENCES users (id),
  kind            text NOT NULL CHECK (kind IN ('referral_received', 'referral_overdue')),
  -- clear: the id of the referral it is about (never in the message), so
  -- that an erased case or a lost access takes its pending mail away.
  referral_id     uuid NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- A delivering instance holds the row until then; a crashed one lets it go.
  claimed_until   timestamptz,
  delivered_at    timestamptz,
  -- Not sent: the recipient can no longer sign in, every attempt failed, or
  -- it waited longer than the maximum age (SMTP off, a long outage).
  dropped_at      timestamptz,
  drop_reason     text CHECK (drop_reason IN ('recipient_inactive', 'attempts_exhausted', 'stale'))
);
CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at)
  WHERE delivered_at IS NULL AND dropped_at IS NULL;
CREATE INDEX mail_outbox_referral ON mail_outbox (referral_id)
  WHERE delivered_at IS NULL AND dropped_at IS NULL;
GRANT SELECT, INSERT, UPDATE, DELETE ON mail_outbox TO amparo_app;
ALTER TABLE mail_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE mail_outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY mail_outbox_system ON mail_outbox
  USING (current_setting('app.actor_role', true) = 'system')
  WITH CHECK (current_setting('app.actor_role', true) = 'system');

-- Each overdue referral is told to its sender once: the periodic job inserts
-- here first (ON CONFLICT DO NOTHING), so several instances never repeat it.
CREATE TABLE referral_overdue_notices (
  referral_id uuid PRIMARY KEY REFERENCES referrals (id),
  notified_at timestamptz NOT NULL
);
GRANT SELECT, INSERT ON referral_overdue_notices TO amparo_app;
ALTER TABLE referral_overdue_notices ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_overdue_notices FORCE ROW LEVEL SECURITY;
CREATE POLICY referral_overdue_notices_system ON referral_overdue_notices
  USING (current_setting('app.actor_role', true) = 'system')
  WITH CHECK (current_setting('app.actor_role', true) = 'system');

-- Writes one notification per recipient (and an e-mail to the outbox for the
-- kinds that have one, unless p_mail is false). Called as the system by the
-- functions below.
CREATE FUNCTION notify_recipients(
  p_kind text, p_resource_type text, p_resource_id uuid, p_recipients uuid[],
  p_mail boolean DEFAULT true
) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  INSERT INTO notifications (recipient_id, kind, resource_type, resource_id)
    SELECT DISTINCT r, p_kind, p_resource_type, p_resource_id
    FROM unnest(p_recipients) AS r WHERE r IS NOT NULL;
  IF p_mail AND p_kind IN ('referral_received', 'referral_overdue') THEN
    INSERT INTO mail_outbox (recipient_id, kind, referral_id)
      SELECT DISTINCT r, p_kind, p_resource_id FROM unnest(p_recipients) AS r WHERE r IS NOT NULL;
  END IF;
END
$$;
REVOKE ALL ON FUNCTION notify_recipients(text, text, uuid, uuid[], boolean) FROM PUBLIC;

-- Who may be told, read as the system. Only active accounts of enabled
-- institutions; on the lead agency's side, only people still in the team
-- concerned (someone moved elsewhere is not told about what they can no
-- longer open).
CREATE FUNCTION notification_partners(p_institution uuid) RETURNS uuid[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(u.id), '{}')
  FROM users u JOIN institutions i ON i.id = u.institution_id
  WHERE u.institution_id = p_institution AND u.role = 'partner'
    AND u.active AND i.disabled_at IS NULL AND NOT i.is_lead_agency
$$;
CREATE FUNCTION notification_supervisors(p_team uuid, p_except uuid) RETURNS uuid[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(u.id), '{}')
  FROM users u JOIN institutions i ON i.id = u.institution_id
  WHERE u.team_id = p_team AND u.role = 'supervisor' AND u.active
    AND i.is_lead_agency AND i.disabled_at IS NULL
    AND u.id IS DISTINCT FROM p_except
$$;
-- Need-to-know, as the system: may this person see the case as its own?
-- The same rule as the cases' row-level security for ordinary access
-- (`actor_owns_case`, migration 0016; security/policy/cases.ts): the
-- assignee; the team's caseworkers with team access; the team's supervisors.
-- A break-glass grant does not count: it is read-only and expires, and a
-- notice would outlive it. Only active accounts of the enabled lead agency.
CREATE FUNCTION notification_may_see_case(p_user uuid, p_team uuid, p_assignee uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM users u JOIN institutions i ON i.id = u.institution_id
    WHERE u.id = p_user AND u.active AND i.is_lead_agency AND i.disabled_at IS NULL
      AND CASE u.role
            WHEN 'caseworker' THEN u.id = p_assignee OR (u.team_access AND u.team_id = p_team)
            WHEN 'supervisor' THEN u.team_id = p_team
            ELSE false
          END)
$$;
-- The people who now handle a referral on the sending side: its case's
-- assigned caseworker, and the person who sent it while they can still see
-- the case. Nobody for an erased case.
CREATE FUNCTION notification_case_handlers(p_referral uuid) RETURNS uuid[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT h.id), '{}')
  FROM referrals r
  JOIN cases c ON c.id = r.case_id AND c.erased_at IS NULL
  CROSS JOIN LATERAL (VALUES (c.assigned_to), (r.created_by)) AS h (id)
  WHERE r.id = p_referral AND h.id IS NOT NULL
    AND notification_may_see_case(h.id, c.team_id, c.assigned_to)
$$;
REVOKE ALL ON FUNCTION notification_partners(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION notification_supervisors(uuid, uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION notification_may_see_case(uuid, uuid, uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION notification_case_handlers(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION notify_recipients(text, text, uuid, uuid[], boolean) TO amparo_app;
GRANT EXECUTE ON FUNCTION notification_partners(uuid) TO amparo_app;
GRANT EXECUTE ON FUNCTION notification_supervisors(uuid, uuid) TO amparo_app;
GRANT EXECUTE ON FUNCTION notification_may_see_case(uuid, uuid, uuid) TO amparo_app;
GRANT EXECUTE ON FUNCTION notification_case_handlers(uuid) TO amparo_app;

-- The events, as triggers: the rows are written in the causing statement's
-- own transaction, on every path that causes it (the API, an institution's
-- system over mutual TLS, the system's own jobs). Each switches the RLS
-- context to the system to resolve recipients and restores the caller's.

-- A new referral: the receiving institution's partner staff; a vital-interest
-- override also enters the sending team's review queue (its supervisors,
-- never the sender).
CREATE FUNCTION notify_referral_created() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  actor_role constant text := current_setting('app.actor_role', true);
BEGIN
  PERFORM set_config('app.actor_role', 'system', true);
  PERFORM notify_recipients('referral_received', 'referral', NEW.id,
                            notification_partners(NEW.institution_id));
  IF NEW.vital_interest_override THEN
    PERFORM notify_recipients('review_consent_override', 'referral', NEW.id,
                              notification_supervisors(NEW.sender_team_id, NEW.created_by));
  END IF;
  PERFORM set_config('app.actor_role', coalesce(actor_role, ''), true);
  RETURN NULL;
END
$$;
CREATE TRIGGER referrals_notify AFTER INSERT ON referrals
  FOR EACH ROW EXECUTE FUNCTION notify_referral_created();

-- The receiving side acknowledged, declined or completed it: the people who
-- now handle it on the sending side (its case's assignee; its sender while
-- they can still see the case).
CREATE FUNCTION notify_referral_moved() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  actor_role constant text := current_setting('app.actor_role', true);
BEGIN
  PERFORM set_config('app.actor_role', 'system', true);
  PERFORM notify_recipients('referral_' || NEW.to_status, 'referral', NEW.referral_id,
                            notification_case_handlers(NEW.referral_id));
  PERFORM set_config('app.actor_role', coalesce(actor_role, ''), true);
  RETURN NULL;
END
$$;
CREATE TRIGGER referral_events_notify AFTER INSERT ON referral_events
  FOR EACH ROW WHEN (NEW.to_status IN ('acknowledged', 'declined', 'completed'))
  EXECUTE FUNCTION notify_referral_moved();

-- A guardian's consent or a best-interest determination waits for a
-- supervisor of the case's team other than the one who recorded it.
CREATE FUNCTION notify_consent_recorded() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  actor_role constant text := current_setting('app.actor_role', true);
BEGIN
  PERFORM set_config('app.actor_role', 'system', true);
  PERFORM notify_recipients('consent_pending_approval', 'consent', NEW.id,
    notification_supervisors((SELECT c.team_id FROM cases c WHERE c.id = NEW.case_id),
                             NEW.recorded_by));
  PERFORM set_config('app.actor_role', coalesce(actor_role, ''), true);
  RETURN NULL;
END
$$;
CREATE TRIGGER consents_notify AFTER INSERT ON consents
  FOR EACH ROW WHEN (NEW.given_by IN ('guardian', 'best_interest'))
  EXECUTE FUNCTION notify_consent_recorded();

-- A consent approved or revoked: its pending-approval notices are settled
-- (marked read for everyone). Revoked: the handlers of each live referral
-- made under any version of it are told (the referral's own screen says
-- what happened to it), except the person who revoked it.
CREATE FUNCTION notify_consent_decided() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  actor_role constant text := current_setting('app.actor_role', true);
  referral record;
BEGIN
  PERFORM set_config('app.actor_role', 'system', true);
  UPDATE notifications SET read_at = now()
    WHERE resource_id = NEW.consent_id AND kind = 'consent_pending_approval' AND read_at IS NULL;
  IF NEW.kind = 'revoked' THEN
    FOR referral IN
      WITH RECURSIVE versions AS (
        SELECT c.id, c.supersedes_id FROM consents c WHERE c.id = NEW.consent_id
        UNION
        SELECT c.id, c.supersedes_id FROM consents c JOIN versions v ON c.id = v.supersedes_id
      )
      SELECT DISTINCT r.id FROM referrals r
      JOIN referral_consents rc ON rc.referral_id = r.id
      WHERE rc.consent_id IN (SELECT id FROM versions)
        AND r.status IN ('sent', 'acknowledged', 'accepted', 'in_progress')
    LOOP
      PERFORM notify_recipients('consent_revoked', 'referral', referral.id,
        array_remove(notification_case_handlers(referral.id), NEW.actor_id));
    END LOOP;
  END IF;
  PERFORM set_config('app.actor_role', coalesce(actor_role, ''), true);
  RETURN NULL;
END
$$;
CREATE TRIGGER consent_events_notify AFTER INSERT ON consent_events
  FOR EACH ROW EXECUTE FUNCTION notify_consent_decided();

-- Break-glass enters the review queue of the case's team: its supervisors,
-- never the person who broke the glass.
CREATE FUNCTION notify_break_glass() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  actor_role constant text := current_setting('app.actor_role', true);
BEGIN
  PERFORM set_config('app.actor_role', 'system', true);
  PERFORM notify_recipients('review_break_glass', 'case_access_grant', NEW.id,
                            notification_supervisors(NEW.owner_team_id, NEW.user_id));
  PERFORM set_config('app.actor_role', coalesce(actor_role, ''), true);
  RETURN NULL;
END
$$;
CREATE TRIGGER case_access_grants_notify AFTER INSERT ON case_access_grants
  FOR EACH ROW EXECUTE FUNCTION notify_break_glass();

-- A decided review entry is settled for every supervisor told about it.
CREATE FUNCTION notify_review_decided() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  actor_role constant text := current_setting('app.actor_role', true);
BEGIN
  PERFORM set_config('app.actor_role', 'system', true);
  UPDATE notifications SET read_at = now()
    WHERE resource_id = NEW.subject_id AND read_at IS NULL
      AND kind IN ('review_break_glass', 'review_consent_override');
  PERFORM set_config('app.actor_role', coalesce(actor_role, ''), true);
  RETURN NULL;
END
$$;
CREATE TRIGGER review_decisions_notify AFTER INSERT ON review_decisions
  FOR EACH ROW EXECUTE FUNCTION notify_review_decided();

-- The notice kinds about a case that only its own people may hold (the
-- partners' `referral_received` and the review queue's kinds follow other
-- rules: the receiving institution; the review queue of the team concerned).
CREATE FUNCTION notification_case_kinds() RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['referral_acknowledged', 'referral_declined', 'referral_completed',
               'referral_overdue', 'consent_revoked', 'consent_pending_approval']
$$;
REVOKE ALL ON FUNCTION notification_case_kinds() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION notification_case_kinds() TO amparo_app;

-- Someone disabled, or moved to another role, team or institution, keeps no
-- notification (they would link to what they may no longer open) and is
-- sent no e-mail still waiting in the outbox. Someone who loses team access
-- keeps only what is about cases still assigned to them.
CREATE FUNCTION notifications_forget_user() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  actor_role constant text := current_setting('app.actor_role', true);
BEGIN
  IF (NEW.role, NEW.institution_id, NEW.team_id, NEW.active)
     IS NOT DISTINCT FROM (OLD.role, OLD.institution_id, OLD.team_id, OLD.active) THEN
    IF OLD.team_access AND NOT NEW.team_access THEN
      PERFORM set_config('app.actor_role', 'system', true);
      DELETE FROM notifications n
        WHERE n.recipient_id = NEW.id AND n.kind = ANY (notification_case_kinds())
          AND NOT EXISTS (
            SELECT 1 FROM cases c
            WHERE c.id IN (SELECT r.case_id FROM referrals r WHERE r.id = n.resource_id
                           UNION ALL SELECT k.case_id FROM consents k WHERE k.id = n.resource_id)
              AND notification_may_see_case(NEW.id, c.team_id, c.assigned_to));
      DELETE FROM mail_outbox m
        USING referrals r, cases c
        WHERE m.recipient_id = NEW.id AND m.kind = 'referral_overdue'
          AND m.delivered_at IS NULL AND m.dropped_at IS NULL
          AND r.id = m.referral_id AND c.id = r.case_id
          AND NOT notification_may_see_case(NEW.id, c.team_id, c.assigned_to);
      PERFORM set_config('app.actor_role', coalesce(actor_role, ''), true);
    END IF;
    RETURN NULL;
  END IF;
  IF NEW.active AND NOT OLD.active
     AND (NEW.role, NEW.institution_id, NEW.team_id)
         IS NOT DISTINCT FROM (OLD.role, OLD.institution_id, OLD.team_id) THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('app.actor_role', 'system', true);
  DELETE FROM notifications WHERE recipient_id = NEW.id;
  DELETE FROM mail_outbox
    WHERE recipient_id = NEW.id AND delivered_at IS NULL AND dropped_at IS NULL;
  PERFORM set_config('app.actor_role', coalesce(actor_role, ''), true);
  RETURN NULL;
END
$$;
CREATE TRIGGER users_notifications_forget AFTER UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION notifications_forget_user();

-- A case assigned to someone else or moved to another team: whoever can no
-- longer see it loses the notices about its referrals and consents and its
-- pending overdue e-mails; what comes next is told to its new handlers
-- (notification_case_handlers). A consent still awaiting approval follows
-- the case's team: the new team's supervisors are told.
CREATE FUNCTION notifications_follow_case() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  actor_role constant text := current_setting('app.actor_role', true);
BEGIN
  PERFORM set_config('app.actor_role', 'system', true);
  DELETE FROM notifications n
    WHERE n.resource_id IN (SELECT r.id FROM referrals r WHERE r.case_id = NEW.id
                            UNION ALL SELECT k.id FROM consents k WHERE k.case_id = NEW.id)
      AND n.kind = ANY (notification_case_kinds())
      AND NOT notification_may_see_case(n.recipient_id, NEW.team_id, NEW.assigned_to);
  DELETE FROM mail_outbox m
    WHERE m.referral_id IN (SELECT r.id FROM referrals r WHERE r.case_id = NEW.id)
      AND m.kind = 'referral_overdue' AND m.delivered_at IS NULL AND m.dropped_at IS NULL
      AND NOT notification_may_see_case(m.recipient_id, NEW.team_id, NEW.assigned_to);
  IF NEW.team_id IS DISTINCT FROM OLD.team_id THEN
    PERFORM notify_recipients('consent_pending_approval', 'consent', k.id,
                              notification_supervisors(NEW.team_id, k.recorded_by))
      FROM consents k
      WHERE k.case_id = NEW.id AND k.given_by IN ('guardian', 'best_interest')
        AND NOT EXISTS (SELECT 1 FROM consent_events e WHERE e.consent_id = k.id)
        AND NOT EXISTS (SELECT 1 FROM consents s WHERE s.supersedes_id = k.id);
  END IF;
  PERFORM set_config('app.actor_role', coalesce(actor_role, ''), true);
  RETURN NULL;
END
$$;
CREATE TRIGGER cases_notifications_follow AFTER UPDATE OF assigned_to, team_id ON cases
  FOR EACH ROW WHEN ((NEW.assigned_to, NEW.team_id) IS DISTINCT FROM (OLD.assigned_to, OLD.team_id)
                     AND NEW.erased_at IS NULL)
  EXECUTE FUNCTION notifications_follow_case();

-- An erased case leaves nothing to act on: the notifications about its
-- referrals, consents and break-glass grants go, and so does every e-mail
-- about its referrals still waiting in the outbox.
CREATE FUNCTION notifications_forget_case() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  actor_role constant text := current_setting('app.actor_role', true);
BEGIN
  PERFORM set_config('app.actor_role', 'system', true);
  DELETE FROM notifications n
    WHERE n.resource_id IN (SELECT r.id FROM referrals r WHERE r.case_id = NEW.id
                            UNION ALL SELECT c.id FROM consents c WHERE c.case_id = NEW.id
                            UNION ALL SELECT g.id FROM case_access_grants g WHERE g.case_id = NEW.id);
  DELETE FROM mail_outbox m
    WHERE m.referral_id IN (SELECT r.id FROM referrals r WHERE r.case_id = NEW.id)
      AND m.delivered_at IS NULL AND m.dropped_at IS NULL;
  PERFORM set_config('app.actor_role', coalesce(actor_role, ''), true);
  RETURN NULL;
END
$$;
CREATE TRIGGER cases_notifications_forget AFTER UPDATE OF erased_at ON cases
  FOR EACH ROW WHEN (NEW.erased_at IS NOT NULL AND OLD.erased_at IS NULL)
  EXECUTE FUNCTION notifications_forget_case();

-- The periodic overdue scan (as the system): referrals of cases not erased
-- still unacknowledged past their due date, each told to its handlers once
-- (by notice, and by e-mail unless it has been overdue longer than a day: a
-- first scan over an old backlog does not flood anyone's mailbox).
-- Returns how many were found this time.
CREATE FUNCTION notify_overdue_referrals(p_now timestamptz, p_limit integer) RETURNS integer
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  found_count integer := 0;
  referral record;
BEGIN
  IF current_setting('app.actor_role', true) IS DISTINCT FROM 'system' THEN
    RAISE EXCEPTION 'the overdue scan runs as the system' USING ERRCODE = 'insufficient_privilege';
  END IF;
  FOR referral IN
    WITH due AS (
      SELECT r.id FROM referrals r
      JOIN cases c ON c.id = r.case_id AND c.erased_at IS NULL
      WHERE r.status = 'sent' AND r.acknowledge_by < p_now
        AND NOT EXISTS (SELECT 1 FROM referral_overdue_notices o WHERE o.referral_id = r.id)
      ORDER BY r.acknowledge_by, r.id
      LIMIT p_limit
    ),
    marked AS (
      INSERT INTO referral_overdue_notices (referral_id, notified_at)
        SELECT id, p_now FROM due
        ON CONFLICT (referral_id) DO NOTHING
        RETURNING referral_id
    )
    SELECT m.referral_id, r.acknowledge_by >= p_now - interval '24 hours' AS recent
    FROM marked m JOIN referrals r ON r.id = m.referral_id
  LOOP
    PERFORM notify_recipients('referral_overdue', 'referral', referral.referral_id,
                              notification_case_handlers(referral.referral_id), referral.recent);
    found_count := found_count + 1;
  END LOOP;
  RETURN found_count;
END
$$;
REVOKE ALL ON FUNCTION notify_overdue_referrals(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION notify_overdue_referrals(timestamptz, integer) TO amparo_app;
