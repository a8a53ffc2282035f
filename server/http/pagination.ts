import { z } from './zod';

/**
 * Keyset pagination, `?limit=&cursor=`. A cursor is opaque to clients: the
 * base64url JSON of the last row's sort key (its position), which the list
 * decodes with a schema of its own, so a forged cursor is only ever a
 * well-formed position. Anything else is a field error on `query.cursor`.
 */
export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;
const MAX_CURSOR_LENGTH = 2048;

export function encodeCursor(position: object): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The position a cursor holds, or undefined when it is not one this list issued. */
export function decodeCursor<T>(value: string, position: z.ZodType<T>): T | undefined {
  if (value.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(value)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = position.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The time in a position: an ISO instant PostgreSQL can hold (a forged cursor
 * with year 0 would otherwise reach the database). Lists compare it with
 * their rows' times truncated to milliseconds, the precision it carries.
 */
export const PositionTime = z.iso.datetime().refine((value) => {
  const year = new Date(value).getUTCFullYear();
  return year >= 1 && year <= 9999;
}, 'must be a time between the years 1 and 9999');

/**
 * The `{ limit, cursor }` query of a list whose rows sort by `position`;
 * `.extend()` it with the list's filters. `cursor` parses to the position.
 */
export function Cursor<T>(position: z.ZodType<T>) {
  return z.object({
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
    cursor: z
      .string()
      .transform((value, ctx): T => {
        const decoded = decodeCursor(value, position);
        if (decoded !== undefined) return decoded;
        ctx.addIssue({ code: 'custom', message: 'Not a cursor returned by this endpoint' });
        return z.NEVER;
      })
      .optional()
      .openapi({ type: 'string', description: 'nextCursor of the previous page' }),
  });
}

/** The response of a list: one page and the cursor of the next, null on the last page. */
export function Page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * Cuts a page from rows fetched with `limit + 1`: the extra row only says
 * that there is a next page, so the last page never costs an empty request.
 */
export function toPage<T>(
  rows: T[],
  limit: number,
  positionOf: (last: T) => object,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null,
  };
}
