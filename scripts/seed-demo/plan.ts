/**
 * One fictional case and its history, planned from the run's seed and the
 * case's index alone (no ids, no keys, no database): the same seed, count and
 * reference date give the same people, attributes, consents and referrals,
 * whatever the batch size. write.ts turns a plan into rows.
 */
import type { ConsentPurpose, DataCategory } from '../../security/policy';
import type { CaseAttributes, CaseIdentity } from '../../server/modules/cases/cases.schemas';
import { isMinorBand, ageBand } from '../../server/modules/cases/cases.vocabularies';
import type { ReferralStatus } from '../../server/db/schema.partners';
import {
  ALIASES,
  CONTROL,
  EDUCATION_NOTES,
  EXPLOITATION_BY_SEX,
  FEEDBACK,
  FEMALE_NAMES,
  FICTIONAL_NOTE,
  FOREIGN_FEMALE_NAMES,
  FOREIGN_MALE_NAMES,
  FOREIGN_MIGRANT_STATUSES,
  HEALTH_NOTES,
  INDIGENOUS_FEMALE_NAMES,
  INDIGENOUS_MALE_NAMES,
  LANGUAGE_OF,
  LEGAL_NOTES,
  MALE_NAMES,
  NARRATIVES,
  NATIONALITIES,
  OUTCOMES,
  PROVINCE_BIAS,
  PROVINCES,
  RECRUITMENT,
  RELATIONS,
  STREETS,
  SURNAMES,
  type Province,
} from './fictional';
import { DemoRandom } from './random';

export const DAY_MS = 86_400_000;
/** Identification dates spread over this many days before the reference date. */
export const SPAN_DAYS = 4 * 365 + 1;
/** Identifications grow over the period: the last day sees (1 + TREND) times the first's. */
const TREND = 0.6;
/** How long an unacknowledged referral stays open after its due date (referral-expiry.ts). */
const EXPIRY_AFTER_DUE_DAYS = 30;
/** How long a completed referral's package is kept (package-closure.ts). */
const COMPLETED_PACKAGE_DAYS = 30;

/** What the planner needs to know of the demo world (indices into its lists). */
export interface PlanWorld {
  /** Demo partner institutions' sectors, in a fixed order. */
  institutionSectors: readonly string[];
  caseworkers: number;
  supervisors: number;
}

export type Sex = CaseAttributes['sex'];

export interface PlannedConsent {
  version: number;
  givenBy: 'person' | 'guardian' | 'best_interest';
  method: 'written' | 'verbal_witnessed' | 'digital';
  givenAt: Date;
  validUntil: Date | null;
  purposes: ConsentPurpose[];
  scope: { sectors: string[]; institutionIds: string[]; categories: DataCategory[] }[];
  recorder: number;
  approval: { at: Date; supervisor: number } | null;
  revocation: { at: Date; reason: string; by: number } | null;
}

export interface PlannedEvent {
  from: ReferralStatus | null;
  to: ReferralStatus;
  at: Date;
  /** sender: the case's caseworker; recipient: the institution's demo partner; system: the expiry job. */
  actor: 'sender' | 'recipient' | 'system';
  reason: string | null;
  outcome: string | null;
  feedback: string | null;
}

export interface PlannedReferral {
  institution: number;
  services: string[];
  urgency: 'routine' | 'priority' | 'urgent';
  categories: DataCategory[];
  createdAt: Date;
  acknowledgeBy: Date;
  /** Index into the case's consents: the version in force when it was sent. */
  consent: number;
  events: PlannedEvent[];
  status: ReferralStatus;
  declineReason: string | null;
  openedAt: Date | null;
  packageClosed: { at: Date; reason: string } | null;
  updatedAt: Date;
}

export interface PlannedCase {
  index: number;
  identifiedOn: string;
  identifiedAt: Date;
  status: 'intake' | 'active' | 'follow_up' | 'closed' | 'closed_referred';
  riskLevel: 'low' | 'medium' | 'high' | 'critical';
  caseworker: number;
  attributes: CaseAttributes;
  identity: CaseIdentity;
  consents: PlannedConsent[];
  referrals: PlannedReferral[];
}

/** The start of the reference day (UTC): the period ends the day before. */
export function referenceDay(asOf: Date): number {
  return Math.floor(asOf.getTime() / DAY_MS) * DAY_MS;
}

/**
 * Case `index` of `total`. Cases come in order of identification (so case
 * numbers grow with the date, as they would), with more identified lately.
 */
export function planCase(
  seed: number,
  index: number,
  total: number,
  asOf: Date,
  world: PlanWorld,
): PlannedCase {
  const rng = new DemoRandom(seed, index + 1);
  const end = referenceDay(asOf);
  const start = end - SPAN_DAYS * DAY_MS;
  const q = (index + rng.next()) / total;
  const t = (-1 + Math.sqrt(1 + 2 * TREND * q * (1 + TREND / 2))) / TREND;
  const day = start + Math.min(SPAN_DAYS - 1, Math.floor(t * SPAN_DAYS)) * DAY_MS;
  const identifiedAt = new Date(day + rng.int(13, 23) * 3_600_000 + rng.int(0, 3599) * 1000);
  const identifiedOn = new Date(day).toISOString().slice(0, 10);

  const person = planPerson(rng);
  const ageDays = (end - day) / DAY_MS;
  const minor = isMinorBand(ageBand(person.age));
  const caseworker = rng.int(0, world.caseworkers - 1);
  const attributes = planAttributes(rng, person, minor);
  const identity = planIdentity(rng, person, identifiedOn, attributes);
  const consents = planConsents(rng, minor, identifiedAt, asOf, world, caseworker);
  const referrals = planReferrals(rng, person, minor, consents, asOf, world);
  return {
    index,
    identifiedOn,
    identifiedAt,
    status: planStatus(rng, ageDays),
    riskLevel: rng.weighted([
      ['low', 15],
      ['medium', 40],
      ['high', 35],
      ['critical', 10],
    ] as const),
    caseworker,
    attributes,
    identity,
    consents,
    referrals,
  };
}

interface Person {
  sex: Sex;
  female: boolean;
  age: number | undefined;
  nationality: string;
  province: Province | undefined;
  canton: string | undefined;
  indigenous: boolean;
  lgbti: boolean;
  disability: boolean;
  exploitation: string[];
}

function planPerson(rng: DemoRandom): Person {
  const sex = rng.weighted<Sex>([
    ['Female', 69],
    ['Male', 28],
    ['Transgender', 1.5],
    ['NonBinary', 0.5],
    ['Unknown', 1],
  ]);
  const female = sex === 'Female' || (sex === 'Transgender' && rng.chance(0.8));
  const band = rng.weighted([
    ['0-11', 5],
    ['12-17', 25],
    ['18-24', 31],
    ['25-34', 23],
    ['35-49', 11],
    ['50+', 2],
    ['unknown', 3],
  ] as const);
  const age = ageIn(rng, band);
  const nationality = rng.weighted(NATIONALITIES);
  const bias = PROVINCE_BIAS[nationality] ?? {};
  const province = rng.chance(0.01)
    ? undefined
    : rng.weighted(PROVINCES.map((p) => [p, p.weight * (bias[p.name] ?? 1)] as const));
  const canton = province && rng.chance(0.97) ? rng.pick(province.cantons) : undefined;
  const indigenous =
    nationality === 'EC' ? rng.chance(province?.indigenous ?? 0.05) : rng.chance(0.005);
  const lgbti = sex === 'Transgender' || sex === 'NonBinary' || rng.chance(0.03);
  const disability = rng.chance(0.03);
  const forms = EXPLOITATION_BY_SEX[female ? 'female' : 'male'];
  const exploitation = [rng.weighted(forms)];
  if (age !== undefined && age < 15 && rng.chance(0.25)) exploitation[0] = 'ForcedBegging';
  if (age !== undefined && age < 18 && rng.chance(0.05)) exploitation.push('ChildLabour');
  if (rng.chance(0.08)) {
    const second = rng.weighted(forms);
    if (!exploitation.includes(second)) exploitation.push(second);
  }
  return {
    sex,
    female,
    age,
    nationality,
    province,
    canton,
    indigenous,
    lgbti,
    disability,
    exploitation,
  };
}

function ageIn(rng: DemoRandom, band: string): number | undefined {
  switch (band) {
    case '0-11':
      return rng.int(6, 11);
    case '12-17':
      return rng.int(12, 17);
    case '18-24':
      return rng.int(18, 24);
    case '25-34':
      return rng.int(25, 34);
    case '35-49':
      return rng.int(35, 49);
    case '50+':
      return rng.int(50, 68);
    default:
      return undefined;
  }
}

/**
 * About 3 % of provinces and cantons are written as people type them (no
 * accents, lower or upper case): statistics must normalise them.
 */
function spelled(rng: DemoRandom, name: string): string {
  if (!rng.chance(0.03)) return name;
  const variant = rng.int(0, 3);
  if (variant === 0) return name.toLowerCase();
  if (variant === 1) return name.toUpperCase();
  const plain = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return variant === 2 ? plain : plain.toLowerCase();
}

function planAttributes(rng: DemoRandom, p: Person, minor: boolean): CaseAttributes {
  const national = p.nationality === 'EC';
  const groups: CaseAttributes['vulnerabilityGroups'] = [];
  if (p.female) groups.push('woman');
  if (minor) groups.push('child_adolescent');
  if (!national) groups.push('migrant');
  if (p.lgbti) groups.push('lgbti');
  if (p.indigenous) groups.push('indigenous');
  if (p.disability) groups.push('disability');
  const trafficking = rng.weighted([
    ['Actual', 62],
    ['Possible', 36],
    ['NotAVictim', 2],
  ] as const);
  const determinedBy =
    trafficking === 'Possible'
      ? rng.chance(0.5)
        ? rng.pick(['SocialServices', 'NGO'] as const)
        : undefined
      : rng.weighted([
          ['Prosecutor', 40],
          ['LawEnforcement', 30],
          ['Judge', 10],
          ['SocialServices', 15],
          ['InternationalOrganization', 5],
        ] as const);
  const language = LANGUAGE_OF[p.nationality] ?? (p.indigenous && rng.chance(0.4) ? 'qu' : 'es');
  return {
    sex: p.sex,
    ...(p.age === undefined ? {} : { ageAtIdentification: p.age }),
    nationality: p.nationality,
    migrantStatus: national
      ? 'National'
      : (rng.weighted(FOREIGN_MIGRANT_STATUSES) as CaseAttributes['migrantStatus']),
    ...(p.province ? { province: spelled(rng, p.province.name) } : {}),
    ...(p.canton ? { canton: spelled(rng, p.canton) } : {}),
    traffickingStatus: trafficking,
    ...(determinedBy ? { statusDeterminedBy: determinedBy } : {}),
    exploitationTypes: p.exploitation as CaseAttributes['exploitationTypes'],
    recruitmentMethods: atLeastOne(rng, RECRUITMENT) as CaseAttributes['recruitmentMethods'],
    controlMethods: atLeastOne(rng, CONTROL) as CaseAttributes['controlMethods'],
    vulnerabilityGroups: groups,
    language,
  };
}

function atLeastOne(rng: DemoRandom, table: readonly (readonly [string, number])[]): string[] {
  const chosen = rng.some(table);
  return chosen.length > 0 ? chosen : [rng.weighted(table)];
}

function planIdentity(
  rng: DemoRandom,
  p: Person,
  identifiedOn: string,
  a: CaseAttributes,
): CaseIdentity {
  const national = p.nationality === 'EC';
  const givenNames = p.indigenous
    ? p.female
      ? INDIGENOUS_FEMALE_NAMES
      : INDIGENOUS_MALE_NAMES
    : !national && rng.chance(0.7)
      ? ((p.female ? FOREIGN_FEMALE_NAMES : FOREIGN_MALE_NAMES)[p.nationality] ?? FEMALE_NAMES)
      : p.female
        ? FEMALE_NAMES
        : MALE_NAMES;
  const surnames = p.indigenous
    ? SURNAMES.EC_INDIGENOUS!
    : (SURNAMES[p.nationality] ?? SURNAMES.EC!);
  const first = rng.pick(givenNames);
  const middle = rng.chance(0.5) ? ` ${rng.pick(p.female ? FEMALE_NAMES : MALE_NAMES)}` : '';
  const last1 = rng.pick(surnames);
  const last2 = rng.pick(surnames);
  const fullName = `${first}${middle} ${last1} ${last2}`;
  const canton = a.canton ?? 'Quito';
  const identity: CaseIdentity = { fullName };
  if (rng.chance(0.2)) identity.aliases = rng.pick(ALIASES);
  if (p.age !== undefined) {
    const born =
      Date.parse(`${identifiedOn}T00:00:00Z`) - (p.age * 365.25 + rng.int(0, 364)) * DAY_MS;
    identity.dateOfBirth = new Date(born).toISOString().slice(0, 10);
  }
  if (national && rng.chance(0.8)) {
    identity.documentType = 'cédula';
    identity.documentNumber = `00${rng.digits(8)}`;
  } else if (!national && rng.chance(0.6)) {
    identity.documentType = rng.chance(0.6) ? 'pasaporte' : 'documento de identidad extranjero';
    identity.documentNumber = `00-${rng.digits(7)}`;
  }
  if (rng.chance(0.75)) identity.phone = fictionalPhone(rng);
  if (rng.chance(0.3)) {
    const local = ascii(`${first}.${last1}`)
      .toLowerCase()
      .replace(/[^a-z.]/g, '');
    identity.email = `${local}${rng.int(1, 999)}@${rng.chance(0.7) ? 'example.org' : 'correo.test'}`;
  }
  if (rng.chance(0.85)) {
    identity.address = `Calle ${rng.pick(STREETS)} N${rng.int(1, 80)}-${rng.int(1, 120)} y ${rng.pick(STREETS)}, ${canton}`;
  }
  if (rng.chance(0.7)) {
    const contactNames = rng.chance(0.6) ? FEMALE_NAMES : MALE_NAMES;
    identity.emergencyContact = `${rng.pick(contactNames)} ${last1} (${rng.pick(RELATIONS)}), ${fictionalPhone(rng)}`;
  }
  const form = p.exploitation[0] ?? 'Other';
  const narrative = rng.pick(NARRATIVES[form] ?? NARRATIVES.Other!).replaceAll('{canton}', canton);
  identity.narrative = `${narrative} ${FICTIONAL_NOTE}`;
  if (rng.chance(0.6)) identity.healthNotes = rng.pick(HEALTH_NOTES);
  if (rng.chance(0.5)) identity.legalNotes = rng.pick(LEGAL_NOTES);
  if (rng.chance((p.age ?? 30) < 18 ? 0.7 : 0.2))
    identity.educationNotes = rng.pick(EDUCATION_NOTES);
  return identity;
}

/** +593 00 …: area code 00 does not exist in Ecuador, so no real number looks like these. */
function fictionalPhone(rng: DemoRandom): string {
  return `+593 00 ${rng.digits(3)} ${rng.digits(4)}`;
}

function ascii(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

function planStatus(rng: DemoRandom, ageDays: number): PlannedCase['status'] {
  if (ageDays < 30) {
    return rng.weighted([
      ['intake', 55],
      ['active', 45],
    ] as const);
  }
  if (ageDays < 365) {
    return rng.weighted([
      ['active', 40],
      ['follow_up', 40],
      ['closed', 12],
      ['closed_referred', 8],
    ] as const);
  }
  return rng.weighted([
    ['follow_up', 15],
    ['closed', 60],
    ['closed_referred', 25],
  ] as const);
}

/** The sectors a referral may go to, and what it is for. */
const SERVICES_BY_SECTOR: Readonly<Record<string, readonly string[]>> = {
  justice: ['criminal_complaint', 'protection_measures'],
  health: ['medical_care', 'mental_health_psychosocial'],
  shelter: ['shelter', 'protection_measures'],
  education: ['education_reintegration', 'vocational_training_livelihood'],
  legal_aid: ['legal_assistance', 'migration_regularisation'],
  social_protection: ['family_tracing', 'vocational_training_livelihood'],
  labour: ['vocational_training_livelihood'],
  migration: ['migration_regularisation', 'repatriation_support'],
  other: ['interpretation'],
};

const SHAREABLE: readonly (readonly [DataCategory, number])[] = [
  ['identity', 0.75],
  ['contact', 0.5],
  ['situation', 0.6],
  ['health', 0.4],
  ['legal', 0.4],
];

function planConsents(
  rng: DemoRandom,
  minor: boolean,
  identifiedAt: Date,
  asOf: Date,
  world: PlanWorld,
  caseworker: number,
): PlannedConsent[] {
  if (!rng.chance(0.92)) return [];
  const now = asOf.getTime();
  const givenAt = Math.min(identifiedAt.getTime() + rng.exponential(2) * DAY_MS, now - 3_600_000);
  if (givenAt <= identifiedAt.getTime()) return [];
  const purposes: ConsentPurpose[] = ['service_referral'];
  if (rng.chance(0.8)) purposes.push('information_sharing');
  if (rng.chance(0.93)) purposes.push('statistics');
  if (rng.chance(0.6)) purposes.push('follow_up_contact');
  const sectors = [...new Set(world.institutionSectors)].filter((sector) =>
    rng.chance(sector === 'education' && !minor ? 0.3 : 0.85),
  );
  if (sectors.length === 0 && world.institutionSectors[0])
    sectors.push(world.institutionSectors[0]);
  const categories: DataCategory[] = ['minimal', ...rng.some(SHAREABLE).map((c) => c)];
  if (rng.chance(minor ? 0.7 : 0.1)) categories.push('education');
  const givenBy = minor
    ? rng.weighted([
        ['guardian', 70],
        ['best_interest', 30],
      ] as const)
    : 'person';
  const first = consentVersion(rng, {
    version: 1,
    givenBy,
    givenAt,
    purposes,
    scope: [{ sectors, institutionIds: [], categories }],
    now,
    world,
    caseworker,
  });
  const consents = [first];
  // Some people change their consent later: a new version adds or drops statistics.
  const changedAt = givenAt + rng.int(30, 400) * DAY_MS;
  if (rng.chance(0.06) && changedAt < now && !first.revocation && !expiredBy(first, changedAt)) {
    const changed = purposes.includes('statistics')
      ? rng.chance(0.4)
        ? purposes.filter((p) => p !== 'statistics')
        : purposes
      : [...purposes, 'statistics' as const];
    consents.push(
      consentVersion(rng, {
        version: 2,
        givenBy,
        givenAt: changedAt,
        purposes: changed.length > 0 ? changed : purposes,
        scope: first.scope,
        now,
        world,
        caseworker,
      }),
    );
  }
  return consents;
}

function expiredBy(consent: PlannedConsent, at: number): boolean {
  return consent.validUntil !== null && consent.validUntil.getTime() <= at;
}

function consentVersion(
  rng: DemoRandom,
  c: {
    version: number;
    givenBy: PlannedConsent['givenBy'];
    givenAt: number;
    purposes: ConsentPurpose[];
    scope: PlannedConsent['scope'];
    now: number;
    world: PlanWorld;
    caseworker: number;
  },
): PlannedConsent {
  const approvedAt =
    c.givenBy === 'person' || !rng.chance(0.96)
      ? undefined
      : c.givenAt + rng.exponential(1) * DAY_MS;
  const approval =
    approvedAt !== undefined && approvedAt < c.now
      ? { at: new Date(approvedAt), supervisor: rng.int(0, c.world.supervisors - 1) }
      : null;
  const validUntil = rng.chance(0.2) ? new Date(c.givenAt + rng.pick([365, 730]) * DAY_MS) : null;
  const effective = approval ? approval.at.getTime() : c.givenAt;
  const revokedAt = effective + rng.next() * (c.now - effective) * 0.8;
  const revocation =
    rng.chance(0.04) && revokedAt < c.now && (!validUntil || revokedAt < validUntil.getTime())
      ? {
          at: new Date(revokedAt),
          reason: rng.weighted([
            [c.givenBy === 'person' ? 'person_withdrew' : 'guardian_withdrew', 80],
            ['recorded_in_error', 10],
            ['other', 10],
          ] as const),
          by: c.caseworker,
        }
      : null;
  return {
    version: c.version,
    givenBy: c.givenBy,
    method: rng.weighted([
      ['written', 60],
      ['verbal_witnessed', 25],
      ['digital', 15],
    ] as const),
    givenAt: new Date(c.givenAt),
    validUntil,
    purposes: c.purposes,
    scope: c.scope,
    recorder: c.caseworker,
    approval,
    revocation,
  };
}

/** When a consent version is in force: from its approval (or giving) until it ends. */
function inForce(consents: readonly PlannedConsent[], i: number, now: number) {
  const c = consents[i]!;
  const from = c.givenBy === 'person' ? c.givenAt.getTime() : c.approval?.at.getTime();
  const next = consents[i + 1];
  const ends = [
    now,
    c.validUntil?.getTime() ?? now,
    c.revocation?.at.getTime() ?? now,
    next ? next.givenAt.getTime() : now,
  ];
  return from === undefined ? undefined : { from, until: Math.min(...ends) };
}

const REFERRAL_COUNTS: readonly (readonly [number, number])[] = [
  [0, 20],
  [1, 30],
  [2, 24],
  [3, 13],
  [4, 7],
  [5, 4],
  [6, 2],
];

function planReferrals(
  rng: DemoRandom,
  p: Person,
  minor: boolean,
  consents: readonly PlannedConsent[],
  asOf: Date,
  world: PlanWorld,
): PlannedReferral[] {
  const now = asOf.getTime();
  const wanted = rng.weighted(REFERRAL_COUNTS);
  const referrals: PlannedReferral[] = [];
  for (let c = 0; c < consents.length && referrals.length < wanted; c++) {
    const window = inForce(consents, c, now);
    const consent = consents[c]!;
    if (!window || !consent.purposes.includes('service_referral')) continue;
    let at = window.from + rng.exponential(3) * DAY_MS;
    while (referrals.length < wanted && at < window.until) {
      const referral = planReferral(rng, p, minor, consent, c, new Date(at), now, world);
      if (referral) referrals.push(referral);
      at += rng.exponential(20) * DAY_MS;
    }
  }
  return referrals;
}

function sectorWeight(sector: string, p: Person, minor: boolean): number {
  switch (sector) {
    case 'health':
      return 3;
    case 'shelter':
      return p.exploitation.includes('SexualExploitation') ? 3 : 1.5;
    case 'justice':
      return 2;
    case 'legal_aid':
      return p.nationality === 'EC' ? 1 : 2.5;
    case 'education':
      return minor ? 2.5 : 0.3;
    default:
      return 1;
  }
}

function planReferral(
  rng: DemoRandom,
  p: Person,
  minor: boolean,
  consent: PlannedConsent,
  consentIndex: number,
  createdAt: Date,
  now: number,
  world: PlanWorld,
): PlannedReferral | undefined {
  const scope = consent.scope[0]!;
  const reachable = world.institutionSectors
    .map((sector, i) => [i, sector] as const)
    .filter(([, sector]) => scope.sectors.includes(sector));
  if (reachable.length === 0) return undefined;
  const institution = rng.weighted(reachable.map(([i, s]) => [i, sectorWeight(s, p, minor)]));
  const sector = world.institutionSectors[institution]!;
  const offered = SERVICES_BY_SECTOR[sector] ?? ['interpretation'];
  const services = offered.filter(() => rng.chance(0.6));
  if (services.length === 0) services.push(rng.pick(offered));
  const categories: DataCategory[] = ['minimal'];
  if (consent.purposes.includes('information_sharing')) {
    for (const category of scope.categories) {
      if (category !== 'minimal' && rng.chance(0.5)) categories.push(category);
    }
  }
  const urgency = rng.weighted([
    ['routine', 55],
    ['priority', 30],
    ['urgent', 15],
  ] as const);
  const dueDays = urgency === 'urgent' ? 1 : urgency === 'priority' ? 3 : 7;
  const acknowledgeBy = new Date(createdAt.getTime() + dueDays * DAY_MS);
  const history = planHistory(rng, createdAt.getTime(), acknowledgeBy.getTime(), consent, now);
  return {
    institution,
    services,
    urgency,
    categories,
    createdAt,
    acknowledgeBy,
    consent: consentIndex,
    ...history,
  };
}

type History = Pick<
  PlannedReferral,
  'events' | 'status' | 'declineReason' | 'openedAt' | 'packageClosed' | 'updatedAt'
>;

/**
 * The referral's life until the reference date: acknowledged within 7 days
 * mostly, some within 30, some never (then expired by the system 30 days
 * after its due date); accepted or declined; in progress; completed. The
 * sender may withdraw it; a revoked consent withdraws it if it was never
 * opened, and closes its package either way.
 */
function planHistory(
  rng: DemoRandom,
  sentAt: number,
  dueAt: number,
  consent: PlannedConsent,
  now: number,
): History {
  const h: Omit<History, 'updatedAt'> = {
    events: [],
    status: 'sent',
    declineReason: null,
    openedAt: null,
    packageClosed: null,
  };
  const revokedAt = consent.revocation?.at.getTime();
  const move = (
    to: ReferralStatus,
    at: number,
    actor: PlannedEvent['actor'],
    extra: Partial<PlannedEvent> = {},
  ) => {
    h.events.push({
      from: h.events.length === 0 ? null : h.status,
      to,
      at: new Date(at),
      actor,
      reason: null,
      outcome: null,
      feedback: null,
      ...extra,
    });
    h.status = to;
  };
  const close = (at: number, reason: string) => {
    h.packageClosed ??= { at: new Date(at), reason };
  };
  move('sent', sentAt, 'sender');

  // Each step happens at `at` unless the reference date, a sender's
  // withdrawal or the consent's revocation comes first.
  const withdrawAt = rng.chance(0.04) ? sentAt + rng.exponential(10) * DAY_MS : Infinity;
  const step = (at: number): boolean => {
    const cut = Math.min(withdrawAt, revokedAt ?? Infinity);
    if (cut < at && cut < now) {
      if (cut === revokedAt) {
        if (!h.openedAt) {
          move('withdrawn', cut, 'sender', { reason: 'consent_revoked' });
          close(cut, 'consent_revoked');
          return false;
        }
        close(cut, 'consent_revoked');
      } else {
        move('withdrawn', cut, 'sender', {
          reason: rng.pick(['need_met_elsewhere', 'person_request', 'sent_in_error', 'other']),
        });
        close(cut, 'withdrawn');
        return false;
      }
    }
    return at < now;
  };

  const kind = rng.weighted([
    ['week', 74],
    ['month', 17],
    ['never', 9],
  ] as const);
  const ackAt =
    kind === 'week'
      ? sentAt + Math.min(rng.exponential(1.8), 7) * DAY_MS
      : kind === 'month'
        ? sentAt + rng.int(8 * 24, 30 * 24) * 3_600_000
        : Infinity;
  if (kind === 'never') {
    const expiresAt = dueAt + EXPIRY_AFTER_DUE_DAYS * DAY_MS;
    if (step(expiresAt)) {
      move('expired', expiresAt, 'system');
      close(expiresAt, 'expired');
    }
  } else if (step(ackAt)) {
    h.openedAt = new Date(ackAt - rng.int(1, 120) * 60_000);
    move('acknowledged', ackAt, 'recipient');
    if (rng.chance(0.14)) {
      const declinedAt = ackAt + rng.exponential(1) * DAY_MS;
      if (step(declinedAt)) {
        h.declineReason = rng.weighted([
          ['no_capacity', 40],
          ['out_of_scope', 25],
          ['person_declined', 15],
          ['person_unreachable', 15],
          ['other', 5],
        ] as const);
        move('declined', declinedAt, 'recipient', { reason: h.declineReason });
        close(declinedAt, 'declined');
      }
    } else {
      const acceptedAt = ackAt + rng.exponential(1.5) * DAY_MS;
      const startedAt = acceptedAt + rng.exponential(3) * DAY_MS;
      const completedAt = startedAt + (7 + rng.exponential(40)) * DAY_MS;
      if (step(acceptedAt)) {
        move('accepted', acceptedAt, 'recipient');
        if (step(startedAt)) {
          move('in_progress', startedAt, 'recipient');
          if (rng.chance(0.92) && step(completedAt)) {
            move('completed', completedAt, 'recipient', {
              outcome: rng.chance(0.4) ? rng.pick(OUTCOMES) : null,
              feedback: rng.chance(0.2) ? rng.pick(FEEDBACK) : null,
            });
            const retentionEnds = completedAt + COMPLETED_PACKAGE_DAYS * DAY_MS;
            if (revokedAt !== undefined && revokedAt < Math.min(retentionEnds, now)) {
              close(Math.max(revokedAt, completedAt), 'consent_revoked');
            }
            if (retentionEnds < now) close(retentionEnds, 'retention_ended');
          }
        }
      }
    }
  }
  // A revocation after the last step still withdraws an unopened referral
  // and closes a package left open.
  if (revokedAt !== undefined && revokedAt < now && !h.packageClosed) {
    if (!h.openedAt && h.status === 'sent') {
      move('withdrawn', revokedAt, 'sender', { reason: 'consent_revoked' });
    }
    close(revokedAt, 'consent_revoked');
  }
  const last = h.events[h.events.length - 1]!;
  const closedAt = h.packageClosed?.at;
  return { ...h, updatedAt: closedAt && closedAt > last.at ? closedAt : last.at };
}
