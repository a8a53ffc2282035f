import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import {
  createEntry,
  createManualValue,
  createProgram,
  createProject,
  createTarget,
  NewBudgetEntry,
  NewManualValue,
  NewProgram,
  NewProject,
  NewTarget,
  type TargetsDeps,
} from '../targets';
import type { DemoCoordinators } from './demo-coordinators';
import type { DemoPartDeps } from './demo-deps';
import { DEMO_UNIVERSITY } from './demo-training';
import * as repo from './demo.repository';
import { inOneTransaction } from './shared-transaction';

/**
 * The demo plan of the current year, written in one transaction by the
 * second demo coordinator through the targets module's use cases: a program
 * with two projects and their executing units, each with its coded budget
 * and the amounts accrued so far this year, and targets whose executed
 * values Amparo computes from the records (people trained and certified,
 * training hours, campaign activities, people reached) plus one manual
 * target with a value entered for the first quarter. Nothing when a program
 * of its code exists.
 */

export const DEMO_PROGRAM_CODE = 'DEMO-1';

type Definition = Omit<NewTarget, 'projectId' | 'year' | 'programmedByQuarter' | 'planObjective'>;

interface DemoProject {
  code: string;
  name: string;
  executingUnits: string[];
  coded: string;
  /** Three amounts, accrued on the calendar's accrual days. */
  accrued: [string, string, string];
  targets: Definition[];
}

const TRAINING_UNITS = ['Dirección de Seguridad Ciudadana', DEMO_UNIVERSITY];
const PREVENTION_UNITS = ['Unidad de Prevención'];

const PROJECTS: DemoProject[] = [
  {
    code: 'DEMO-1.1',
    name: 'Capacitación especializada a servidores públicos',
    executingUnits: TRAINING_UNITS,
    coded: '25000.00',
    accrued: ['6200.00', '5125.50', '7125.25'],
    targets: [
      {
        description: 'Capacitar a servidores de seguridad, justicia, salud, educación y otros',
        indicator: 'Servidores públicos que completaron la capacitación',
        unitOfMeasure: 'personas',
        programmed: '30',
        executingUnits: TRAINING_UNITS,
        resultsDescription: 'Primera cohorte del programa con la universidad (demo).',
        measure: { kind: 'people_trained', filters: {} },
      },
      {
        description: 'Certificar a los servidores que aprueban la capacitación',
        indicator: 'Servidores públicos certificados',
        unitOfMeasure: 'personas',
        programmed: '25',
        executingUnits: TRAINING_UNITS,
        resultsDescription: null,
        measure: { kind: 'people_certified', filters: {} },
      },
      {
        description: 'Impartir horas de formación especializada',
        indicator: 'Horas de capacitación impartidas',
        unitOfMeasure: 'horas',
        programmed: '40',
        executingUnits: TRAINING_UNITS,
        resultsDescription: null,
        measure: { kind: 'training_hours_delivered', filters: {} },
      },
      {
        description: 'Articular la respuesta con las instituciones de la red',
        indicator: 'Mesas técnicas interinstitucionales realizadas',
        unitOfMeasure: 'mesas',
        programmed: '4',
        executingUnits: ['Dirección de Seguridad Ciudadana'],
        resultsDescription: 'Mesas con fiscalía, salud y educación (demo).',
        measure: { kind: 'manual', filters: {} },
      },
    ],
  },
  {
    code: 'DEMO-1.2',
    name: 'Campañas de prevención en territorio',
    executingUnits: PREVENTION_UNITS,
    coded: '12000.00',
    accrued: ['3150.00', '2480.40', '1995.60'],
    targets: [
      {
        description: 'Realizar actividades de prevención en territorio',
        indicator: 'Actividades de campaña realizadas',
        unitOfMeasure: 'actividades',
        programmed: '8',
        executingUnits: PREVENTION_UNITS,
        resultsDescription: null,
        measure: { kind: 'campaign_activities_held', filters: {} },
      },
      {
        description: 'Llegar a la población con mensajes de prevención',
        indicator: 'Personas alcanzadas por las campañas',
        unitOfMeasure: 'personas',
        programmed: '5000',
        executingUnits: PREVENTION_UNITS,
        resultsDescription: 'Colegios, terminales, redes sociales y zonas de frontera (demo).',
        measure: { kind: 'people_reached', filters: {} },
      },
    ],
  },
];

export async function ensureDemoPlan(
  deps: DemoPartDeps,
  { planner }: DemoCoordinators,
): Promise<{ added: boolean }> {
  return inOneTransaction(deps.store, async (store) => {
    const existing = await inActorTransaction(store, planner, (trx) =>
      repo.planProgramCoded(trx, DEMO_PROGRAM_CODE),
    );
    if (existing) return { added: false };
    const targets: TargetsDeps = { store, clock: deps.clock };
    const program = await createProgram(
      targets,
      planner,
      NewProgram.parse({
        code: DEMO_PROGRAM_CODE,
        name: 'Prevención y atención integral de la trata de personas (demo)',
        planObjective:
          'Objetivo 2 del Plan cantonal de seguridad: atención oportuna y especializada a ' +
          'las víctimas (demo)',
      }),
    );
    for (const project of PROJECTS) {
      await addProject(targets, planner, deps.calendar, program.id, project);
    }
    return { added: true };
  });
}

async function addProject(
  targets: TargetsDeps,
  planner: StaffActor,
  calendar: DemoPartDeps['calendar'],
  programId: string,
  project: DemoProject,
): Promise<void> {
  const { id } = await createProject(
    targets,
    planner,
    NewProject.parse({
      programId,
      code: project.code,
      name: project.name,
      executingUnits: project.executingUnits,
    }),
  );
  const entry = (kind: 'codificado' | 'devengado', date: string, amount: string, note: string) =>
    createEntry(targets, planner, id, NewBudgetEntry.parse({ kind, date, amount, note }));
  await entry('codificado', calendar.codedOn, project.coded, 'Asignación inicial del año (demo)');
  for (const [i, amount] of project.accrued.entries()) {
    await entry('devengado', calendar.accruedOn[i]!, amount, 'Planilla de gasto (demo)');
  }
  for (const definition of project.targets) {
    const target = await createTarget(
      targets,
      planner,
      NewTarget.parse({ ...definition, projectId: id, year: calendar.year }),
    );
    if (definition.measure.kind === 'manual') {
      await createManualValue(
        targets,
        planner,
        target.id,
        NewManualValue.parse({ quarter: 1, value: '2', note: 'Actas de las mesas (demo)' }),
      );
    }
  }
}
