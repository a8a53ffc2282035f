-- Attachments of a case (signed forms, documents, photos): the content and
-- the file name are encrypted with the case's data key (bound to
-- case_attachments | content or filename | attachment id); the type and size
-- are in clear. Stored in the database, never on disk; append-only.
CREATE TABLE case_attachments (
  id            uuid PRIMARY KEY,
  case_id       uuid NOT NULL REFERENCES cases (id),
  uploaded_by   uuid NOT NULL REFERENCES users (id),
  content_type  text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
  size_bytes    integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 5242880),
  filename_enc  bytea NOT NULL,
  content_enc   bytea NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_attachments_case ON case_attachments (case_id, created_at);

GRANT SELECT, INSERT ON case_attachments TO amparo_app;
CREATE TRIGGER case_attachments_append_only BEFORE UPDATE OR DELETE ON case_attachments
  FOR EACH ROW EXECUTE FUNCTION refuse_row_change();

ALTER TABLE case_attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_attachments FORCE ROW LEVEL SECURITY;
CREATE POLICY case_attachments_by_case ON case_attachments
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_attachments.case_id))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_attachments.case_id)
              AND uploaded_by = nullif(current_setting('app.actor_id', true), '')::uuid);
