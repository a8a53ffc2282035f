export { buildPartnerSystemApp, type PartnerSystemDeps } from './partner-system-app';
