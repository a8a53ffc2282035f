import {
  releasesHiding,
  sharedThreshold,
  verdictOf,
  type Comparison,
} from '../../client/src/features/campaigns/trend-reading';

/**
 * A campaign's before/after comparison is read as the API computed it: within
 * or beyond the bounds, or not comparable — and then why (a hidden figure or
 * a missing release). Nothing is derived from the figures themselves.
 */
const point = (releaseId: string, value: number | null, cellsSuppressed = 0) => ({
  releaseId,
  value,
  errorBound95: value === null ? null : 9,
  cellsSuppressed,
});

const comparison = (over: Partial<Comparison>): Comparison => ({
  key: null,
  latestBefore: point('before', 120),
  earliestAfter: point('after', 130),
  changeWithinBounds: true,
  ...over,
});

describe('the reading of a comparison', () => {
  it('is the API flag when it gave one', () => {
    expect(verdictOf(comparison({ changeWithinBounds: true }))).toBe('within');
    expect(verdictOf(comparison({ changeWithinBounds: false }))).toBe('beyond');
  });

  it('is "missing" when a release before or after is missing', () => {
    expect(verdictOf(comparison({ latestBefore: null, changeWithinBounds: null }))).toBe('missing');
    expect(verdictOf(comparison({ earliestAfter: null, changeWithinBounds: null }))).toBe(
      'missing',
    );
  });

  it('is "hidden" when both sides exist but the API compared nothing', () => {
    // A total leaving 3 hidden cells out: the API says null, the screen never compares.
    const c = comparison({ latestBefore: point('before', 80, 3), changeWithinBounds: null });
    expect(verdictOf(c)).toBe('hidden');
    expect(releasesHiding([c])).toEqual(['before']);
  });

  it('names every release whose figure is hidden or leaves hidden cells out', () => {
    const both = comparison({
      latestBefore: point('before', null, 1),
      earliestAfter: point('after', 40, 2),
      changeWithinBounds: null,
    });
    const fine = comparison({ changeWithinBounds: false });
    expect(releasesHiding([both, fine])).toEqual(['before', 'after']);
  });
});

describe('the threshold named in words', () => {
  it('is the one threshold of the releases', () => {
    expect(sharedThreshold([11, 11])).toBe(11);
  });

  it('is none when they differ or one is unknown', () => {
    expect(sharedThreshold([11, 15])).toBeUndefined();
    expect(sharedThreshold([11, undefined])).toBeUndefined();
    expect(sharedThreshold([])).toBeUndefined();
  });
});
