import fs from 'node:fs';
import path from 'node:path';
import {
  allPresent,
  changedCount,
  presentCount,
  savedMarks,
  sheetOf,
  sheetOrder,
  todayInEcuador,
} from '../../client/src/features/trainings/attendance-sheet';
import { missingConditions, requiredHours } from '../../client/src/features/trainings/completion';
import { decimalWithin, parseDecimal } from '../../client/src/features/trainings/decimals';
import {
  emptyProgrammeForm,
  ProgrammeForm,
  programmeFormOf,
  toNewProgramme,
  toProgrammeChange,
} from '../../client/src/features/trainings/programme-form';
import { scoreEntries, scoreTexts } from '../../client/src/features/trainings/scores';
import {
  sessionSchema,
  startsAtOf,
  toSessionChange,
  trainersOf,
} from '../../client/src/features/trainings/session-form';
import type {
  Enrolment,
  ProgrammeDetail,
  Session,
} from '../../client/src/features/trainings/training-types';
import { MODALITIES, SECTORS } from '../../client/src/features/trainings/training-vocabularies';

/**
 * The trainings screens' own arithmetic: numbers typed the Ecuadorian way,
 * the completion rule explained exactly as the server applies it, the
 * attendance sheet sent whole, only changed scores and fields sent.
 */

const enrolment = (id: string, fields: Partial<Enrolment> = {}): Enrolment => ({
  participantId: id,
  fullName: `Persona ${id}`,
  position: null,
  institutionName: 'Hospital',
  sector: 'health',
  province: null,
  erased: false,
  preScore: null,
  postScore: null,
  attendedHours: 0,
  attendancePercent: 0,
  completed: false,
  completedOn: null,
  enrolledAt: '2026-01-01T00:00:00Z',
  ...fields,
});

const programme: ProgrammeDetail = {
  id: 'p1',
  name: 'Atención a víctimas',
  topic: 'Derivación',
  targetSectors: ['health', 'justice'],
  partnerInstitution: null,
  modality: 'in_person',
  totalHours: 12,
  minAttendancePercent: 80,
  minFinalScore: 70,
  startsOn: '2026-03-01',
  endsOn: '2026-03-31',
  province: 'Imbabura',
  sessionCount: 0,
  scheduledHours: 0,
  enrolled: 0,
  completed: 0,
  createdBy: 'u1',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 3,
  sessions: [],
};

describe('hours, percentages and scores as people type them', () => {
  it.each([
    ['12', 12],
    ['2,5', 2.5],
    ['2.5', 2.5],
    ['85,25', 85.25],
    [' 80 ', 80],
  ])('%s is %d', (typed, value) => {
    expect(parseDecimal(typed)).toBe(value);
  });

  it.each(['', 'abc', '-3', '2,555', '1e2', '12 h'])('%s is not a number', (typed) => {
    expect(parseDecimal(typed)).toBeUndefined();
  });

  it('checks the range, the exclusive minimum and optional boxes', () => {
    expect(decimalWithin('0', 0, 100, { exclusiveMin: true })).toBe(false);
    expect(decimalWithin('0', 0, 100)).toBe(true);
    expect(decimalWithin('100,01', 0, 100)).toBe(false);
    expect(decimalWithin('', 0, 100, { optional: true })).toBe(true);
    expect(decimalWithin('', 0, 100)).toBe(false);
  });
});

describe('the completion rule, explained as the server applies it', () => {
  it('needs 80 % of 12 hours: 9.6 hours', () => {
    expect(requiredHours(programme)).toBe(9.6);
    expect(requiredHours({ totalHours: 10, minAttendancePercent: 33.33 })).toBe(3.34);
  });

  it('names what is missing, exactly at the boundary', () => {
    const rule = { totalHours: 12, minAttendancePercent: 80, minFinalScore: 70 };
    expect(
      missingConditions(rule, { attendedHours: 9.6, postScore: 70, completed: false }),
    ).toEqual([]);
    expect(
      missingConditions(rule, { attendedHours: 9.59, postScore: 69.99, completed: false }),
    ).toEqual(['attendance', 'final_score_below']);
    expect(
      missingConditions(rule, { attendedHours: 12, postScore: null, completed: false }),
    ).toEqual(['final_score_missing']);
    expect(
      missingConditions(
        { ...rule, minFinalScore: null },
        { attendedHours: 8, postScore: null, completed: false },
      ),
    ).toEqual(['attendance']);
  });

  it('explains nothing for someone the server says completed', () => {
    expect(
      missingConditions(programme, { attendedHours: 0, postScore: null, completed: true }),
    ).toEqual([]);
  });
});

describe('the attendance sheet', () => {
  const roster = [enrolment('a'), enrolment('b'), enrolment('c')];

  it('starts from what was saved, absent when nothing was', () => {
    const saved = savedMarks(roster, {
      sessionId: 's1',
      entries: [{ participantId: 'b', present: true }],
      present: 1,
      absent: 0,
      recordedAt: '2026-03-02T10:00:00Z',
    });
    expect(saved).toEqual({ a: false, b: true, c: false });
    expect(presentCount(saved)).toBe(1);
    const marks = allPresent(saved);
    expect(changedCount(saved, marks)).toBe(2);
    expect(sheetOf(roster, marks).entries).toEqual([
      { participantId: 'a', present: true },
      { participantId: 'b', present: true },
      { participantId: 'c', present: true },
    ]);
  });

  it('lists people by name, erased ones last', () => {
    const people = [
      enrolment('1', { fullName: 'Zoila' }),
      enrolment('2', { fullName: null, erased: true }),
      enrolment('3', { fullName: 'Álvaro' }),
    ];
    expect(sheetOrder(people, 'es-EC').map((p) => p.participantId)).toEqual(['3', '1', '2']);
  });

  it("knows Ecuador's day", () => {
    expect(todayInEcuador(new Date('2026-03-02T03:00:00Z'))).toBe('2026-03-01');
  });
});

describe('the score grid sends only what changed', () => {
  const roster = [
    enrolment('a', { preScore: 50, postScore: 80 }),
    enrolment('b', { preScore: null, postScore: null }),
  ];

  it('compares by value, clears an emptied box, refuses an unreadable one', () => {
    const texts = scoreTexts(roster, ',');
    expect(texts).toEqual({ a: { pre: '50', post: '80' }, b: { pre: '', post: '' } });
    expect(scoreEntries(roster, { ...texts, a: { pre: '50,00', post: '80' } })).toEqual([]);
    expect(
      scoreEntries(roster, { a: { pre: '50', post: '' }, b: { pre: '40,5', post: '' } }),
    ).toEqual([
      { participantId: 'a', postScore: null },
      { participantId: 'b', preScore: 40.5 },
    ]);
    expect(scoreEntries(roster, { ...texts, b: { pre: '101', post: '' } })).toBeNull();
  });
});

describe('the programme editor', () => {
  it('starts with the usual 80 % and no final score', () => {
    const empty = emptyProgrammeForm();
    expect(empty.minAttendancePercent).toBe('80');
    expect(empty.minFinalScore).toBe('');
    expect(ProgrammeForm.safeParse(empty).success).toBe(false);
  });

  it('sends numbers as numbers and no province as null', () => {
    const values = {
      ...programmeFormOf(programme, ','),
      province: 'none',
      totalHours: '12,5',
      minFinalScore: '',
      partnerInstitution: '  ',
    };
    expect(ProgrammeForm.safeParse(values).success).toBe(true);
    expect(toNewProgramme(values)).toMatchObject({
      totalHours: 12.5,
      minAttendancePercent: 80,
      minFinalScore: null,
      province: null,
      partnerInstitution: null,
    });
  });

  it('sends only the fields changed, with the version read', () => {
    const same = programmeFormOf(programme, ',');
    expect(toProgrammeChange(programme, same)).toBeNull();
    expect(
      toProgrammeChange(programme, {
        ...same,
        targetSectors: ['justice', 'health'],
        minAttendancePercent: '75,5',
      }),
    ).toEqual({ version: 3, minAttendancePercent: 75.5 });
  });
});

describe('the session form', () => {
  const session: Session = {
    id: 's1',
    programmeId: 'p1',
    startsAt: startsAtOf('2026-03-10', '09:30'),
    date: '2026-03-10',
    hours: 4,
    place: 'Aula 3',
    link: null,
    trainers: ['Ana Ruiz'],
    attendanceRecorded: false,
    presentCount: 0,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    version: 2,
  };
  const values = {
    date: '2026-03-10',
    time: '09:30',
    hours: '4',
    place: 'Aula 3',
    link: '',
    trainers: 'Ana Ruiz',
  };

  it('asks for a place or a link, an https link, a day within the programme', () => {
    const schema = sessionSchema(programme);
    const codes = (v: typeof values) => {
      const result = schema.safeParse(v);
      return result.success ? [] : result.error.issues.map((i) => i.message);
    };
    expect(codes(values)).toEqual([]);
    expect(codes({ ...values, place: '' })).toEqual(['place_or_link']);
    expect(codes({ ...values, link: 'http://aula.example.ec' })).toEqual(['link_https']);
    expect(codes({ ...values, date: '2026-04-01' })).toEqual(['outside_programme_period']);
    expect(codes({ ...values, hours: '25' })).toEqual(['session_hours']);
  });

  it('reads trainers one per line and sends only what changed', () => {
    expect(trainersOf(' Ana Ruiz \n\nLuis Pozo\nAna Ruiz')).toEqual(['Ana Ruiz', 'Luis Pozo']);
    expect(toSessionChange(session, values)).toBeNull();
    expect(
      toSessionChange(session, { ...values, hours: '4,5', trainers: 'Ana Ruiz\nLuis Pozo' }),
    ).toEqual({
      version: 2,
      hours: 4.5,
      trainers: ['Ana Ruiz', 'Luis Pozo'],
    });
  });
});

describe('labels', () => {
  const locale = (language: string) =>
    JSON.parse(
      fs.readFileSync(
        path.resolve(__dirname, `../../client/src/features/trainings/locales/${language}.json`),
        'utf8',
      ),
    ) as { sector: Record<string, string>; modality: Record<string, string> };
  const document = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '../../client/src/api/openapi.json'), 'utf8'),
  ) as { components: { schemas: Record<string, { enum?: string[] }> } };

  it.each(['es', 'en'])('every sector and modality the API sends has a label (%s)', (language) => {
    const labels = locale(language);
    const sectors = document.components.schemas.TrainingSector?.enum ?? [];
    const modalities = document.components.schemas.TrainingModality?.enum ?? [];
    expect(sectors.length).toBeGreaterThan(0);
    expect([...sectors].sort()).toEqual([...SECTORS].sort());
    expect([...modalities].sort()).toEqual([...MODALITIES].sort());
    for (const code of sectors) expect(labels.sector[code]).toBeTruthy();
    for (const code of modalities) expect(labels.modality[code]).toBeTruthy();
  });
});
