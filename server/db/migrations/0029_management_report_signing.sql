-- Management reports, signing hardened (docs/MANAGEMENT_REPORT.md). 0028 has
-- been installed; this adds to it rather than editing it.
--
-- Classification: no new data.
--
-- * Three signatures, three people: whoever reviewed a report does not also
--   approve it (0028 already keeps the preparer from doing either), as the
--   municipality's "Elaborado / Revisado / Aprobado" block expects.
-- * No approval before the report's period has ended, in Ecuador's calendar
--   (America/Guayaquil): a report approved mid-period would freeze figures
--   that are still moving. approved_at is the database's now() (0028's
--   trigger), so the check reads the row alone.
--
-- NOT VALID: reports approved before this migration (by their reviewer, or
-- early) stay as they were approved — an approved report never changes
-- (0028's trigger refuses any UPDATE of one, so they are never re-checked).
-- Every approval from now on is checked.

ALTER TABLE management_reports
  ADD CONSTRAINT management_reports_approver_not_reviewer
  CHECK (approved_by <> reviewed_by) NOT VALID;

-- The day after the period: 1 April, 1 July, 1 October, or 1 January of the
-- next year (a quarter's, or the year's when there is no quarter).
ALTER TABLE management_reports
  ADD CONSTRAINT management_reports_approved_after_period
  CHECK (approved_at IS NULL
         OR (approved_at AT TIME ZONE 'America/Guayaquil')::date
            >= make_date(period_year + (coalesce(period_quarter, 4) * 3) / 12,
                         (coalesce(period_quarter, 4) * 3) % 12 + 1,
                         1)) NOT VALID;
