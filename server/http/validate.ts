import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { problems, type FieldError } from './problem';

type Part = 'body' | 'query' | 'params';
type Schemas = Partial<Record<Part, z.ZodType>>;

/**
 * Validates and replaces each request part with its parsed value. Field errors
 * name the path and the rule that failed, never the value that was sent.
 */
export function validate(schemas: Schemas): RequestHandler {
  return (req, res, next) => {
    const errors: FieldError[] = [];
    for (const part of Object.keys(schemas) as Part[]) {
      const result = schemas[part]!.safeParse(req[part] ?? {});
      if (result.success) {
        // Express 5 exposes req.query through a getter; pin the parsed value.
        Object.defineProperty(req, part, { value: result.data, writable: true });
      } else {
        errors.push(...result.error.issues.map((issue) => toFieldError(part, issue)));
      }
    }
    if (errors.length > 0) return next(problems.validation(errors));
    next();
  };
}

function toFieldError(part: Part, issue: z.core.$ZodIssue): FieldError {
  return {
    path: [part, ...issue.path.map(String)].join('.'),
    code: issue.code,
    message: safeMessage(issue),
  };
}

/**
 * Zod's messages name the expected type, format or options, never the received
 * value (zod 4 keeps inputs out of issues unless asked). Unknown keys are
 * client-chosen text, so they are only repeated when they look like field names.
 */
function safeMessage(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const names = issue.keys.filter((key) => /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(key));
  return names.length === issue.keys.length
    ? `Unknown fields: ${names.join(', ')}`
    : 'Unknown fields are not allowed';
}

/** The fields a change sends (a validated body whose absent fields parse as undefined). */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
