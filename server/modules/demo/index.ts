export { ensureDemoProgramme, type DemoProgrammeResult } from './demo-programme';
export type { DemoDeps } from './demo-deps';
export { DEMO_COORDINATORS } from './demo-coordinators';
export { DEMO_PARTICIPANTS } from './demo-participants';
export { DEMO_PROGRAMME_NAME } from './demo-training';
export { DEMO_CAMPAIGN_NAME } from './demo-campaign';
export { DEMO_PROGRAM_CODE } from './demo-plan';
