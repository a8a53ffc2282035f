/** The periodic jobs, by the name they have in `scheduled_jobs` and JOB_INTERVALS. */
export const JOB_NAMES = [
  'session-purge',
  'referral-expiry',
  'overdue-referrals',
  'notification-purge',
  'mail-delivery',
  'audit-anchor',
] as const;

export type JobName = (typeof JOB_NAMES)[number];

export type JobIntervals = Record<JobName, number>;

/** Seconds between two starts of each job, across all instances. */
export const DEFAULT_JOB_INTERVALS: JobIntervals = {
  'session-purge': 10 * 60,
  'referral-expiry': 60 * 60,
  'overdue-referrals': 5 * 60,
  'notification-purge': 60 * 60,
  'mail-delivery': 30,
  'audit-anchor': 5 * 60,
};

/** The longest interval JOB_INTERVALS takes: a week. */
export const MAX_JOB_INTERVAL_SECONDS = 7 * 24 * 60 * 60;

/**
 * JOB_INTERVALS: `name=seconds[,name=seconds]` over the defaults, whole
 * seconds from 1 to a week. Problems name the job, or the position of an
 * entry that is not `name=seconds`.
 */
export function parseJobIntervals(text: string | undefined): {
  intervals: JobIntervals;
  problems: string[];
} {
  const intervals = { ...DEFAULT_JOB_INTERVALS };
  const problems: string[] = [];
  if (text === undefined) return { intervals, problems };
  text.split(',').forEach((entry, index) => {
    const match = /^\s*([a-z-]+)\s*=\s*(\S+)\s*$/.exec(entry);
    if (!match) {
      problems.push(`JOB_INTERVALS: entry ${index + 1} must look like name=seconds`);
      return;
    }
    const [, name = '', value = ''] = match;
    const seconds = /^-?[0-9]+$/.test(value) ? Number(value) : NaN;
    if (!isJobName(name)) {
      problems.push(`JOB_INTERVALS: unknown job ${name} (known: ${JOB_NAMES.join(', ')})`);
    } else if (!(seconds >= 1 && seconds <= MAX_JOB_INTERVAL_SECONDS)) {
      problems.push(
        `JOB_INTERVALS: ${name} must be a whole number of seconds from 1 to ${MAX_JOB_INTERVAL_SECONDS}`,
      );
    } else {
      intervals[name] = seconds;
    }
  });
  return { intervals, problems };
}

function isJobName(name: string): name is JobName {
  return (JOB_NAMES as readonly string[]).includes(name);
}
