-- Prevention campaigns (issue 14; PRODUCT.md "Campaign"): planned from the
-- published statistics releases that justify them, carried out in activities,
-- and measured against their plan (server/modules/campaigns).
--
-- Classification: nothing here is personal -> clear. A campaign holds its
-- plan (texts written by coordinators about the campaign, codes, dates, an
-- amount of money, counts); an activity holds a date, a province, a channel,
-- an optional description and how many people it reached by group. Never a
-- name, a contact or any other datum of a person of the public: reach is an
-- aggregate count; the API refuses free text that looks like a person's
-- data (an e-mail address, a phone or identity number: plain-text.ts). Ids
-- of staff accounts (who created a row) are clear.
--
-- Vocabularies (the API validates the same lists: campaigns.vocabularies.ts):
-- territories are Ecuador's provinces as statistics_provinces (0023) names
-- them; groups are the cases' vulnerability groups, and, for reach only,
-- `general_public`; channels are a closed list.

CREATE FUNCTION campaign_territories() RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY['Azuay', 'Bolívar', 'Cañar', 'Carchi', 'Cotopaxi', 'Chimborazo', 'El Oro',
               'Esmeraldas', 'Guayas', 'Imbabura', 'Loja', 'Los Ríos', 'Manabí',
               'Morona Santiago', 'Napo', 'Pastaza', 'Pichincha', 'Tungurahua',
               'Zamora Chinchipe', 'Galápagos', 'Sucumbíos', 'Orellana',
               'Santo Domingo de los Tsáchilas', 'Santa Elena']
$$;
CREATE FUNCTION campaign_target_groups() RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY['migrant', 'woman', 'child_adolescent', 'lgbti', 'indigenous', 'disability']
$$;
CREATE FUNCTION campaign_channels() RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY['schools', 'community_workshops', 'radio', 'television', 'social_media',
               'transport_terminals', 'health_centres', 'workplaces', 'public_spaces', 'other']
$$;
GRANT EXECUTE ON FUNCTION campaign_territories(), campaign_target_groups(), campaign_channels()
  TO amparo_app;

CREATE TABLE campaigns (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  objective     text NOT NULL CHECK (char_length(objective) BETWEEN 1 AND 2000),
  territories   text[] NOT NULL CHECK (cardinality(territories) >= 1
                                       AND territories <@ campaign_territories()),
  target_groups text[] NOT NULL CHECK (cardinality(target_groups) >= 1
                                       AND target_groups <@ campaign_target_groups()),
  channels      text[] NOT NULL CHECK (cardinality(channels) >= 1
                                       AND channels <@ campaign_channels()),
  starts_on     date NOT NULL CHECK (starts_on BETWEEN '2000-01-01' AND '2100-12-31'),
  ends_on       date NOT NULL CHECK (ends_on BETWEEN '2000-01-01' AND '2100-12-31'),
  -- US dollars, exactly (Ecuador's currency): never a float.
  budget_usd    numeric(14, 2) NOT NULL CHECK (budget_usd >= 0),
  -- People the campaign plans to reach in all.
  planned_reach integer NOT NULL CHECK (planned_reach BETWEEN 0 AND 100000000),
  created_by    uuid NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  -- Optimistic concurrency: a change names the version it was made from.
  version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX campaigns_by_start ON campaigns (starts_on DESC, id DESC);

-- The planned reach of a province and a group (optional: a plan may give
-- only its total). Its cells never sum to more than the total (the API).
CREATE TABLE campaign_planned_reach (
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  territory   text NOT NULL CHECK (territory = ANY (campaign_territories())),
  reach_group text NOT NULL CHECK (reach_group = ANY (campaign_target_groups())
                                   OR reach_group = 'general_public'),
  planned     integer NOT NULL CHECK (planned BETWEEN 0 AND 100000000),
  PRIMARY KEY (campaign_id, territory, reach_group)
);

-- The statistics releases that justify a campaign: published when linked
-- (the API checks, and so does the trigger below; publication is permanent,
-- 0023), never deleted.
CREATE TABLE campaign_releases (
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  release_id  uuid NOT NULL REFERENCES statistics_releases (id),
  PRIMARY KEY (campaign_id, release_id)
);
CREATE INDEX campaign_releases_release ON campaign_releases (release_id);

-- Defence in depth: a draft or a discarded release never justifies a
-- campaign, whatever writes the link. Once published, a release stays so
-- (0023 freezes it), so checking when the link is written is enough.
CREATE FUNCTION campaign_release_published() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM statistics_releases r
                 WHERE r.id = NEW.release_id AND r.published_at IS NOT NULL) THEN
    RAISE EXCEPTION 'only a published statistics release can justify a campaign'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER campaign_releases_published BEFORE INSERT OR UPDATE ON campaign_releases
  FOR EACH ROW EXECUTE FUNCTION campaign_release_published();

-- The trend of a campaign's tables reads, per table and granularity, the
-- published releases of the nearest periods before and after it
-- (campaigns.repository.ts): this keeps that read to the rows it needs.
CREATE INDEX statistics_releases_for_trends
  ON statistics_releases (table_id, (period_quarter IS NULL), period_year, period_quarter)
  WHERE published_at IS NOT NULL;

CREATE TABLE campaign_activities (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL REFERENCES campaigns (id),
  happened_on date NOT NULL CHECK (happened_on BETWEEN '2000-01-01' AND '2100-12-31'),
  territory   text NOT NULL CHECK (territory = ANY (campaign_territories())),
  channel     text NOT NULL CHECK (channel = ANY (campaign_channels())),
  description text CHECK (char_length(description) BETWEEN 1 AND 500),
  created_by  uuid NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  version     integer NOT NULL DEFAULT 1 CHECK (version >= 1)
);
CREATE INDEX campaign_activities_campaign ON campaign_activities (campaign_id, happened_on, id);

-- How many people an activity reached, by group: each person counted once,
-- in one group (`general_public` for anyone outside the groups).
CREATE TABLE campaign_activity_reach (
  activity_id uuid NOT NULL REFERENCES campaign_activities (id) ON DELETE CASCADE,
  reach_group text NOT NULL CHECK (reach_group = ANY (campaign_target_groups())
                                   OR reach_group = 'general_public'),
  reached     integer NOT NULL CHECK (reached BETWEEN 0 AND 1000000),
  PRIMARY KEY (activity_id, reach_group)
);

-- Each change moves the version and the update time; what a row is and who
-- made it never change.
CREATE FUNCTION campaign_row_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- campaign_id: an activity's campaign (null on both sides for a campaign).
  IF (NEW.id, NEW.created_by, NEW.created_at) IS DISTINCT FROM (OLD.id, OLD.created_by, OLD.created_at)
     OR to_jsonb(NEW) -> 'campaign_id' IS DISTINCT FROM to_jsonb(OLD) -> 'campaign_id' THEN
    RAISE EXCEPTION 'a campaign''s or activity''s identity does not change'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  NEW.version := OLD.version + 1;
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER campaigns_changed BEFORE UPDATE ON campaigns
  FOR EACH ROW EXECUTE FUNCTION campaign_row_changed();
CREATE TRIGGER campaign_activities_changed BEFORE UPDATE ON campaign_activities
  FOR EACH ROW EXECUTE FUNCTION campaign_row_changed();

-- Campaigns are never deleted (no grant); an activity recorded in error is
-- (its reach goes with it). The plan's cells and release links are replaced
-- as a whole when the plan changes.
GRANT SELECT, INSERT, UPDATE ON campaigns TO amparo_app;
GRANT SELECT, INSERT, DELETE ON campaign_planned_reach, campaign_releases TO amparo_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON campaign_activities TO amparo_app;
GRANT SELECT, INSERT, DELETE ON campaign_activity_reach TO amparo_app;

-- The lead agency's staff and the system's own roles read campaigns: not
-- partners, who see only the referrals addressed to their institution
-- (PRODUCT.md), nor an institution's system. Only coordinators write them,
-- and each row they create names them.
CREATE FUNCTION campaign_reader() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT current_setting('app.actor_role', true) IN
    ('admin', 'supervisor', 'caseworker', 'coordinator', 'auditor', 'system')
$$;
CREATE FUNCTION campaign_writer() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT current_setting('app.actor_role', true) = 'coordinator'
$$;
GRANT EXECUTE ON FUNCTION campaign_reader(), campaign_writer() TO amparo_app;

ALTER TABLE campaigns ENABLE ROW LEVEL SECURITY;
ALTER TABLE campaigns FORCE ROW LEVEL SECURITY;
CREATE POLICY campaigns_read ON campaigns FOR SELECT USING (campaign_reader());
CREATE POLICY campaigns_insert ON campaigns FOR INSERT
  WITH CHECK (campaign_writer()
              AND created_by = nullif(current_setting('app.actor_id', true), '')::uuid);
CREATE POLICY campaigns_update ON campaigns FOR UPDATE
  USING (campaign_writer()) WITH CHECK (campaign_writer());

ALTER TABLE campaign_planned_reach ENABLE ROW LEVEL SECURITY;
ALTER TABLE campaign_planned_reach FORCE ROW LEVEL SECURITY;
CREATE POLICY campaign_planned_reach_read ON campaign_planned_reach FOR SELECT
  USING (campaign_reader());
CREATE POLICY campaign_planned_reach_insert ON campaign_planned_reach FOR INSERT
  WITH CHECK (campaign_writer());
CREATE POLICY campaign_planned_reach_delete ON campaign_planned_reach FOR DELETE
  USING (campaign_writer());

ALTER TABLE campaign_releases ENABLE ROW LEVEL SECURITY;
ALTER TABLE campaign_releases FORCE ROW LEVEL SECURITY;
CREATE POLICY campaign_releases_read ON campaign_releases FOR SELECT USING (campaign_reader());
CREATE POLICY campaign_releases_insert ON campaign_releases FOR INSERT
  WITH CHECK (campaign_writer());
CREATE POLICY campaign_releases_delete ON campaign_releases FOR DELETE
  USING (campaign_writer());

ALTER TABLE campaign_activities ENABLE ROW LEVEL SECURITY;
ALTER TABLE campaign_activities FORCE ROW LEVEL SECURITY;
CREATE POLICY campaign_activities_read ON campaign_activities FOR SELECT
  USING (campaign_reader());
CREATE POLICY campaign_activities_insert ON campaign_activities FOR INSERT
  WITH CHECK (campaign_writer()
              AND created_by = nullif(current_setting('app.actor_id', true), '')::uuid);
CREATE POLICY campaign_activities_update ON campaign_activities FOR UPDATE
  USING (campaign_writer()) WITH CHECK (campaign_writer());
CREATE POLICY campaign_activities_delete ON campaign_activities FOR DELETE
  USING (campaign_writer());

ALTER TABLE campaign_activity_reach ENABLE ROW LEVEL SECURITY;
ALTER TABLE campaign_activity_reach FORCE ROW LEVEL SECURITY;
CREATE POLICY campaign_activity_reach_read ON campaign_activity_reach FOR SELECT
  USING (campaign_reader());
CREATE POLICY campaign_activity_reach_insert ON campaign_activity_reach FOR INSERT
  WITH CHECK (campaign_writer());
CREATE POLICY campaign_activity_reach_delete ON campaign_activity_reach FOR DELETE
  USING (campaign_writer());
