/*
 * The report's words. The files are made on the server, in Spanish (the
 * municipality's language), so the labels of the codes they show live here;
 * test/api/management-report-files.test.ts checks that they say what the
 * client's Spanish locale says for the same codes.
 */

export const SECTION_TITLES = {
  budget: 'Ejecución presupuestaria por programa y proyecto',
  targets: 'Metas por programa y proyecto',
  trainings: 'Capacitaciones',
  campaigns: 'Campañas de prevención',
  releases: 'Estadísticas publicadas',
  conclusions: 'Conclusiones',
  recommendations: 'Recomendaciones',
  challenges: 'Desafíos',
  signatures: 'Elaboración, revisión y aprobación',
} as const;

export const REPORT_TITLE = 'Informe de gestión';
export const DRAFT_MARK = 'BORRADOR';
export const DRAFT_NOTE =
  'BORRADOR — cifras calculadas en el momento de la descarga; no es un informe aprobado';
export const APPROVED_NOTE = (date: string) =>
  `Informe aprobado el ${date}: cifras congeladas a la fecha de aprobación`;

/** Training sectors (migration 0025's TRAINING_SECTORS) and institution sectors. */
export const SECTOR_LABELS: Record<string, string> = {
  security: 'Seguridad',
  justice: 'Justicia',
  health: 'Salud',
  social_protection: 'Protección social',
  education: 'Educación',
  labour: 'Trabajo',
  migration: 'Migración',
  shelter: 'Acogida',
  legal_aid: 'Asistencia jurídica',
  other: 'Otro',
};

/** Campaign reach groups (campaigns.vocabularies.ts REACH_GROUPS). */
export const GROUP_LABELS: Record<string, string> = {
  migrant: 'Persona migrante',
  woman: 'Mujer',
  child_adolescent: 'Niña, niño o adolescente',
  lgbti: 'LGBTI+',
  indigenous: 'Pueblos indígenas',
  disability: 'Persona con discapacidad',
  general_public: 'Público general',
};

/** Statistics tables (statistics/catalogue.ts). */
export const TABLE_TITLES: Record<string, string> = {
  victims_by_quarter_exploitation: 'Víctimas por trimestre y forma de explotación',
  victims_by_sex_age_group: 'Víctimas por sexo y edad',
  victims_by_nationality_exploitation: 'Víctimas por nacionalidad y forma de explotación',
  victims_by_province: 'Víctimas por provincia',
  victims_by_vulnerability_group: 'Víctimas por grupo de atención prioritaria',
  referrals_by_sector_outcome: 'Derivaciones por sector y resultado',
  referrals_acknowledgement_by_sector: 'Derivaciones por sector y tiempo hasta el acuse de recibo',
};

/** Staff roles as a report's signatures name them. */
export const ROLE_LABELS: Record<string, string> = {
  coordinator: 'Coordinador/a',
  supervisor: 'Supervisor/a',
  admin: 'Administrador/a',
  caseworker: 'Trabajador/a social',
  auditor: 'Auditor/a',
};

export const SIGNATURE_LABELS = {
  preparedBy: 'Elaborado por',
  reviewedBy: 'Revisado por',
  approvedBy: 'Aprobado por',
} as const;

/**
 * The trainings' figures (definitions: docs/MANAGEMENT_REPORT.md; the same
 * as the targets' measures people_trained, people_certified and
 * training_hours_delivered).
 */
export const TRAINING_LABELS = {
  programmes: 'Programas de capacitación con sesiones en el periodo',
  sessions: 'Sesiones realizadas (con asistencia registrada)',
  hours: 'Horas de capacitación impartidas',
  enrolled: 'Personas inscritas en programas concluidos en el periodo',
  trained: 'Personas capacitadas (completaron un programa concluido en el periodo)',
  certified: 'Personas certificadas (certificados vigentes emitidos en el periodo)',
  completion: 'Tasa de finalización (capacitadas / inscritas)',
  gain: 'Ganancia media de conocimiento (evaluación final menos inicial, puntos sobre 100)',
} as const;

export const CAMPAIGN_LABELS = {
  campaigns: 'Campañas con actividades en el periodo',
  activities: 'Actividades realizadas',
  reached: 'Personas alcanzadas',
} as const;

export const SOURCE_LABELS = {
  computed: 'Registros de Amparo',
  manual: 'Registro manual',
} as const;

/** A case-work value whose quarter has not ended (docs/TARGETS.md). */
export const PENDING_LABEL = 'pendiente';

/** The source of a target's value, and how far a case-work count reaches. */
export const sourceLabel = (target: {
  source: keyof typeof SOURCE_LABELS;
  executedThrough: number | null;
}) =>
  SOURCE_LABELS[target.source] +
  (target.executedThrough === null ? '' : ` (hasta el trimestre ${target.executedThrough})`);

/** A code's label, or the code itself when none is known (never an empty cell). */
export function labelOf(labels: Record<string, string>, code: string): string {
  return labels[code] ?? code;
}
