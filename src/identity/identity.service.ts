import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../platform/audit/audit.service.ts';
import { AppError } from '../platform/errors/app-error.ts';
import { Validation } from '../platform/errors/platform.errors.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import type { Clock } from '../platform/time/clock.ts';
import { toBakuDate } from '../platform/time/baku-date.ts';
import {
  AccountExists,
  BadCredentials,
  IdCardNotVerified,
  NotRepresented,
  TooManyAttempts,
  UsernameTaken,
} from './identity.errors.ts';
import { AccountSuspended } from './staff/staff.errors.ts';
import {
  findAccountById,
  findAccountByFin,
  findAccountByUsername,
  usernameKey,
  type Acr,
  type IdentityDb,
} from './identity.store.ts';
import {
  hashPassword,
  passwordProblem,
  verifyAgainstNothing,
  verifyPassword,
} from './passwords.ts';
import type { PersonDirectory, PersonSummary } from './people.ts';
import { representedOn, stillRepresents, type Represented } from './representation.ts';
import type { Session, SessionStore } from './sessions.ts';
import { ACCOUNT_THRESHOLD, ADDRESS_THRESHOLD, LoginThrottle } from './throttle.ts';

const PASSWORD_MESSAGES: Record<'common' | 'contains-username', Record<Lang, string>> = {
  common: {
    az: 'Bu şifrə çox geniş yayılıb və asanlıqla tapılır; başqa şifrə seçin',
    en: 'This password is too common and easy to guess; choose another',
    ru: 'Этот пароль слишком распространён и легко угадывается; выберите другой',
  },
  'contains-username': {
    az: 'Şifrədə istifadəçi adı olmamalıdır',
    en: 'The password must not contain the username',
    ru: 'Пароль не должен содержать имя пользователя',
  },
};

export interface RegisterInput {
  readonly idCardNumber: string;
  readonly fin: string;
  readonly username: string;
  readonly password: string;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
}

export interface LoginContext {
  readonly ip: string;
  readonly userAgent: string | undefined;
  /** Cookie ehis_device, if the browser sent one. */
  readonly knownBrowserToken: string | undefined;
}

export interface RepresentedPerson {
  readonly fin: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly birthDate: string;
  readonly relation: Represented['relation'];
  readonly until: string | null;
}

/** How often a session's "acting for" is checked again with the civil registry. */
const RECHECK_ACTING_MS = 10 * 60_000;

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e.code === '23505' && (e.constraint ?? e.message ?? '').includes(constraint);
}

/**
 * Citizen accounts, password login and representation (issue 4 items 1, 2, 4, 5). People's data
 * comes from the agencies through the exchange (`PersonDirectory`).
 */
export class IdentityService {
  readonly #db: IdentityDb;
  readonly #clock: Clock;
  readonly #audit: AuditLog;
  readonly #people: PersonDirectory | undefined;
  readonly sessions: SessionStore;
  readonly throttle: LoginThrottle;

  constructor(options: {
    readonly db: IdentityDb;
    readonly clock: Clock;
    readonly audit: AuditLog;
    readonly sessions: SessionStore;
    readonly people: PersonDirectory | undefined;
  }) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#audit = options.audit;
    this.#people = options.people;
    this.sessions = options.sessions;
    this.throttle = new LoginThrottle({ db: options.db, clock: options.clock });
  }

  get people(): PersonDirectory {
    if (this.#people === undefined) throw new Error('no person directory: agencies not attached');
    return this.#people;
  }

  #today(): string {
    return toBakuDate(this.#clock.now());
  }

  /** registerCitizen: the card is checked through the exchange before anything is stored. */
  async register(input: RegisterInput, lang: Lang): Promise<{ userId: string }> {
    const problem = passwordProblem(input.password, input.username);
    if (problem !== undefined) {
      throw new AppError(Validation, {
        errors: [{ pointer: '#/password', detail: PASSWORD_MESSAGES[problem][lang] }],
      });
    }
    const actor = `citizen:${input.fin}`;
    const card = await this.people.verifyIdCard(input.idCardNumber, input.fin, actor);
    if (!card.match || card.status !== 'valid') {
      await this.#audit.append({
        actor,
        action: 'identity.register',
        subjectFin: input.fin,
        outcome: 'refused',
        resource: card.match ? `id-card:${card.status}` : 'id-card:mismatch',
      });
      throw new AppError(IdCardNotVerified);
    }
    if ((await findAccountByFin(this.#db, input.fin)) !== undefined) {
      throw new AppError(AccountExists);
    }
    if ((await findAccountByUsername(this.#db, input.username)) !== undefined) {
      throw new AppError(UsernameTaken);
    }
    const id = randomUUID();
    const passwordHash = await hashPassword(input.password);
    try {
      await this.#db
        .insertInto('identity.account')
        .values({
          id,
          kind: 'natural-person',
          fin: input.fin,
          username: input.username.normalize('NFC'),
          username_key: usernameKey(input.username),
          password_hash: passwordHash,
          email: input.email ?? null,
          phone: input.phone ?? null,
          status: 'active',
          created_at: this.#clock.now(),
        })
        .execute();
    } catch (error) {
      // Two registrations raced past the checks above: the unique indexes decide.
      if (isUniqueViolation(error, 'fin')) throw new AppError(AccountExists);
      if (isUniqueViolation(error, 'username')) throw new AppError(UsernameTaken);
      throw error;
    }
    await this.#audit.append({
      actor,
      action: 'identity.register',
      subjectFin: input.fin,
      resource: `account:${id}`,
      outcome: 'success',
    });
    return { userId: id };
  }

  /** login (password): one answer for a wrong username and a wrong password (seed 000 §3.2.1). */
  async loginWithPassword(
    username: string,
    password: string,
    context: LoginContext,
  ): Promise<{ token: string; session: Session; knownBrowserToken: string }> {
    const accountKey = `user:${usernameKey(username)}`;
    const addressKey = `ip:${context.ip}`;
    const account = await findAccountByUsername(this.#db, username);
    const known =
      account !== undefined &&
      (await this.throttle.isKnownBrowser(account.id, context.knownBrowserToken));
    const browserKey =
      known && context.knownBrowserToken !== undefined
        ? `browser:${context.knownBrowserToken.slice(0, 16)}`
        : undefined;
    const keys = [addressKey, known && browserKey !== undefined ? browserKey : accountKey];
    const wait = await this.throttle.retryAfterSeconds(keys);
    if (wait > 0) {
      await this.#audit.append({
        actor:
          account?.fin === null || account === undefined
            ? `username:${usernameKey(username)}`
            : `citizen:${account.fin}`,
        action: 'identity.login',
        resource: 'password',
        outcome: 'refused',
        purpose: 'throttled',
      });
      throw new AppError(TooManyAttempts, {
        params: { seconds: wait },
        headers: { 'retry-after': String(wait) },
      });
    }
    const ok =
      account?.password_hash !== null &&
      account?.password_hash !== undefined &&
      account.status === 'active'
        ? await verifyPassword(account.password_hash, password)
        : await verifyAgainstNothing(password);
    if (!ok || account === undefined) {
      await this.throttle.fail([
        { key: addressKey, threshold: ADDRESS_THRESHOLD },
        known && browserKey !== undefined
          ? { key: browserKey, threshold: ACCOUNT_THRESHOLD }
          : { key: accountKey, threshold: ACCOUNT_THRESHOLD },
      ]);
      await this.#audit.append({
        actor: account?.fin ? `citizen:${account.fin}` : `username:${usernameKey(username)}`,
        action: 'identity.login',
        resource: 'password',
        outcome: 'refused',
      });
      throw new AppError(BadCredentials);
    }
    await this.throttle.reset(accountKey);
    if (browserKey !== undefined) await this.throttle.reset(browserKey);
    const created = await this.startSession(account.id, { acr: 'low', amr: ['pwd'] }, context);
    const knownBrowserToken = known
      ? (context.knownBrowserToken as string)
      : await this.throttle.rememberBrowser(account.id);
    return { ...created, knownBrowserToken };
  }

  /**
   * The account of a person proved by a certificate or device (IAM-004-5.3: the personal cabinet
   * is created automatically at the first login). A new account has no password and its username
   * is the FİN until the person chooses one.
   */
  async ensureAccountForFin(fin: string): Promise<string> {
    const existing = await findAccountByFin(this.#db, fin);
    if (existing !== undefined) return existing.id;
    const id = randomUUID();
    await this.#db
      .insertInto('identity.account')
      .values({
        id,
        kind: 'natural-person',
        fin,
        username: fin,
        username_key: usernameKey(fin),
        password_hash: null,
        email: null,
        phone: null,
        status: 'active',
        created_at: this.#clock.now(),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const account = await findAccountByFin(this.#db, fin);
    if (account === undefined) throw new Error(`account for ${fin} could not be created`);
    if (account.id === id) {
      await this.#audit.append({
        actor: `citizen:${fin}`,
        action: 'identity.account-created',
        subjectFin: fin,
        resource: `account:${id}`,
        outcome: 'success',
      });
    }
    return account.id;
  }

  /** Opens a session after any login method has proved who the user is; audited. */
  async startSession(
    accountId: string,
    login: { acr: Acr; amr: readonly string[] },
    context: { ip: string; userAgent: string | undefined },
  ): Promise<{ token: string; session: Session }> {
    // A suspended account (IAM-004-6.2.6) opens no session, whatever the login method.
    const account = await findAccountById(this.#db, accountId);
    if (account?.status === 'suspended') {
      await this.#audit.append({
        actor: account.fin === null ? `account:${accountId}` : `citizen:${account.fin}`,
        action: 'identity.login',
        resource: login.amr.join(' '),
        outcome: 'refused',
        purpose: 'account-suspended',
      });
      throw new AppError(AccountSuspended);
    }
    const created = await this.sessions.create(accountId, {
      ...login,
      ip: context.ip,
      ...(context.userAgent === undefined ? {} : { userAgent: context.userAgent }),
    });
    await this.#audit.append({
      actor:
        created.session.fin === null ? `account:${accountId}` : `citizen:${created.session.fin}`,
      action: 'identity.login',
      resource: login.amr.join(' '),
      outcome: 'success',
    });
    return created;
  }

  /** getMe's personal data: from the population register, cached for the session's life only. */
  async profile(session: Session): Promise<PersonSummary | undefined> {
    if (session.profile !== null && session.profile !== undefined) {
      return session.profile as PersonSummary;
    }
    if (session.fin === null) return undefined;
    const person = await this.people.person(session.fin, `citizen:${session.fin}`);
    if (person !== undefined) await this.sessions.setProfile(session.id, person);
    return person;
  }

  /** listRepresentedPersons: minors whose parent, and wards whose guardian, the user is today. */
  async represented(session: Session): Promise<RepresentedPerson[]> {
    if (session.fin === null) return [];
    const actor = `citizen:${session.fin}`;
    const [children, guardianships] = await Promise.all([
      this.people.childrenOf(session.fin, actor),
      this.people.guardianshipsOf(session.fin, actor),
    ]);
    const rights = representedOn(session.fin, children, guardianships, this.#today());
    const names = new Map(children.map((c) => [c.fin, c]));
    const result: RepresentedPerson[] = [];
    for (const right of rights) {
      const known = names.get(right.fin) ?? (await this.people.person(right.fin, actor));
      if (known === undefined) continue;
      result.push({
        fin: right.fin,
        firstName: known.firstName,
        lastName: known.lastName,
        birthDate: known.birthDate,
        relation: right.relation,
        until: right.until,
      });
    }
    return result.sort((a, b) => a.birthDate.localeCompare(b.birthDate));
  }

  /** actFor: switch the session to one of the persons the user represents; `null` returns to self. */
  async actFor(session: Session, fin: string | null): Promise<RepresentedPerson | undefined> {
    const actor = session.fin === null ? `account:${session.accountId}` : `citizen:${session.fin}`;
    if (fin === null || fin === session.fin) {
      await this.sessions.setActingFor(session.id, undefined);
      await this.#audit.append({ actor, action: 'identity.act-for', outcome: 'success' });
      return undefined;
    }
    const right = (await this.represented(session)).find((p) => p.fin === fin);
    if (right === undefined) {
      await this.#audit.append({
        actor,
        action: 'identity.act-for',
        subjectFin: fin,
        outcome: 'refused',
      });
      throw new AppError(NotRepresented);
    }
    await this.sessions.setActingFor(session.id, {
      fin,
      relation: right.relation,
      until: right.until,
      name: `${right.firstName} ${right.lastName}`,
    });
    await this.#audit.append({
      actor,
      onBehalfOf: fin,
      action: 'identity.act-for',
      subjectFin: fin,
      resource: right.relation,
      outcome: 'success',
    });
    return right;
  }

  /**
   * The person a request acts for, checked again: the date (the 18th birthday) on every request,
   * the civil registry every 10 minutes (a court may end a guardianship early). A right that
   * lapsed ends the "acting for" and the request is refused.
   */
  async checkActingFor(session: Session): Promise<string | undefined> {
    const acting = session.actingFor;
    if (acting === undefined) return undefined;
    let holds = stillRepresents(acting.until, this.#today());
    if (
      holds &&
      this.#people !== undefined &&
      this.#clock.now().getTime() - acting.checkedAt.getTime() >= RECHECK_ACTING_MS
    ) {
      const right = (await this.represented(session)).find((p) => p.fin === acting.fin);
      holds = right !== undefined;
      if (right !== undefined) {
        await this.sessions.setActingFor(session.id, {
          fin: right.fin,
          relation: right.relation,
          until: right.until,
          name: `${right.firstName} ${right.lastName}`,
        });
      }
    }
    if (!holds) {
      await this.sessions.setActingFor(session.id, undefined);
      await this.#audit.append({
        actor: `citizen:${session.fin ?? session.accountId}`,
        action: 'identity.act-for-ended',
        subjectFin: acting.fin,
        outcome: 'success',
      });
      throw new AppError(NotRepresented);
    }
    return acting.fin;
  }

  async logout(session: Session): Promise<void> {
    await this.sessions.end(session.id, 'logout');
    await this.#audit.append({
      actor: session.fin === null ? `account:${session.accountId}` : `citizen:${session.fin}`,
      action: 'identity.logout',
      outcome: 'success',
    });
  }
}
