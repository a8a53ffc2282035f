export { rewrapKeys, type RotationReport } from './key-rotation';
