/**
 * A mixed casework load from N concurrent staff members, each a signed-in
 * caseworker with their own session and CSRF token, for a bounded time and
 * request count, on loopback: intake (the person's name is a canary), reads
 * of the case list and of a case, notes (canaries too), consents, referrals
 * to a partner hospital, referral withdrawals (a transition), and now and
 * then a fresh sign-in. Every request is recorded (http-client.ts); what the
 * API acknowledged (2xx) is collected with the ids it returned, for the
 * test to find in the database afterwards.
 *
 * A client waits a little after a failure (200–500 ms, not the whole
 * Retry-After: the test wants to see the outage's answers) and otherwise
 * goes on at once, after an optional think time.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { canary } from '../../helpers/canary';
import { field, StaffClient, type RequestRecord } from './http-client';
import type { SeededStaff } from './staff';

export interface WorkloadOptions {
  /** HAProxy's frontend. */
  baseUrl: string;
  staff: SeededStaff;
  /** Concurrent clients (at most one per seeded caseworker). */
  clients: number;
  durationMs: number;
  /** Bound on the requests of the timed run, whatever the time. */
  maxRequests: number;
  /** A request without an answer after this long is recorded as a timeout. */
  patienceMs: number;
  /** Mean pause between a client's requests (0: none). */
  thinkMs?: number;
  /** Seeds each client's choice of operation (reproducible mix). */
  seed?: number;
  /** Called once per second of the run with the requests so far. */
  onTick?: (elapsedMs: number, requests: number) => void;
}

export interface Acknowledged {
  cases: string[];
  notes: { id: string; caseId: string }[];
  consents: { id: string; caseId: string }[];
  referrals: { id: string; caseId: string }[];
  /** Referrals whose withdrawal the API acknowledged. */
  withdrawals: string[];
  /** Sign-ins whose last step (the code) the API acknowledged. */
  logins: number;
}

export interface WorkloadResult {
  records: RequestRecord[];
  /** Every canary planted, acknowledged or not. */
  canaries: string[];
  acknowledged: Acknowledged;
  /** Wall-clock time of the run's origin (record times are relative to it). */
  startedAt: number;
  durationMs: number;
}

interface ClientCase {
  id: string;
  consented: boolean;
}

const OPERATIONS = [
  ['intake', 10],
  ['list', 15],
  ['read', 20],
  ['note', 25],
  ['refer', 12],
  ['withdraw', 8],
  ['login', 2],
] as const;
type Operation = (typeof OPERATIONS)[number][0];
const TOTAL_WEIGHT = OPERATIONS.reduce((sum, [, weight]) => sum + weight, 0);

/** Signs every client in (enrolling its second factor), then runs the timed load. */
export class Workload {
  private readonly records: RequestRecord[] = [];
  private readonly canaries: string[] = [];
  private readonly acknowledged: Acknowledged = {
    cases: [],
    notes: [],
    consents: [],
    referrals: [],
    withdrawals: [],
    logins: 0,
  };
  private clients: StaffClient[] = [];
  private startedAt = Date.now();
  private counting = false;

  constructor(private readonly options: WorkloadOptions) {
    if (options.clients > options.staff.caseworkers.length) {
      throw new Error(`${options.clients} clients need as many seeded caseworkers`);
    }
  }

  /** The first sign-in of each client, a few at a time (argon2 is memory-hard); not recorded. */
  async signIn(concurrency = 5): Promise<void> {
    this.clients = this.options.staff.caseworkers.slice(0, this.options.clients).map(
      (_, index) =>
        new StaffClient({
          baseUrl: this.options.baseUrl,
          index,
          origin: performance.now(),
          patienceMs: this.options.patienceMs,
          record: (record) => this.keep(record),
        }),
    );
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < this.clients.length; i = next++) {
        const client = this.clients[i];
        const person = this.options.staff.caseworkers[i];
        if (!client || !person) continue;
        if (!(await client.signIn(person.email, person.password))) {
          throw new Error(`client ${i} could not sign in before the run`);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  /**
   * Runs every client until the time or the request count is used up; times
   * are recorded from `origin` (performance.now(), default: now).
   */
  async run(origin = performance.now()): Promise<WorkloadResult> {
    if (this.clients.length === 0) throw new Error('signIn() first');
    this.startedAt = Date.now() - (performance.now() - origin);
    for (const client of this.clients) client.origin = origin;
    this.counting = true;
    const deadline = origin + this.options.durationMs;
    const ticker = setInterval(
      () => this.options.onTick?.(performance.now() - origin, this.records.length),
      1_000,
    );
    try {
      await Promise.all(this.clients.map((client) => this.runClient(client, deadline)));
    } finally {
      clearInterval(ticker);
      this.counting = false;
    }
    this.acknowledged.logins = this.records.filter(
      (record) => record.op === 'login.complete' && record.outcome === 'ok',
    ).length;
    return {
      records: this.records,
      canaries: this.canaries,
      acknowledged: this.acknowledged,
      startedAt: this.startedAt,
      durationMs: performance.now() - origin,
    };
  }

  private keep(record: RequestRecord): void {
    if (this.counting) this.records.push(record);
  }

  private async runClient(client: StaffClient, deadline: number): Promise<void> {
    const random = mulberry32((this.options.seed ?? 16) * 1_000 + client.index);
    const person = this.options.staff.caseworkers[client.index];
    if (!person) return;
    const cases: ClientCase[] = [];
    const sent: string[] = [];
    const think = this.options.thinkMs ?? 0;
    while (performance.now() < deadline && this.records.length < this.options.maxRequests) {
      const operation = cases.length === 0 ? 'intake' : choose(random());
      const ok = await this.perform(operation, client, person, cases, sent, random);
      if (!ok) await sleep(200 + random() * 300);
      else if (think > 0) await sleep(random() * 2 * think);
    }
  }

  /** One operation; false when a request of it failed. */
  private async perform(
    operation: Operation,
    client: StaffClient,
    person: { email: string; password: string },
    cases: ClientCase[],
    sent: string[],
    random: () => number,
  ): Promise<boolean> {
    const pick = <T>(items: readonly T[]): T | undefined =>
      items[Math.floor(random() * items.length)];
    const someCase = pick(cases);
    switch (operation) {
      case 'intake': {
        const name = canary('CARGA');
        this.canaries.push(name);
        const { record, json } = await client.send('intake', 'POST', '/api/v1/cases', {
          identifiedOn: '2026-11-20',
          riskLevel: 'high',
          identity: { fullName: name, phone: '+593 98 765 4321' },
          attributes: ATTRIBUTES,
        });
        const created = caseIdOf(json);
        if (record.outcome !== 'ok' || !created) return false;
        record.id = created;
        this.acknowledged.cases.push(created);
        cases.push({ id: created, consented: false });
        return true;
      }
      case 'list': {
        const { record } = await client.send('list', 'GET', '/api/v1/cases?limit=20');
        return record.outcome === 'ok';
      }
      case 'read': {
        if (!someCase) return true;
        const { record } = await client.send('read', 'GET', `/api/v1/cases/${someCase.id}`);
        return record.outcome === 'ok';
      }
      case 'note': {
        if (!someCase) return true;
        const body = `Seguimiento de ${canary('NOTA')}`;
        this.canaries.push(body);
        const { record, json } = await client.send(
          'note',
          'POST',
          `/api/v1/cases/${someCase.id}/notes`,
          { body },
        );
        const id = field(json, 'id');
        record.of = someCase.id;
        if (record.outcome !== 'ok' || !id) return false;
        record.id = id;
        this.acknowledged.notes.push({ id, caseId: someCase.id });
        return true;
      }
      case 'refer': {
        if (!someCase) return true;
        if (!someCase.consented) {
          const { record, json } = await client.send(
            'consent',
            'POST',
            `/api/v1/cases/${someCase.id}/consents`,
            healthConsent(),
          );
          const id = field(json, 'id');
          record.of = someCase.id;
          if (record.outcome !== 'ok' || !id) return false;
          record.id = id;
          someCase.consented = true;
          this.acknowledged.consents.push({ id, caseId: someCase.id });
        }
        const { record, json } = await client.send('refer', 'POST', '/api/v1/referrals', {
          caseId: someCase.id,
          institutionId: this.options.staff.hospitalId,
          services: ['medical_care'],
          urgency: 'priority',
          acknowledgeBy: new Date(Date.now() + 3 * 86_400_000).toISOString(),
          categories: ['minimal'],
        });
        const id = field(json, 'id');
        record.of = someCase.id;
        if (record.outcome !== 'ok' || !id) return false;
        record.id = id;
        this.acknowledged.referrals.push({ id, caseId: someCase.id });
        sent.push(id);
        return true;
      }
      case 'withdraw': {
        const referral = sent.shift();
        if (!referral) return true;
        const { record } = await client.send(
          'withdraw',
          'POST',
          `/api/v1/referrals/${referral}/transitions`,
          { to: 'withdrawn', reason: 'need_met_elsewhere' },
        );
        record.of = referral;
        if (record.outcome !== 'ok') return false;
        this.acknowledged.withdrawals.push(referral);
        return true;
      }
      case 'login': {
        if (!client.authenticator?.available()) return true;
        return client.signIn(person.email, person.password);
      }
    }
  }
}

const ATTRIBUTES = {
  sex: 'Female',
  ageAtIdentification: 27,
  nationality: 'EC',
  province: 'Pichincha',
  traffickingStatus: 'Actual',
  exploitationTypes: ['SexualExploitation'],
  recruitmentMethods: [],
  controlMethods: ['DebtBondage'],
  vulnerabilityGroups: ['woman'],
};

/** The person's written consent to a health referral (identity kept out: `minimal` only). */
function healthConsent() {
  return {
    givenBy: 'person',
    method: 'written',
    givenAt: new Date(Date.now() - 60_000).toISOString(),
    purposes: ['service_referral', 'information_sharing'],
    scope: [{ sectors: ['health'], institutionIds: [], categories: ['minimal'] }],
  };
}

function caseIdOf(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  return field((json as { case?: unknown }).case, 'id');
}

function choose(roll: number): Operation {
  let left = roll * TOTAL_WEIGHT;
  for (const [operation, weight] of OPERATIONS) {
    left -= weight;
    if (left < 0) return operation;
  }
  return 'read';
}

/** A small seeded generator (mulberry32): the same mix for the same seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A fresh seed per run when none is given (printed, to repeat a run). */
export const randomSeed = () => randomBytes(2).readUInt16BE();
