export { rewrapCaseKeys, type RotationReport } from './key-rotation';
