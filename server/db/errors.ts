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
