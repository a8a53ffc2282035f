import { inActorTransaction } from '../../db/actor-transaction';
import {
  createReport,
  NewManagementReport,
  reviewReport,
  type ManagementReportsDeps,
} from '../management-reports';
import { managementFigures } from '../targets';
import type { DemoCoordinators } from './demo-coordinators';
import type { DemoPartDeps } from './demo-deps';
import * as repo from './demo.repository';
import { inOneTransaction } from './shared-transaction';

/**
 * The management report of the current year as a draft: prepared by the
 * first demo coordinator with short conclusions, recommendations and
 * challenges, reviewed by the second (a review may come before the year
 * ends), left for a third coordinator to approve once the year has ended
 * (0029: three signers; no approval before the period ends). Its figures
 * are the records' (computed live while it is a draft). Nothing when the
 * year has a yearly report already, or the demo report exists (of an
 * earlier year).
 */

const TEXTS = {
  conclusions:
    'La primera cohorte del programa de capacitación, dictada con la universidad, completó ' +
    'la formación con buena asistencia y una mejora clara entre la evaluación inicial y la ' +
    'final.\n\nLa campaña de prevención llegó a colegios, terminales, redes sociales y zonas ' +
    'de frontera. (Datos de demostración.)',
  recommendations:
    'Abrir una segunda cohorte para el sector de trabajo y movilidad humana.\n\nSostener las ' +
    'mesas técnicas trimestrales con fiscalía, salud y educación.',
  challenges:
    'Reducir la inasistencia a las sesiones virtuales y completar el devengado del proyecto ' +
    'de campañas antes del cierre del año fiscal.',
};

export async function ensureDemoReport(
  deps: DemoPartDeps,
  { trainer, planner }: DemoCoordinators,
): Promise<{ reportId: string | undefined; added: boolean }> {
  const { year } = deps.calendar;
  return inOneTransaction(deps.store, async (store) => {
    const existing = await inActorTransaction(store, trainer, (trx) =>
      repo.reportOfYearOrBy(trx, year, trainer.id),
    );
    if (existing) return { reportId: existing, added: false };
    const reports: ManagementReportsDeps = {
      store,
      clock: deps.clock,
      figures: managementFigures,
    };
    const draft = await createReport(
      reports,
      trainer,
      NewManagementReport.parse({ year, quarter: null, ...TEXTS }),
    );
    await reviewReport(reports, planner, draft.id, { version: draft.version });
    return { reportId: draft.id, added: true };
  });
}
