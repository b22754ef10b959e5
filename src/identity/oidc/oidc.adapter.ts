import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import type { Clock } from '../../platform/time/clock.ts';
import type { OidcDb } from './oidc.store.ts';

/** Expired rows are swept at most this often, by whichever write comes first. */
const SWEEP_EVERY_MS = 60_000;

/**
 * oidc-provider's storage on our database (`identity.oidc_model`), for every model but `Client`:
 * clients come from the operator's register (`clientMetadata`), so revoking one takes effect
 * on the next request. Works the same on PGlite and PostgreSQL.
 */
export function databaseAdapter(options: {
  readonly db: OidcDb;
  readonly clock: Clock;
  readonly clientMetadata: (clientId: string) => Promise<AdapterPayload | undefined>;
}): AdapterFactory {
  const { db, clock } = options;
  let lastSweep = 0;

  async function sweep(): Promise<void> {
    const now = clock.now();
    if (now.getTime() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now.getTime();
    await db.deleteFrom('identity.oidc_model').where('expires_at', '<', now).execute();
  }

  function live(row: { payload: unknown; expires_at: Date | null; consumed_at: Date | null }) {
    if (row.expires_at !== null && row.expires_at.getTime() <= clock.now().getTime()) {
      return undefined;
    }
    const payload = row.payload as AdapterPayload;
    return row.consumed_at === null
      ? payload
      : { ...payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) };
  }

  return (model: string): Adapter => {
    if (model === 'Client') {
      return {
        find: (id) => options.clientMetadata(id),
        upsert: () => Promise.reject(new Error('clients are registered by the operator')),
        destroy: () => Promise.reject(new Error('clients are revoked by the operator')),
        findByUid: () => Promise.resolve(undefined),
        findByUserCode: () => Promise.resolve(undefined),
        consume: () => Promise.resolve(undefined),
        revokeByGrantId: () => Promise.resolve(undefined),
      };
    }
    const base = db.selectFrom('identity.oidc_model').where('model', '=', model);
    return {
      async upsert(id, payload, expiresIn) {
        const row = {
          model,
          id,
          payload: JSON.stringify(payload) as unknown,
          grant_id: payload.grantId ?? null,
          uid: payload.uid ?? null,
          user_code: payload.userCode ?? null,
          expires_at:
            expiresIn === undefined ? null : new Date(clock.now().getTime() + expiresIn * 1000),
          consumed_at: null,
        };
        await db
          .insertInto('identity.oidc_model')
          .values(row)
          .onConflict((oc) =>
            oc.columns(['model', 'id']).doUpdateSet({
              payload: row.payload,
              grant_id: row.grant_id,
              uid: row.uid,
              user_code: row.user_code,
              expires_at: row.expires_at,
            }),
          )
          .execute();
        await sweep();
      },
      async find(id) {
        const row = await base
          .select(['payload', 'expires_at', 'consumed_at'])
          .where('id', '=', id)
          .executeTakeFirst();
        return row === undefined ? undefined : live(row);
      },
      async findByUid(uid) {
        const row = await base
          .select(['payload', 'expires_at', 'consumed_at'])
          .where('uid', '=', uid)
          .executeTakeFirst();
        return row === undefined ? undefined : live(row);
      },
      async findByUserCode(userCode) {
        const row = await base
          .select(['payload', 'expires_at', 'consumed_at'])
          .where('user_code', '=', userCode)
          .executeTakeFirst();
        return row === undefined ? undefined : live(row);
      },
      async consume(id) {
        await db
          .updateTable('identity.oidc_model')
          .set({ consumed_at: clock.now() })
          .where('model', '=', model)
          .where('id', '=', id)
          .execute();
      },
      async destroy(id) {
        await db
          .deleteFrom('identity.oidc_model')
          .where('model', '=', model)
          .where('id', '=', id)
          .execute();
      },
      async revokeByGrantId(grantId) {
        await db
          .deleteFrom('identity.oidc_model')
          .where('model', '=', model)
          .where('grant_id', '=', grantId)
          .execute();
      },
    };
  };
}
