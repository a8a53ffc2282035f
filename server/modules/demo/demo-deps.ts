import type { KeyEncryptionKeys } from '../../../security/crypto';
import type { Store } from '../../db/actor-transaction';
import type { DemoCalendar } from './demo-dates';

/** What the demo data is written with: the same as the modules' routes get. */
export interface DemoDeps {
  store: Store;
  keyring: KeyEncryptionKeys;
  clock: () => Date;
  /** TRAINING_RETENTION_YEARS: how long participants' identities are kept. */
  retentionYears: number;
  /** PUBLIC_URL: where certificates are verified. */
  publicUrl: string;
}

/** A part of the demo data: the deps, and the days it is dated on. */
export interface DemoPartDeps extends DemoDeps {
  calendar: DemoCalendar;
}
