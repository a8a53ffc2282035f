/**
 * The bare server's signed-in baselines: per scenario, the rows Amparo's use
 * case reads or writes, in one transaction that sets the same RLS context
 * (the same three set_config values, as the same database role), with plain
 * SQL and nothing else: no session, no account re-read, no policy module, no
 * decryption or encryption (ciphertext columns get random bytes of a
 * realistic size), no audit event, no sealing, no request log. The actor is
 * named by the request (`x-bench-actor: id,role,institutionId`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Express, Request } from 'express';

/** Runs `text` with `$n` parameters; the rows. */
export type Query = (text: string, params?: unknown[]) => Promise<unknown[]>;
/** BEGIN, work, COMMIT (ROLLBACK on error) on one connection. */
export type Transact = <T>(work: (query: Query) => Promise<T>) => Promise<T>;

export const NOTE_BODY =
  'Llamada de seguimiento: la persona confirma la cita médica del jueves y pide ' +
  'acompañamiento para la audiencia; se coordina transporte con la fiscalía.';
/** About the size of Amparo's encrypted disclosure package for the referral case. */
export const PACKAGE_BYTES = 460;

export interface BareReferral {
  caseId: string;
  institutionId: string;
  services: string[];
  urgency: string;
  acknowledgeBy: string;
  categories: string[];
  consentId: string;
  teamId: string;
}

const SYSTEM = { id: '00000000-0000-0000-0000-000000000000', role: 'system', institutionId: '' };
type Actor = typeof SYSTEM;

/** The statement setActorContext sends (server/db/rls-context.ts). */
const SET_ACTOR = `select set_config('app.actor_id', $1, true),
       set_config('app.actor_role', $2, true),
       set_config('app.institution_id', $3, true)`;
const IDENTIFIED_ON = `to_char(identified_on, 'YYYY-MM-DD') as identified_on_text`;

export function bareRoutes(app: Express, transact: Transact): void {
  const asActor = <T>(actor: Actor, work: (query: Query) => Promise<T>) =>
    transact(async (query) => {
      await query(SET_ACTOR, [actor.id, actor.role, actor.institutionId]);
      return work(query);
    });

  // case-read: the case row (all columns, as findCase) and its wrapped key row.
  app.get('/bare/cases/:id', async (req, res) => {
    const found = await asActor(actorOf(req), async (query) => {
      const [row] = await query(`select *, ${IDENTIFIED_ON} from cases where id = $1`, [
        req.params.id,
      ]);
      const [key] = await query(
        'select kek_version, wrapped_key from case_keys where case_id = $1',
        [req.params.id],
      );
      return row && key ? row : undefined;
    });
    if (!found) res.status(404).end();
    else res.json(found);
  });

  // case-list: listCases' query, default page (50 + 1 to know whether more follow).
  app.get('/bare/cases', async (req, res) => {
    const items = await asActor(actorOf(req), (query) =>
      query(
        `select id, case_number, status, risk_level, sex, age_band, team_id, assigned_to,
                created_at, updated_at, version, erased_at, ${IDENTIFIED_ON}
         from cases
         order by date_trunc('milliseconds', created_at) desc, id desc limit $1`,
        [51],
      ),
    );
    res.json({ items, nextCursor: null });
  });

  // auth-me: the account row with its institution (findCredentialsById), as the system.
  app.get('/bare/me', async (req, res) => {
    const { id } = actorOf(req);
    const [user] = await asActor(SYSTEM, (query) =>
      query(
        `select u.id, u.email, u.display_name, u.role, u.password_hash, u.password_must_change,
                u.active, u.totp_secret_enc, u.totp_kek_version, u.totp_enabled_at,
                u.totp_last_step, u.totp_locked_at, u.sessions_valid_after,
                i.id as institution_id, i.name as institution_name,
                i.sector as institution_sector, i.disabled_at as institution_disabled_at
         from users u join institutions i on i.id = u.institution_id where u.id = $1`,
        [id],
      ),
    );
    if (!user) res.status(404).end();
    else res.json(user);
  });

  // note-write: one case_notes row (body as bytes, not encrypted).
  app.post('/bare/cases/:id/notes', async (req, res) => {
    const actor = actorOf(req);
    const { body } = req.body as { body: string };
    const [row] = await asActor(actor, (query) =>
      query(
        `insert into case_notes (id, case_id, author_id, body_enc) values ($1, $2, $3, $4)
         returning id, author_id, created_at`,
        [randomUUID(), req.params.id, actor.id, Buffer.from(body, 'utf8')],
      ),
    );
    res.status(201).json(row);
  });

  // referral-create: the five inserts of createReferral (referral, its key, its consent
  // link, the package, the first history entry); key and package are random bytes.
  app.post('/bare/referrals', async (req, res) => {
    const actor = actorOf(req);
    const input = req.body as BareReferral & { packageBytes: number };
    const id = randomUUID();
    const now = new Date();
    await asActor(actor, async (query) => {
      await query(
        `insert into referrals (id, case_id, institution_id, services, urgency, categories,
           acknowledge_by, status, vital_interest_override, sender_team_id, created_by,
           created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, 'sent', false, $8, $9, $10, $10)`,
        [
          id,
          input.caseId,
          input.institutionId,
          input.services,
          input.urgency,
          ['minimal', ...input.categories],
          new Date(input.acknowledgeBy),
          input.teamId,
          actor.id,
          now,
        ],
      );
      await query(
        `insert into referral_keys (referral_id, case_id, kek_version, wrapped_key)
         values ($1, $2, 1, $3)`,
        [id, input.caseId, randomBytes(60)],
      );
      await query('insert into referral_consents (referral_id, consent_id) values ($1, $2)', [
        id,
        input.consentId,
      ]);
      await query('insert into referral_packages (referral_id, content_enc) values ($1, $2)', [
        id,
        randomBytes(input.packageBytes),
      ]);
      await query(
        `insert into referral_events (referral_id, from_status, to_status, actor_kind, actor_id,
           created_at) values ($1, null, 'sent', 'user', $2, $3)`,
        [id, actor.id, now],
      );
    });
    res.status(201).json({ id, status: 'sent', createdAt: now.toISOString() });
  });
}

function actorOf(req: Request): Actor {
  const [id = '', role = '', institutionId = ''] = (req.get('x-bench-actor') ?? '').split(',');
  if (!id || !role) throw new Error('x-bench-actor: id,role,institutionId');
  return { id, role, institutionId };
}
