-- Denials name the endpoint that was refused as its route template
-- (`POST:/api/v1/users/:id`, never the URL): resource ids may contain '/'.
-- Still identifiers only: no spaces, no free text.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_resource_id_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_resource_id_check
  CHECK (resource_id ~ '^[A-Za-z0-9_.:/-]{1,120}$');
