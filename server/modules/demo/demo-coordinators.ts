import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { ARGON2_OPTIONS } from '../../../security/passwords';
import { inActorTransaction, SYSTEM_ACTOR, type StaffActor } from '../../db/actor-transaction';
import { record } from '../audit';
import { findLeadAgency } from '../institutions';
import * as repo from './demo.repository';
import { inOneTransaction } from './shared-transaction';
import type { DemoPartDeps } from './demo-deps';

/**
 * The three demo coordinators who "wrote" the demo programme: disabled, with
 * no usable password (the hash of random bytes nobody keeps), like the
 * accounts of `npm run seed-demo`. Nobody signs in as them; the records and
 * audit events they wrote show what a coordinator's work looks like, and
 * there are three so that the report's four-eyes rules can be followed (one
 * prepares, another reviews).
 */

export const DEMO_COORDINATORS = [1, 2, 3].map((n) => ({
  email: `demo.coordinator.${n}@example.org`,
  displayName: `Coordinadora demo ${n}`,
}));

export interface DemoCoordinators {
  /** Records the trainings, prepares the report. */
  trainer: StaffActor;
  /** Records the plan, budget and targets, reviews the report. */
  planner: StaffActor;
  /** Records the campaign. */
  campaigner: StaffActor;
  added: number;
}

export async function ensureDemoCoordinators(deps: DemoPartDeps): Promise<DemoCoordinators> {
  const emails = DEMO_COORDINATORS.map((c) => c.email);
  const present = await inActorTransaction(deps.store, SYSTEM_ACTOR, (trx) =>
    repo.usersByEmail(trx, emails),
  );
  // Hashing is slow on purpose: only when an account is missing.
  const unusable =
    present.length < emails.length
      ? await argon2.hash(randomBytes(32).toString('base64'), ARGON2_OPTIONS)
      : '';
  const { accounts, added } = await inOneTransaction(deps.store, (store) =>
    inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
      const lead = (await findLeadAgency(trx))?.id;
      if (!lead) throw new Error('the lead agency is seeded before the demo data');
      const found = new Map((await repo.usersByEmail(trx, emails)).map((u) => [u.email, u]));
      let count = 0;
      const list: StaffActor[] = [];
      for (const coordinator of DEMO_COORDINATORS) {
        let user = found.get(coordinator.email);
        if (!user) {
          const id = await repo.insertDisabledUser(trx, {
            institutionId: lead,
            email: coordinator.email,
            displayName: coordinator.displayName,
            passwordHash: unusable,
          });
          record(trx, {
            action: 'user.create',
            outcome: 'success',
            resourceType: 'user',
            resourceId: id,
          });
          user = { id, email: coordinator.email, institution_id: lead };
          count++;
        }
        list.push({ id: user.id, role: 'coordinator', institutionId: user.institution_id });
      }
      return { accounts: list, added: count };
    }),
  );
  const [trainer, planner, campaigner] = accounts as [StaffActor, StaffActor, StaffActor];
  return { trainer, planner, campaigner, added };
}
