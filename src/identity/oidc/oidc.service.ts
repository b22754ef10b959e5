import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from 'kysely';
import Provider, {
  interactionPolicy,
  type AdapterPayload,
  type Configuration,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { acrAtLeast, SESSION_COOKIE } from '../http-auth.ts';
import type { IdentityService } from '../identity.service.ts';
import type { Acr } from '../identity.store.ts';
import type { Session } from '../sessions.ts';
import { databaseAdapter } from './oidc.adapter.ts';
import { OidcClientNotFound } from './oidc.errors.ts';
import { loadOrCreateOidcKeys, type OidcKeys } from './oidc.keys.ts';
import {
  findActiveClientRow,
  toOidcClient,
  type OidcClient,
  type OidcClientRow,
  type OidcDb,
} from './oidc.store.ts';

const ACRS: readonly Acr[] = ['low', 'substantial', 'high'];
/** Scopes relying parties may ask for; `fin` only when the operator allowed it (allowFin). */
const SCOPES = ['openid', 'profile', 'fin'] as const;

export interface RegisterOidcClientInput {
  readonly name: string;
  readonly member: string;
  readonly redirectUris: readonly string[];
  readonly allowFin: boolean;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The lowest assurance among `acr_values` we know, or undefined when none is asked for. */
export function requestedAcr(acrValues: unknown): Acr | undefined {
  if (typeof acrValues !== 'string') return undefined;
  const asked = acrValues.split(' ').filter((v): v is Acr => ACRS.some((a) => a === v));
  return asked.sort((a, b) => ACRS.indexOf(a) - ACRS.indexOf(b))[0];
}

/**
 * The OpenID Connect provider of the single sign-on (Vahid Giriş Sistemi; IAM-001-004-SSO,
 * IAM-001-2.12): oidc-provider on our database, keys and clients. The EHİS session is the
 * single sign-on session: every authorization checks that the browser still has a live one, of
 * the same person, strong enough for the `acr_values` asked; otherwise the user logs in again.
 */
export class OidcService {
  readonly #db: OidcDb;
  readonly #clock: Clock;
  readonly #audit: AuditLog;
  readonly #identity: IdentityService;
  readonly #options: {
    readonly dataDir: string;
    readonly publicUrl: string | undefined;
    readonly jwks: string | undefined;
    readonly secret: string | undefined;
  };
  #keys: Promise<OidcKeys> | undefined;
  #provider: Promise<Provider> | undefined;

  constructor(deps: {
    readonly db: OidcDb;
    readonly clock: Clock;
    readonly audit: AuditLog;
    readonly identity: IdentityService;
    readonly dataDir: string;
    readonly publicUrl: string | undefined;
    readonly jwks: string | undefined;
    readonly secret: string | undefined;
  }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#audit = deps.audit;
    this.#identity = deps.identity;
    this.#options = deps;
  }

  keys(): Promise<OidcKeys> {
    this.#keys ??= loadOrCreateOidcKeys({
      dataDir: this.#options.dataDir,
      configuredJwks: this.#options.jwks,
      configuredSecret: this.#options.secret,
    });
    return this.#keys;
  }

  /**
   * The provider, made on first use (its keys are generated then, not at every start). `origin`
   * is the server's own address, used as the issuer's origin when no public URL is configured.
   */
  provider(origin: string): Promise<Provider> {
    this.#provider ??= this.#makeProvider(`${this.#options.publicUrl ?? origin}/oidc`);
    this.#provider.catch(() => {
      this.#provider = undefined;
    });
    return this.#provider;
  }

  #secretOf(row: OidcClientRow, key: Buffer): string {
    return createHmac('sha256', key)
      .update(`${row.client_id}:${row.secret_salt}`)
      .digest('base64url');
  }

  async #clientMetadata(clientId: string): Promise<AdapterPayload | undefined> {
    const row = await findActiveClientRow(this.#db, clientId);
    if (row === undefined) return undefined;
    const keys = await this.keys();
    return {
      client_id: row.client_id,
      client_secret: this.#secretOf(row, keys.clientSecretKey),
      client_name: row.name,
      redirect_uris: row.redirect_uris as string[],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: row.allow_fin ? 'openid profile fin' : 'openid profile',
    };
  }

  async #makeProvider(issuer: string): Promise<Provider> {
    const keys = await this.keys();
    const identity = this.#identity;
    const db = this.#db;
    const sessions = identity.sessions;

    const policy = interactionPolicy.base();
    // The EHİS session is the SSO session: the provider's own session only remembers who logged
    // in; each authorization checks the EHİS session still stands and is strong enough.
    policy.get('login')?.checks.add(
      new interactionPolicy.Check(
        'ehis_session',
        'the EHİS session has ended, is another person, or is weaker than acr_values asks',
        async (ctx: KoaContextWithOIDC) => {
          if (ctx.oidc.result?.login !== undefined)
            return interactionPolicy.Check.NO_NEED_TO_PROMPT;
          const token = ctx.cookies.get(SESSION_COOKIE, { signed: false });
          if (token === undefined || token.length > 100) return true;
          const resolved = await sessions.resolve(token);
          if (resolved.kind !== 'active') return true;
          const session = resolved.session;
          if (session.accountId !== ctx.oidc.session?.accountId) return true;
          const needed = requestedAcr(ctx.oidc.params?.acr_values);
          return needed !== undefined && !acrAtLeast(session.acr, needed);
        },
      ),
    );

    const configuration: Configuration = {
      adapter: databaseAdapter({
        db,
        clock: this.#clock,
        clientMetadata: (id) => this.#clientMetadata(id),
      }),
      clients: [],
      jwks: keys.jwks,
      cookies: {
        keys: keys.cookieKeys,
        long: { signed: true, httpOnly: true, sameSite: 'lax' },
        short: { signed: true, httpOnly: true, sameSite: 'lax' },
      },
      scopes: [...SCOPES],
      claims: {
        acr: null,
        amr: null,
        auth_time: null,
        sid: null,
        iss: null,
        // acr and amr go into every ID token, not only when acr_values or claims asked for them.
        openid: ['sub', 'acr', 'amr'],
        profile: ['name', 'given_name', 'family_name', 'birthdate'],
        fin: ['fin'],
      },
      acrValues: [...ACRS],
      // Claims the scopes grant go into the ID token too, not only to userinfo.
      conformIdTokenClaims: false,
      responseTypes: ['code'],
      pkce: { required: () => true },
      features: {
        devInteractions: { enabled: false },
        userinfo: { enabled: true },
        revocation: { enabled: true },
        // Kept on: when another person logs in on the same browser, the provider ends the
        // previous person's provider session through its end-session step first.
        rpInitiatedLogout: { enabled: true },
      },
      interactions: {
        policy,
        url: (_ctx, interaction) => `/oidc/interaction/${interaction.uid}`,
      },
      ttl: {
        AccessToken: 10 * 60,
        AuthorizationCode: 60,
        IdToken: 10 * 60,
        Interaction: 10 * 60,
        Session: 12 * 60 * 60,
        Grant: 12 * 60 * 60,
      },
      // Clients are registered by the operator for state systems: what a client may ask for was
      // decided at registration (allowFin), so the provider grants the scopes it asks for.
      loadExistingGrant: async (ctx) => {
        const { client, session } = ctx.oidc;
        if (client === undefined || session?.accountId === undefined) return undefined;
        const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
        const grant =
          (grantId === undefined ? undefined : await ctx.oidc.provider.Grant.find(grantId)) ??
          new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
        grant.addOIDCScope(
          ctx.oidc.requestParamOIDCScopes
            ? [...ctx.oidc.requestParamOIDCScopes].join(' ')
            : 'openid',
        );
        await grant.save();
        return grant;
      },
      findAccount: async (_ctx, sub) => {
        const account = await db
          .selectFrom('identity.account')
          .select(['fin', 'status'])
          .where('id', '=', sub)
          .executeTakeFirst();
        if (account === undefined || account.status !== 'active') return undefined;
        return {
          accountId: sub,
          async claims(_use, scope) {
            const claims: { sub: string; [key: string]: unknown } = { sub };
            if (account.fin === null) return claims;
            if (scope.split(' ').includes('fin')) claims.fin = account.fin;
            if (scope.split(' ').includes('profile')) {
              const person = await identity.people.person(account.fin, `citizen:${account.fin}`);
              if (person !== undefined) {
                claims.given_name = person.firstName;
                claims.family_name = person.lastName;
                claims.name = `${person.firstName} ${person.lastName}`;
                claims.birthdate = person.birthDate;
              }
            }
            return claims;
          },
        };
      },
      renderError: (ctx, out) => {
        ctx.type = 'application/problem+json';
        ctx.body = JSON.stringify({
          type: `oidc/${out.error}`,
          title: out.error,
          status: ctx.status,
          detail: out.error_description,
        });
      },
    };
    const provider = new Provider(issuer, configuration);
    // Endpoints are published at the issuer's address whatever Host the request came with
    // (oidc.routes.ts sets the forwarded host and protocol from the issuer).
    provider.proxy = true;
    provider.on('server_error', (_ctx, error) => {
      void this.#audit.append({
        actor: 'system:oidc',
        action: 'identity.oidc-error',
        outcome: 'failed',
        purpose: error.message.slice(0, 200),
      });
    });
    return provider;
  }

  /**
   * Finishes an interaction for the browser's EHİS session: the login (with the session's acr
   * and amr), or the consent, which covers what the operator allowed the client (audited).
   */
  async finishInteraction(
    provider: Provider,
    req: IncomingMessage,
    res: ServerResponse,
    session: Session,
  ): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const clientId = text(details.params.client_id);
    const scope = text(details.params.scope);
    if (details.prompt.name === 'consent') {
      const grant =
        (details.grantId === undefined ? undefined : await provider.Grant.find(details.grantId)) ??
        new provider.Grant({ clientId, accountId: session.accountId });
      grant.addOIDCScope(scope === '' ? 'openid' : scope);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } });
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: session.accountId, acr: session.acr, amr: [...session.amr] } },
      { mergeWithLastSubmission: false },
    );
    await this.#audit.append({
      actor: session.fin === null ? `account:${session.accountId}` : `citizen:${session.fin}`,
      action: 'identity.oidc-login',
      resource: `oidc-client:${clientId}`,
      purpose: scope,
      outcome: 'success',
    });
  }

  async registerClient(
    input: RegisterOidcClientInput,
    actor: string,
  ): Promise<{ client: OidcClient; clientSecret: string }> {
    const row: OidcClientRow = {
      client_id: randomBytes(16).toString('base64url'),
      name: input.name,
      member_code: input.member,
      redirect_uris: JSON.stringify(input.redirectUris),
      allow_fin: input.allowFin,
      secret_salt: randomBytes(16).toString('base64url'),
      created_at: this.#clock.now(),
      created_by: actor,
      revoked_at: null,
      revoked_by: null,
    };
    await this.#db.insertInto('identity.oidc_client').values(row).execute();
    await this.#audit.append({
      actor,
      action: 'identity.oidc-client-registered',
      resource: `oidc-client:${row.client_id}`,
      purpose: `${input.member}${input.allowFin ? ' fin' : ''}`,
      outcome: 'success',
    });
    const keys = await this.keys();
    return {
      client: toOidcClient({ ...row, redirect_uris: [...input.redirectUris] }),
      clientSecret: this.#secretOf(row, keys.clientSecretKey),
    };
  }

  async listClients(): Promise<OidcClient[]> {
    const rows = await this.#db
      .selectFrom('identity.oidc_client')
      .selectAll()
      .orderBy('created_at', 'desc')
      .limit(1000)
      .execute();
    return rows.map(toOidcClient);
  }

  /** Revokes a client: the provider knows it no more, and its codes and tokens are dropped. */
  async revokeClient(clientId: string, actor: string): Promise<void> {
    const revoked = await this.#db
      .updateTable('identity.oidc_client')
      .set({ revoked_at: this.#clock.now(), revoked_by: actor })
      .where('client_id', '=', clientId)
      .where('revoked_at', 'is', null)
      .returning('client_id')
      .executeTakeFirst();
    if (revoked === undefined) throw new AppError(OidcClientNotFound);
    await this.#db
      .deleteFrom('identity.oidc_model')
      .where('model', 'in', ['AuthorizationCode', 'AccessToken', 'RefreshToken', 'Grant'])
      .where(sql<string>`payload->>'clientId'`, '=', clientId)
      .execute();
    await this.#audit.append({
      actor,
      action: 'identity.oidc-client-revoked',
      resource: `oidc-client:${clientId}`,
      outcome: 'success',
    });
  }
}
