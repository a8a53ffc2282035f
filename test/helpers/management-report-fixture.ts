import {
  assembleSnapshot,
  type SnapshotInputs,
} from '../../server/modules/management-reports/report-assembly';
import type { ManagementReportSnapshot } from '../../server/modules/management-reports/report-snapshot';

/*
 * A management report's figures chosen to test rounding and formatting:
 * 4884 of 5500 is 88.8 % exactly; 1 of 3 is 33.333… (→ 33,33 %); 2 of 3 is
 * 66.666… (→ 66,67 %, rounded up); 1 of 160 is 0.625 % (→ 0,63 %: half up,
 * where banker's rounding would give 0,62 %);
 * amounts in the thousands and millions get their separators; one target is
 * over 100 %, one has nothing programmed (no percentage).
 */
export function fixtureInputs(overrides: Partial<SnapshotInputs> = {}): SnapshotInputs {
  return {
    status: 'draft',
    period: { year: 2026, quarter: 2 },
    figuresAsOf: new Date('2026-07-15T15:30:00Z'),
    institutionName: 'Secretaría de Seguridad Ciudadana de Quitumbe',
    programs: [
      {
        code: 'P1',
        name: 'Prevención y atención de la trata de personas',
        projects: [
          {
            code: 'P1.1',
            name: 'Capacitación especializada a funcionarios',
            coded: '5500.00',
            accrued: '4884.00',
            targets: [
              {
                description: 'Capacitar a servidores de justicia, salud y educación',
                indicator: 'Personas capacitadas y certificadas',
                unit: 'personas',
                programmed: '120',
                executed: '40',
                executingUnits: ['Dirección de Seguridad', 'Universidad Central'],
                results: 'Tres cohortes completaron el programa; la cuarta inicia en julio.',
                planAlignment: 'Objetivo 2 del Plan cantonal de seguridad: atención oportuna',
                source: 'computed',
                quarters: [
                  { quarter: 1, executed: '15' },
                  { quarter: 2, executed: '25' },
                ],
              },
              {
                description: 'Horas de formación impartidas',
                indicator: 'Horas de capacitación',
                unit: 'horas',
                programmed: '3',
                executed: '2',
                executingUnits: ['Dirección de Seguridad'],
                results: null,
                planAlignment: null,
                source: 'computed',
                quarters: [],
              },
            ],
          },
          {
            code: 'P1.2',
            name: 'Campañas de prevención en territorio',
            coded: '1234567.89',
            accrued: '1000000.01',
            targets: [
              {
                description: 'Personas alcanzadas por las campañas',
                indicator: 'Personas alcanzadas',
                unit: 'personas',
                programmed: '1000',
                executed: '1250',
                executingUnits: ['Unidad de Prevención'],
                results: 'Se superó la meta por la feria provincial de mayo.',
                planAlignment: 'Objetivo 1: prevención',
                source: 'computed',
                quarters: [],
              },
              {
                description: 'Informe de articulación interinstitucional',
                indicator: 'Mesas técnicas realizadas',
                unit: 'mesas',
                programmed: '0',
                executed: '1',
                executingUnits: [],
                results: null,
                planAlignment: null,
                source: 'manual',
                quarters: [],
              },
            ],
          },
        ],
      },
      {
        code: null,
        name: 'Fortalecimiento institucional',
        projects: [
          {
            code: 'P2.1',
            name: 'Sistema de información',
            coded: '160.00',
            accrued: '1.00',
            targets: [],
          },
        ],
      },
    ],
    trainings: {
      programmes: 2,
      sessions: 14,
      hoursDelivered: '42.5',
      enrolled: 3,
      trained: 2,
      certified: 1,
      averageKnowledgeGain: '17.35',
      bySector: [
        { sector: 'justice', enrolled: 1, trained: 1 },
        { sector: 'health', enrolled: 1, trained: 0 },
        { sector: 'security', enrolled: 1, trained: 1 },
      ],
    },
    campaigns: {
      campaigns: 2,
      activities: 5,
      peopleReached: 1250,
      byGroup: [
        { group: 'woman', reached: 700 },
        { group: 'general_public', reached: 550 },
      ],
      byProvince: [
        { province: 'Pichincha', reached: 1000 },
        { province: 'Santo Domingo de los Tsáchilas', reached: 250 },
      ],
    },
    releases: [
      {
        id: '3f1c2a4e-5b6d-4c7e-8f90-a1b2c3d4e5f6',
        tableId: 'victims_by_sex_age_group',
        title: 'Víctimas por sexo y edad',
        period: { year: 2026, quarter: 1 },
        publishedOn: '2026-04-20',
        path: '/observatorio/3f1c2a4e-5b6d-4c7e-8f90-a1b2c3d4e5f6',
      },
    ],
    texts: {
      conclusions:
        'El programa avanzó según lo previsto en capacitación.\n\nLas campañas superaron su meta.',
      recommendations: 'Ampliar la cobertura a Santo Domingo de los Tsáchilas.',
      challenges: '',
    },
    preparedBy: { name: 'Ana Quishpe', role: 'coordinator', on: '2026-07-10' },
    reviewedBy: null,
    approvedBy: null,
    ...overrides,
  };
}

export function fixtureSnapshot(overrides: Partial<SnapshotInputs> = {}): ManagementReportSnapshot {
  return assembleSnapshot(fixtureInputs(overrides));
}
