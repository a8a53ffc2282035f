/* Every trainings screen, in one chunk (see routes.tsx). */
export { AggregatesPage } from './AggregatesPage';
export { AttendancePage } from './AttendancePage';
export { EditProgrammePage, NewProgrammePage } from './ProgrammeEditorPage';
export { ProgrammeListPage } from './ProgrammeListPage';
export { ProgrammePage } from './ProgrammePage';
