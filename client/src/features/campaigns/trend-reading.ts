import type { Trend } from './campaign-types';

/*
 * How a campaign's before/after comparison is read. Pure (no React, no
 * i18n): test/client/trend-reading.test.ts runs it under node.
 */

export type Comparison = Trend['comparisons'][number];

/**
 * What a comparison says: within or beyond the error bounds (the API's
 * flag), or not comparable — because some figure is hidden ("<k", or a total
 * leaving hidden cells out) or because a release before or after is missing.
 * Never a verdict the API did not give.
 */
export type Verdict = 'within' | 'beyond' | 'hidden' | 'missing';

export function verdictOf(c: Comparison): Verdict {
  if (c.changeWithinBounds === true) return 'within';
  if (c.changeWithinBounds === false) return 'beyond';
  return c.latestBefore === null || c.earliestAfter === null ? 'missing' : 'hidden';
}

/** The releases whose figures made a comparison not comparable (hidden, or leaving hidden cells out). */
export function releasesHiding(comparisons: readonly Comparison[]): string[] {
  return comparisons
    .filter((c) => verdictOf(c) === 'hidden')
    .flatMap((c) => [c.latestBefore, c.earliestAfter])
    .flatMap((p) => (p && (p.value === null || p.cellsSuppressed > 0) ? [p.releaseId] : []));
}

/** The one threshold of these releases; undefined when one is unknown or they differ. */
export function sharedThreshold(thresholds: readonly (number | undefined)[]): number | undefined {
  const distinct = new Set(thresholds);
  return distinct.size === 1 ? [...distinct][0] : undefined;
}
