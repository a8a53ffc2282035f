import { randomBytes } from 'node:crypto';
import type { SessionClient } from './session-client';

/**
 * Fixtures of targets and budget (test/api/targets*.test.ts, budget*.test.ts;
 * the management report's tests too): bodies as a coordinator sends them,
 * and helpers that create through the API (so every row is audited like a
 * real one). Amounts and values are decimal strings, never JSON numbers.
 */

export const PLAN = '/api/v1/plan';
export const BUDGET = '/api/v1/budget';
export const TARGETS = '/api/v1/targets';

const unique = () => randomBytes(3).toString('hex');

export const programBody = (over: Record<string, unknown> = {}) => ({
  code: `P-${unique()}`,
  name: 'Prevención y atención a víctimas de trata',
  planObjective: 'Objetivo 3 del PDOT: garantizar una vida libre de violencia',
  ...over,
});

export const projectBody = (programId: string, over: Record<string, unknown> = {}) => ({
  programId,
  code: `PR-${unique()}`,
  name: 'Formación especializada a operadores de justicia, salud y educación',
  executingUnits: ['Dirección de Seguridad Ciudadana'],
  ...over,
});

export const targetBody = (projectId: string, over: Record<string, unknown> = {}) => ({
  projectId,
  year: 2025,
  description: 'Capacitar a servidores públicos en atención especializada a víctimas',
  indicator: 'Número de servidores capacitados',
  unitOfMeasure: 'personas',
  programmed: '1000',
  executingUnits: ['Dirección de Seguridad Ciudadana'],
  measure: { kind: 'manual' },
  ...over,
});

export const entryBody = (over: Record<string, unknown> = {}) => ({
  kind: 'codificado',
  date: '2025-01-02',
  amount: '5500.00',
  ...over,
});

interface Created {
  id: string;
  version: number;
}

async function created<T extends Created>(
  res: Promise<{ status: number; body: unknown }>,
  what: string,
): Promise<T> {
  const answer = await res;
  if (answer.status !== 201) {
    throw new Error(`creating ${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body as T;
}

export const createProgram = (client: SessionClient, over: Record<string, unknown> = {}) =>
  created<Created & { code: string }>(
    client.post(`${PLAN}/programs`, programBody(over)),
    'a program',
  );

export const createProject = (
  client: SessionClient,
  programId: string,
  over: Record<string, unknown> = {},
) =>
  created<Created & { code: string; programId: string }>(
    client.post(`${PLAN}/projects`, projectBody(programId, over)),
    'a project',
  );

export interface TargetRead extends Created {
  projectId: string;
  year: number;
  programmed: string;
  measure: { kind: string; filters: Record<string, string[]> };
  progress: {
    /** null: pending (a case-work measure before its first quarter has ended). */
    executed: string | null;
    progressPercent: string | null;
    executedThrough: number | null;
    filtersMissing: boolean;
    quarters: {
      quarter: number;
      programmed: string | null;
      executed: string | null;
      progressPercent: string | null;
    }[];
  };
  manualValues: { id: string; quarter: number; value: string; current: boolean }[];
}

export const createTarget = (
  client: SessionClient,
  projectId: string,
  over: Record<string, unknown> = {},
) => created<TargetRead>(client.post(TARGETS, targetBody(projectId, over)), 'a target');

/** A program with one project; their ids. */
export async function createPlan(client: SessionClient) {
  const program = await createProgram(client);
  const project = await createProject(client, program.id);
  return { programId: program.id, projectId: project.id };
}

export async function addEntry(
  client: SessionClient,
  projectId: string,
  over: Record<string, unknown> = {},
) {
  const res = await client.post(`${BUDGET}/projects/${projectId}/entries`, entryBody(over));
  if (res.status !== 201)
    throw new Error(`budget entry: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { entries: { id: string }[] };
}

export async function addManualValue(
  client: SessionClient,
  targetId: string,
  quarter: number,
  value: string,
  note?: string,
) {
  const res = await client.post(`${TARGETS}/${targetId}/manual-values`, {
    quarter,
    value,
    ...(note ? { note } : {}),
  });
  if (res.status !== 201)
    throw new Error(`manual value: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as TargetRead;
}

/**
 * A whole year's plan for a management report, through the API: one program
 * ("P-01") with one project ("P-01.1") budgeted USD 5.500,00 coded then
 * reformed to 10.000,00, with 8.880,00 accrued (88,80 %), and one manual
 * target of 1000 people programmed 250 a quarter, 888 executed (88,80 %).
 * Returns the ids and the figures the report must show.
 */
export async function seedManagementYear(client: SessionClient, year = 2025) {
  const program = await createProgram(client, { code: `P-01-${unique()}` });
  const project = await createProject(client, program.id, { code: 'P-01.1' });
  await addEntry(client, project.id, {
    kind: 'codificado',
    date: `${year}-01-02`,
    amount: '5500.00',
  });
  await addEntry(client, project.id, {
    kind: 'codificado',
    date: `${year}-06-15`,
    amount: '10000.00',
    note: 'Reforma presupuestaria de junio',
  });
  await addEntry(client, project.id, {
    kind: 'devengado',
    date: `${year}-03-31`,
    amount: '2000.10',
  });
  await addEntry(client, project.id, {
    kind: 'devengado',
    date: `${year}-09-30`,
    amount: '6879.90',
  });
  const target = await createTarget(client, project.id, {
    year,
    programmedByQuarter: ['250', '250', '250', '250'],
  });
  for (const [quarter, value] of [
    [1, '200'],
    [2, '250'],
    [3, '238'],
    [4, '200'],
  ] as const) {
    await addManualValue(client, target.id, quarter, value);
  }
  return {
    programId: program.id,
    projectId: project.id,
    targetId: target.id,
    expected: {
      coded: '10000.00',
      accrued: '8880.00',
      executionPercent: '88.80',
      programmed: '1000.00',
      executed: '888.00',
      progressPercent: '88.80',
    },
  };
}
