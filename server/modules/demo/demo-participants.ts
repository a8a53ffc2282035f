import type { NewParticipant } from '../trainings';
import { SESSION_COUNT } from './demo-dates';

/**
 * The demo programme's 24 participants: staff of fictional institutions of
 * seven sectors in six provinces. Names are given names with made-up
 * surnames nobody carries (Ejemplo, Simulacro…), e-mails are at example.org.
 * How each took part: the sessions they missed (of SESSION_COUNT, 4 hours
 * each; 80 % of the hours completes) and their scores (70 or more after
 * completes): 19 complete; four missed too many sessions, one scored too low.
 */

type Sector = NewParticipant['sector'];
type Province = NonNullable<NewParticipant['province']>;

interface Workplace {
  institution: string;
  sector: Sector;
  province: Province;
  position: string;
}

const WORKPLACES: Workplace[] = [
  {
    institution: 'Policía Nacional, Unidad contra la Trata (demo)',
    sector: 'security',
    province: 'Pichincha',
    position: 'Agente de investigación',
  },
  {
    institution: 'Fiscalía Provincial (demo)',
    sector: 'justice',
    province: 'Guayas',
    position: 'Asistente de fiscalía',
  },
  {
    institution: 'Hospital General Municipal (demo)',
    sector: 'health',
    province: 'Pichincha',
    position: 'Trabajadora social sanitaria',
  },
  {
    institution: 'Dirección Distrital de Inclusión Social (demo)',
    sector: 'social_protection',
    province: 'Azuay',
    position: 'Técnica de protección especial',
  },
  {
    institution: 'Unidad Educativa Fiscal (demo)',
    sector: 'education',
    province: 'Imbabura',
    position: 'Consejera estudiantil',
  },
  {
    institution: 'Inspectoría del Trabajo (demo)',
    sector: 'labour',
    province: 'Manabí',
    position: 'Inspector de trabajo',
  },
  {
    institution: 'Oficina de Movilidad Humana (demo)',
    sector: 'migration',
    province: 'Sucumbíos',
    position: 'Analista de movilidad humana',
  },
  {
    institution: 'Consejo de Protección de Derechos (demo)',
    sector: 'social_protection',
    province: 'Guayas',
    position: 'Secretaria técnica',
  },
];

const GIVEN_NAMES = [
  'Andrea',
  'Bruno',
  'Carla',
  'Diego',
  'Elena',
  'Fabián',
  'Gabriela',
  'Hugo',
  'Inés',
  'Jorge',
  'Karina',
  'Luis',
  'Mariela',
  'Nicolás',
  'Olga',
  'Pablo',
  'Queta',
  'Rafael',
  'Sofía',
  'Tomás',
  'Úrsula',
  'Víctor',
  'Ximena',
  'Yolanda',
];

const SURNAMES = ['Ejemplo', 'Demostración', 'Prueba', 'Muestra', 'Ensayo', 'Simulacro'];

export interface DemoParticipant {
  input: NewParticipant;
  /** Indexes of the sessions they missed. */
  missed: number[];
  preScore: number;
  postScore: number;
}

/** Who does not complete: four by attendance (the indexes), one by the final score. */
const MISSED_TOO_MANY: Record<number, number[]> = {
  5: [1, 3],
  11: [0, 2, 4],
  17: [2, 3],
  22: [1, 2, 3],
};
const LOW_SCORE = 14;

const ascii = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export const DEMO_PARTICIPANTS: DemoParticipant[] = GIVEN_NAMES.map((given, i) => {
  const surname = SURNAMES[i % SURNAMES.length]!;
  const second = SURNAMES[(i + 3) % SURNAMES.length]!;
  const place = WORKPLACES[i % WORKPLACES.length]!;
  // One session missed now and then: 16 of 20 hours still completes.
  const missed = MISSED_TOO_MANY[i] ?? (i % 4 === 1 ? [i % SESSION_COUNT] : []);
  const preScore = 40 + ((i * 7) % 25);
  const postScore = i === LOW_SCORE ? 64 : 72 + ((i * 5) % 24);
  return {
    input: {
      fullName: `${given} ${surname} ${second}`,
      workEmail: `${ascii(given)}.${ascii(surname)}@example.org`,
      position: place.position,
      institutionName: place.institution,
      sector: place.sector,
      province: place.province,
    },
    missed,
    preScore,
    postScore,
  };
});
