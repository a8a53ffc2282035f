export { amparoJobs } from './amparo-jobs';
export {
  DEFAULT_JOB_INTERVALS,
  JOB_NAMES,
  parseJobIntervals,
  type JobIntervals,
  type JobName,
} from './job-intervals';
export { instanceLabel, MAX_TICK_MS, Scheduler, type Job } from './scheduler';
