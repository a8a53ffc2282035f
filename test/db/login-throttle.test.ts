import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import {
  DEFAULT_THROTTLE_POLICY,
  LoginThrottle,
  type ThrottlePolicy,
} from '../../server/modules/auth/login-throttle';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase();
});
afterEach(() => t.close());

const throttle = (policy: Partial<ThrottlePolicy> = {}) =>
  new LoginThrottle(t.store, randomBytes(32), { ...DEFAULT_THROTTLE_POLICY, ...policy });

const email = 'ana.perez@municipio.gob.ec';
const home = '203.0.113.7';
const attacker = '198.51.100.9';

async function fail(limiter: LoginThrottle, times: number, who = email, ip = attacker) {
  let locked = false;
  for (let i = 0; i < times; i++) locked = (await limiter.recordFailure(who, ip)).locked;
  return locked;
}

describe(`login throttle (${engine})`, () => {
  it('locks an account for 15 minutes after 10 consecutive failures from one address', async () => {
    const limiter = throttle();
    expect(await fail(limiter, 9)).toBe(false);
    expect(await limiter.check(email, attacker)).toEqual({ allowed: true });
    expect(await fail(limiter, 1)).toBe(true);
    const verdict = await limiter.check(email, attacker);
    expect(verdict.allowed).toBe(false);
    expect(verdict.allowed ? 0 : verdict.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(verdict.allowed ? 0 : verdict.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
  });

  it('does not let an attacker elsewhere lock the real user out', async () => {
    const limiter = throttle();
    await fail(limiter, 12, email, attacker);
    expect(await limiter.check(email, home)).toEqual({ allowed: true });
  });

  it('starts counting again after a success', async () => {
    const limiter = throttle();
    await fail(limiter, 9);
    await limiter.recordSuccess(email, attacker);
    expect(await fail(limiter, 9)).toBe(false);
    expect(await limiter.check(email, attacker)).toEqual({ allowed: true });
  });

  it('blocks an address that fails too often across accounts', async () => {
    const limiter = throttle({ failuresPerIpPerDay: 5 });
    for (let i = 0; i < 5; i++) await limiter.recordFailure(`user${i}@municipio.gob.ec`, attacker);
    expect((await limiter.check('someone.else@municipio.gob.ec', attacker)).allowed).toBe(false);
    expect((await limiter.check('someone.else@municipio.gob.ec', home)).allowed).toBe(true);
  });

  it('lifts the lock when it expires', async () => {
    const limiter = throttle({ consecutivePerAccountAndIp: 2, lockSeconds: 1 });
    expect(await fail(limiter, 2)).toBe(true);
    expect((await limiter.check(email, attacker)).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(await limiter.check(email, attacker)).toEqual({ allowed: true });
  });

  it('stores neither the email nor the address', async () => {
    await fail(throttle(), 3);
    const raw = await inActorTransaction(t.store, SYSTEM_ACTOR, async (trx) => {
      const { rows } = await sql`select l::text as row from login_throttle l`.execute(trx);
      return JSON.stringify(rows);
    });
    expect(raw).toContain('acct_ip:');
    expect(raw).not.toContain(email);
    expect(raw).not.toContain(attacker);
  });
});
