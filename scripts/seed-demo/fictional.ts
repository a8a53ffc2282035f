/**
 * The fixed lists the demo data is drawn from. Everything identifying is
 * fictional: names are common given names and surnames combined at random
 * (no list names a real person), identity numbers start with "00" (no
 * Ecuadorian province has that code, so no real cédula looks like them),
 * phone numbers use the area code 00 (not assigned in Ecuador), e-mails are
 * at example.org and .test (reserved, RFC 2606), and every narrative says it
 * is a fictional demonstration case.
 *
 * The distributions are plausible for a municipality's programme in Ecuador
 * (weights, not published figures): sexual exploitation first, then forced
 * labour; about 70 % women and girls; about 30 % children and adolescents;
 * mostly Ecuadorians, then Venezuelans, Colombians and Peruvians.
 */

type Weighted<T> = readonly (readonly [T, number])[];

export interface Province {
  /** The official Spanish name (INEC's spelling). */
  name: string;
  weight: number;
  cantons: readonly string[];
  /** More people of indigenous peoples and nationalities are identified here. */
  indigenous: number;
}

export const PROVINCES: readonly Province[] = [
  {
    name: 'Pichincha',
    weight: 26,
    indigenous: 0.04,
    cantons: ['Quito', 'Cayambe', 'Rumiñahui', 'Mejía', 'Pedro Moncayo'],
  },
  {
    name: 'Guayas',
    weight: 22,
    indigenous: 0.01,
    cantons: ['Guayaquil', 'Durán', 'Samborondón', 'Milagro', 'Daule'],
  },
  {
    name: 'Manabí',
    weight: 7,
    indigenous: 0.01,
    cantons: ['Portoviejo', 'Manta', 'Chone', 'Jipijapa'],
  },
  {
    name: 'El Oro',
    weight: 5,
    indigenous: 0.01,
    cantons: ['Machala', 'Huaquillas', 'Pasaje', 'Santa Rosa'],
  },
  {
    name: 'Sucumbíos',
    weight: 4,
    indigenous: 0.12,
    cantons: ['Lago Agrio', 'Shushufindi', 'Cascales'],
  },
  {
    name: 'Santo Domingo de los Tsáchilas',
    weight: 4,
    indigenous: 0.04,
    cantons: ['Santo Domingo', 'La Concordia'],
  },
  { name: 'Los Ríos', weight: 4, indigenous: 0.01, cantons: ['Babahoyo', 'Quevedo', 'Ventanas'] },
  {
    name: 'Esmeraldas',
    weight: 4,
    indigenous: 0.03,
    cantons: ['Esmeraldas', 'San Lorenzo', 'Quinindé', 'Atacames'],
  },
  { name: 'Imbabura', weight: 3, indigenous: 0.3, cantons: ['Ibarra', 'Otavalo', 'Cotacachi'] },
  { name: 'Azuay', weight: 3, indigenous: 0.05, cantons: ['Cuenca', 'Gualaceo', 'Santa Isabel'] },
  {
    name: 'Carchi',
    weight: 2.5,
    indigenous: 0.04,
    cantons: ['Tulcán', 'San Pedro de Huaca', 'Montúfar'],
  },
  {
    name: 'Tungurahua',
    weight: 2,
    indigenous: 0.15,
    cantons: ['Ambato', 'Baños de Agua Santa', 'San Pedro de Pelileo'],
  },
  {
    name: 'Chimborazo',
    weight: 2,
    indigenous: 0.4,
    cantons: ['Riobamba', 'Colta', 'Guamote', 'Alausí'],
  },
  { name: 'Cotopaxi', weight: 2, indigenous: 0.3, cantons: ['Latacunga', 'La Maná', 'Salcedo'] },
  { name: 'Loja', weight: 2, indigenous: 0.04, cantons: ['Loja', 'Macará', 'Catamayo'] },
  {
    name: 'Santa Elena',
    weight: 1.5,
    indigenous: 0.01,
    cantons: ['Santa Elena', 'La Libertad', 'Salinas'],
  },
  {
    name: 'Orellana',
    weight: 1.5,
    indigenous: 0.3,
    cantons: ['Francisco de Orellana', 'La Joya de los Sachas'],
  },
  { name: 'Bolívar', weight: 0.8, indigenous: 0.25, cantons: ['Guaranda', 'San Miguel'] },
  { name: 'Cañar', weight: 0.8, indigenous: 0.15, cantons: ['Azogues', 'La Troncal', 'Cañar'] },
  { name: 'Napo', weight: 0.8, indigenous: 0.5, cantons: ['Tena', 'Archidona'] },
  {
    name: 'Morona Santiago',
    weight: 0.7,
    indigenous: 0.45,
    cantons: ['Morona', 'Sucúa', 'Gualaquiza'],
  },
  { name: 'Pastaza', weight: 0.6, indigenous: 0.4, cantons: ['Pastaza', 'Mera'] },
  { name: 'Zamora Chinchipe', weight: 0.6, indigenous: 0.15, cantons: ['Zamora', 'Yantzaza'] },
  {
    name: 'Galápagos',
    weight: 0.3,
    indigenous: 0.01,
    cantons: ['Santa Cruz', 'San Cristóbal', 'Isabela'],
  },
];

/** Where foreigners are identified more often (multipliers of the province weight). */
export const PROVINCE_BIAS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  VE: { Pichincha: 1.4, Guayas: 1.3, Manabí: 1.2, 'El Oro': 1.5, Carchi: 2.5 },
  CO: { Carchi: 5, Sucumbíos: 4, Esmeraldas: 3, Imbabura: 2, Pichincha: 1.2 },
  PE: { 'El Oro': 6, Loja: 6, 'Zamora Chinchipe': 4, Guayas: 1.3 },
};

/** ISO 3166-1 alpha-2 codes. */
export const NATIONALITIES: Weighted<string> = [
  ['EC', 70],
  ['VE', 17],
  ['CO', 8],
  ['PE', 2.5],
  ['CU', 1],
  ['HT', 0.6],
  ['DO', 0.5],
  ['CN', 0.4],
];

export const FOREIGN_MIGRANT_STATUSES: Weighted<string> = [
  ['IrregularMigrant', 45],
  ['RegularMigrant', 25],
  ['AsylumSeeker', 10],
  ['Refugee', 10],
  ['Unknown', 10],
];

export const LANGUAGE_OF: Readonly<Record<string, string>> = {
  HT: 'ht',
  CN: 'zh',
};

export const FEMALE_NAMES: readonly string[] = [
  'María',
  'Ana',
  'Rosa',
  'Carmen',
  'Gabriela',
  'Daniela',
  'Andrea',
  'Valeria',
  'Jessica',
  'Karla',
  'Lucía',
  'Fernanda',
  'Mishel',
  'Nayeli',
  'Dayana',
  'Kerly',
  'Yolanda',
  'Verónica',
  'Paola',
  'Estefanía',
  'Camila',
  'Sofía',
  'Ximena',
  'Johanna',
  'Tatiana',
  'Maritza',
  'Anahí',
  'Doménica',
  'Thalía',
  'Belén',
  'Mayra',
  'Rocío',
  'Noemí',
  'Jazmín',
  'Melany',
  'Odalys',
];
export const MALE_NAMES: readonly string[] = [
  'José',
  'Luis',
  'Carlos',
  'Juan',
  'Jorge',
  'Kevin',
  'Bryan',
  'Jefferson',
  'Wilson',
  'Segundo',
  'Manuel',
  'Diego',
  'Andrés',
  'Darwin',
  'Ángel',
  'Pedro',
  'Edison',
  'Cristian',
  'Byron',
  'Fabián',
  'Marlon',
  'Patricio',
  'Stalin',
  'Joel',
  'Mateo',
  'Alexis',
];
/** Kichwa and Shuar given names, for people of indigenous peoples and nationalities. */
export const INDIGENOUS_FEMALE_NAMES: readonly string[] = [
  'Sisa',
  'Killa',
  'Wayra',
  'Nina',
  'Kantuta',
  'Nantu',
];
export const INDIGENOUS_MALE_NAMES: readonly string[] = [
  'Inti',
  'Sumak',
  'Amaru',
  'Yupanki',
  'Atik',
  'Tsamaraint',
];
export const FOREIGN_FEMALE_NAMES: Readonly<Record<string, readonly string[]>> = {
  VE: ['Yusmary', 'Yorgelis', 'Oriana', 'Eliannys', 'Génesis', 'Mariángel', 'Yuleisy', 'Rosmery'],
  CO: ['Yurani', 'Leidy', 'Yesenia', 'Luz Dary', 'Marcela', 'Deisy'],
  PE: ['Milagros', 'Rosario', 'Yeny', 'Flor'],
  HT: ['Nadège', 'Widline', 'Fabiola'],
  CU: ['Yanelis', 'Dayami', 'Yuniesky'],
  DO: ['Yokasta', 'Altagracia'],
  CN: ['Li Na', 'Mei'],
};
export const FOREIGN_MALE_NAMES: Readonly<Record<string, readonly string[]>> = {
  VE: ['Yeferson', 'Yonaiker', 'Osmar', 'Yorman', 'Deivis', 'Luisángel'],
  CO: ['Yeison', 'Jhon Fredy', 'Brayan', 'Duvan'],
  PE: ['Wilber', 'Percy', 'Jhonatan'],
  HT: ['Jean Robert', 'Wilner'],
  CU: ['Yosvany', 'Reinier'],
  DO: ['Wander', 'Yunior'],
  CN: ['Wei', 'Jun'],
};

export const SURNAMES: Readonly<Record<string, readonly string[]>> = {
  EC: [
    'Cedeño',
    'Zambrano',
    'Mendoza',
    'Vera',
    'Macías',
    'Intriago',
    'Andrade',
    'Castillo',
    'Morales',
    'Vásquez',
    'Cevallos',
    'Salazar',
    'Cajamarca',
    'Sarango',
    'Chalá',
    'Quiñónez',
    'Caicedo',
    'Ortiz',
    'Valencia',
    'Mina',
    'Arboleda',
    'Jaramillo',
    'Ponce',
    'Villacís',
    'Guerrero',
    'Loor',
    'Bravo',
    'Alvarado',
    'Pazmiño',
    'Tapia',
  ],
  EC_INDIGENOUS: [
    'Quishpe',
    'Guamán',
    'Chicaiza',
    'Toapanta',
    'Tigse',
    'Pilataxi',
    'Tenesaca',
    'Yupangui',
    'Lema',
    'Cotacachi',
    'Tituaña',
    'Shiguango',
    'Grefa',
    'Tsamarain',
    'Ankuash',
  ],
  VE: [
    'Rodríguez',
    'Hernández',
    'González',
    'Pérez',
    'Rangel',
    'Briceño',
    'Colmenares',
    'Urdaneta',
    'Marcano',
    'Pacheco',
  ],
  CO: ['Restrepo', 'Ospina', 'Montoya', 'Cardona', 'Rincón', 'Muñoz', 'Quintero', 'Arango'],
  PE: ['Quispe', 'Huamán', 'Mamani', 'Flores', 'Chávez', 'Ccori'],
  HT: ['Joseph', 'Pierre', 'Jean-Baptiste', 'Louis'],
  CU: ['Rodríguez', 'Fernández', 'Díaz', 'Hechavarría'],
  DO: ['Reyes', 'Batista', 'De la Cruz'],
  CN: ['Wang', 'Chen', 'Liu'],
};

export const ALIASES: readonly string[] = [
  'La Flaca',
  'Mona',
  'Negrita',
  'Chinita',
  'Flaco',
  'Gato',
  'Peque',
  'Güera',
  'Mija',
  'Pelado',
];

export const STREETS: readonly string[] = [
  'de los Guayacanes',
  'Los Ceibos',
  'Las Orquídeas',
  'Río Napo',
  'Pasaje Los Laureles',
  'de las Acacias',
  'Los Arupos',
  'Pasaje El Cóndor',
  'Las Bromelias',
  'Los Pumamaquis',
  'Río Coca',
  'de los Capulíes',
  'Las Cascadas',
  'El Colibrí',
];

export const RELATIONS: readonly string[] = [
  'madre',
  'hermana',
  'tía',
  'amiga',
  'pareja',
  'padre',
  'abuela',
  'vecina',
];

/** Weights of each exploitation form by sex; some cases combine two forms. */
export const EXPLOITATION_BY_SEX: Readonly<Record<'female' | 'male', Weighted<string>>> = {
  female: [
    ['SexualExploitation', 68],
    ['ForcedLabour', 12],
    ['ForcedBegging', 5],
    ['ForcedMarriage', 5],
    ['Servitude', 5],
    ['ForcedCriminality', 2],
    ['Other', 1],
  ],
  male: [
    ['ForcedLabour', 48],
    ['SexualExploitation', 20],
    ['ForcedCriminality', 13],
    ['ForcedBegging', 9],
    ['Servitude', 4],
    ['ForcedMilitaryByNonStateActors', 2],
    ['Other', 2],
  ],
};

export const RECRUITMENT: Weighted<string> = [
  ['ThroughOnlineSocialNetworks', 0.35],
  ['ThroughFriendsOrSocialEvents', 0.25],
  ['ThroughFamilyOrFamilyEvents', 0.2],
  ['ThroughAnOnlineAdvertisement', 0.12],
  ['AtWork', 0.08],
  ['AtAnEducationalInstitution', 0.05],
  ['AtAPlaceOfBusiness', 0.05],
];

export const CONTROL: Weighted<string> = [
  ['FalsePromises', 0.55],
  ['DebtBondage', 0.35],
  ['WithholdsDocuments', 0.3],
  ['PsychologicalAbuse', 0.4],
  ['PhysicalThreats', 0.3],
  ['ThreatensChildrenFamily', 0.2],
  ['TakesEarnings', 0.3],
  ['ExcessiveWorkingHours', 0.15],
  ['PhysicalAbuse', 0.15],
  ['SexualAbuse', 0.1],
  ['PsychoactiveSubstance', 0.05],
];

/** Fictional narratives by exploitation form ({canton} is where the person was identified). */
export const NARRATIVES: Readonly<Record<string, readonly string[]>> = {
  SexualExploitation: [
    'Captada con una oferta de trabajo como mesera publicada en redes sociales; trasladada a {canton}, donde la obligaron a ejercer la prostitución en un local nocturno. Le retenían el documento y le cobraban una deuda por el viaje que no dejaba de crecer.',
    'Una persona conocida le prometió empleo en una peluquería; al llegar a {canton} la encerraron en una vivienda y la explotaron sexualmente bajo amenazas contra su familia.',
    'Contactada por una red social por alguien que se presentó como su pareja; la llevó a {canton} y la obligó a atender clientes por internet y en hoteles.',
  ],
  ForcedLabour: [
    'Reclutado para trabajar en una finca agrícola de {canton} con la promesa de un salario fijo; jornadas de más de doce horas sin pago, alojamiento vigilado y amenazas si intentaba irse.',
    'Trabajaba en un taller textil en {canton} para pagar una deuda por el transporte y la comida; le descontaban todo el salario y no le permitían salir.',
    'Llevado a una mina informal cerca de {canton} con una oferta de trabajo bien pagado; le quitaron el documento y trabajaba sin descanso.',
  ],
  ForcedBegging: [
    'Obligada a pedir dinero en los semáforos de {canton}; entregaba todo lo recaudado a un adulto que la controlaba y la castigaba si no cumplía una cuota.',
    'Traído a {canton} con la promesa de estudiar; lo obligaban a vender caramelos y pedir dinero en la calle todo el día.',
  ],
  ForcedCriminality: [
    'Obligado a transportar y vender droga en pequeñas cantidades en {canton} bajo amenazas contra su familia.',
    'Reclutado por un grupo que lo obligaba a cometer robos en {canton}; lo amenazaban con denunciarlo si dejaba de hacerlo.',
  ],
  ForcedMarriage: [
    'Unión forzada concertada por su familia con un hombre mayor de {canton} a cambio de dinero; no le permitían estudiar ni salir sola.',
  ],
  Servitude: [
    'Trabajaba como empleada doméstica puertas adentro en {canton} sin salario ni días libres; la familia empleadora le retenía el documento.',
  ],
  ForcedMilitaryByNonStateActors: [
    'Reclutado por un grupo armado irregular cerca de la frontera; logró escapar y llegó a {canton}.',
  ],
  Other: [
    'Situación de explotación en {canton} en evaluación; se coordina con la Fiscalía para determinar la forma de explotación.',
  ],
};

export const FICTIONAL_NOTE = '(Caso ficticio de demostración: ninguna persona real.)';

export const HEALTH_NOTES: readonly string[] = [
  'Requiere control médico general y atención psicológica.',
  'Control prenatal pendiente.',
  'Presenta ansiedad y trastornos del sueño; acompañamiento psicológico semanal.',
  'Sin novedades médicas; vacunación al día.',
  'Lesiones leves atendidas en el centro de salud.',
];

export const LEGAL_NOTES: readonly string[] = [
  'Denuncia presentada en la Fiscalía; audiencia por fijar.',
  'Se solicitaron medidas de protección.',
  'No desea presentar denuncia por ahora; se le informó de sus derechos.',
  'Trámite de regularización migratoria en curso.',
  'Declaración anticipada realizada.',
];

export const EDUCATION_NOTES: readonly string[] = [
  'Bachillerato incompleto; interés en formación técnica.',
  'Reinserción escolar en curso.',
  'Primaria completa; quiere aprender un oficio.',
  'Cursa el nivel básico superior en una unidad educativa fiscal.',
];

export const OUTCOMES: readonly string[] = [
  'Atención brindada; seguimiento en tres meses.',
  'Servicio completado según lo planificado.',
  'La persona recibió la atención y fue remitida de vuelta al equipo.',
];

export const FEEDBACK: readonly string[] = [
  'Coordinación oportuna; la información recibida fue suficiente.',
  'Sería útil recibir el informe psicológico en futuras derivaciones.',
];
