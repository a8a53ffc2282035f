/**
 * The unique constraint (or index) a write violated, if that is why it failed
 * (SQLSTATE 23505). Both engines report it the same way; the database's
 * message, which quotes the value, is never used.
 */
export function violatedUniqueConstraint(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && typeof constraint === 'string' ? constraint : undefined;
}

/**
 * Whether a write failed on a foreign key (SQLSTATE 23503): a row still
 * referenced could not be deleted, or a row appeared under what was being
 * deleted.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23503'
  );
}
