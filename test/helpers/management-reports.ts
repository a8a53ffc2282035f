import { randomBytes, randomUUID } from 'node:crypto';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import type { TestApp } from './app';
import type { SessionClient } from './session-client';
import { asSuperuser } from './superuser';

/*
 * Fixtures of the management reports' tests: the records a report counts,
 * made through the other modules' APIs where they have one (plan, budget,
 * targets, campaigns) and written straight into the trainings' tables
 * otherwise (their API is the trainings helper's to test; a participant's
 * identity is never read here, so its ciphertext is random bytes).
 */

export const REPORTS = '/api/v1/management-reports';

/** Last year in Ecuador: every date of it is in the past (budget entries may not be in the future). */
export const YEAR =
  Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil', year: 'numeric' }).format(
      new Date(),
    ),
  ) - 1;
export const day = (monthDay: string) => `${YEAR}-${monthDay}`;

export async function renameUser(t: TestApp, id: string, displayName: string): Promise<void> {
  await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
    trx.updateTable('users').set({ display_name: displayName }).where('id', '=', id).execute(),
  );
}

async function created(client: SessionClient, path: string, body: object): Promise<string> {
  const res = await client.post(path, body);
  if (res.status !== 201) {
    throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return (res.body as { id: string }).id;
}

export interface PlanIds {
  program: string;
  training: string;
  campaigns: string;
}

/**
 * Program P-1 with two projects: P-1.1 (codificado 5 500,00; devengado
 * 1 000,00 in Q1 and 3 884,00 in Q2) and P-1.2 (codificado 1 234 567,89;
 * devengado 1 000 000,01 in Q1); a target of people trained (programmed 3)
 * and one of people reached (programmed 1 000).
 */
export async function seedPlan(client: SessionClient): Promise<PlanIds> {
  const program = await created(client, '/api/v1/plan/programs', {
    code: 'P-1',
    name: 'Prevención y atención de la trata de personas',
    planObjective: 'Objetivo 2 del Plan cantonal: atención oportuna',
  });
  const training = await created(client, '/api/v1/plan/projects', {
    programId: program,
    code: 'P-1.1',
    name: 'Capacitación especializada',
    executingUnits: ['Dirección de Seguridad'],
  });
  const campaigns = await created(client, '/api/v1/plan/projects', {
    programId: program,
    code: 'P-1.2',
    name: 'Campañas de prevención',
    executingUnits: ['Unidad de Prevención'],
  });
  const entry = (project: string, kind: string, date: string, amount: string) =>
    created(client, `/api/v1/budget/projects/${project}/entries`, { kind, date, amount });
  await entry(training, 'codificado', day('01-10'), '5500.00');
  await entry(training, 'devengado', day('02-01'), '1000.00');
  await entry(training, 'devengado', day('05-01'), '3884.00');
  await entry(campaigns, 'codificado', day('01-10'), '1234567.89');
  await entry(campaigns, 'devengado', day('03-15'), '1000000.01');
  await created(client, '/api/v1/targets', {
    projectId: training,
    year: YEAR,
    description: 'Capacitar a servidores de justicia, salud y seguridad',
    indicator: 'Personas capacitadas',
    unitOfMeasure: 'personas',
    programmed: '3',
    executingUnits: ['Dirección de Seguridad', 'Universidad Central'],
    resultsDescription: 'Una cohorte completó el programa.',
    measure: { kind: 'people_trained', filters: {} },
  });
  await created(client, '/api/v1/targets', {
    projectId: campaigns,
    year: YEAR,
    description: 'Llegar a la población con mensajes de prevención',
    indicator: 'Personas alcanzadas',
    unitOfMeasure: 'personas',
    programmed: '1000',
    executingUnits: ['Unidad de Prevención'],
    measure: { kind: 'people_reached', filters: {} },
  });
  return { program, training, campaigns };
}

/** A campaign with two activities: 800 people in Q1 (Pichincha), 450 in Q2 (Guayas). */
export async function seedCampaign(client: SessionClient): Promise<string> {
  const campaign = await created(client, '/api/v1/campaigns', {
    name: 'Rutas seguras',
    objective: 'Prevenir la captación en terminales terrestres.',
    targetTerritories: ['Pichincha', 'Guayas'],
    targetGroups: ['migrant', 'woman'],
    channels: ['radio', 'transport_terminals'],
    startsOn: day('03-01'),
    endsOn: day('12-31'),
    budgetUsd: 12500.5,
    plannedReach: { total: 2000, byTerritoryGroup: [] },
  });
  await created(client, `/api/v1/campaigns/${campaign}/activities`, {
    date: day('03-10'),
    territory: 'Pichincha',
    channel: 'radio',
    reach: [
      { group: 'woman', count: 500 },
      { group: 'general_public', count: 300 },
    ],
  });
  await created(client, `/api/v1/campaigns/${campaign}/activities`, {
    date: day('04-20'),
    territory: 'Guayas',
    channel: 'transport_terminals',
    reach: [{ group: 'migrant', count: 450 }],
  });
  return campaign;
}

const hex = (bytes: number) => `'\\x${randomBytes(bytes).toString('hex')}'::bytea`;

/**
 * A programme ending on 30 June: 10 hours in two sessions of 5; three
 * participants (justice, health, security): the first and third attend both
 * (completed), the second one (not completed); scores 40 → 60 and 50 → 55
 * (a mean gain of 12,50 points), none for the third. The first holds a
 * certificate issued on 1 July.
 */
export async function seedTraining(t: TestApp, coordinatorId: string): Promise<void> {
  const programme = randomUUID();
  const sessions = [randomUUID(), randomUUID()];
  const people = [randomUUID(), randomUUID(), randomUUID()];
  const sectors = ['justice', 'health', 'security'];
  const scores = [
    ['40', '60'],
    ['50', '55'],
    [null, null],
  ];
  const attended = [
    [true, true],
    [true, false],
    [true, true],
  ];
  const statements = [
    `insert into training_programmes (id, name, topic, target_sectors, modality, total_hours,
       starts_on, ends_on, created_by)
     values ('${programme}', 'Atención especializada', 'Trata de personas',
       array['justice','health','security'], 'in_person', 10, '${day('06-01')}', '${day('06-30')}',
       '${coordinatorId}')`,
    ...sessions.map(
      (id, i) =>
        `insert into training_sessions (id, programme_id, starts_at, hours)
         values ('${id}', '${programme}', '${day(`06-${10 + i}`)}T15:00:00Z', 5)`,
    ),
    ...people.map(
      (id, i) =>
        `insert into training_participants (id, institution_name, sector, province, full_name_enc,
           key_kek_version, key_wrapped, keep_until, created_by)
         values ('${id}', 'Institución ${i}', '${sectors[i]}', 'Pichincha', ${hex(32)}, 1, ${hex(40)},
           '${YEAR + 5}-12-31', '${coordinatorId}')`,
    ),
    ...people.map((id, i) => {
      const [pre, post] = scores[i] ?? [null, null];
      return `insert into training_enrolments (programme_id, participant_id, pre_score, post_score, enrolled_by)
         values ('${programme}', '${id}', ${pre ?? 'null'}, ${post ?? 'null'}, '${coordinatorId}')`;
    }),
    ...people.flatMap((id, i) =>
      sessions.map(
        (session, j) =>
          `insert into training_attendance (session_id, participant_id, programme_id, present, recorded_by)
           values ('${session}', '${id}', '${programme}', ${attended[i]?.[j] ?? false}, '${coordinatorId}')`,
      ),
    ),
    `insert into training_certificates (programme_id, participant_id, code_digest, code_enc,
       holder_name_enc, programme_name, total_hours, starts_on, ends_on, issuing_institutions,
       issued_at, issued_by)
     values ('${programme}', '${people[0]}', ${hex(32)}, ${hex(40)}, ${hex(40)}, 'Atención especializada',
       10, '${day('06-01')}', '${day('06-30')}', array['Agencia líder de prueba'],
       '${day('07-01')}T15:00:00Z', '${coordinatorId}')`,
  ];
  await asSuperuser(t.database, statements.join(';\n'));
}
