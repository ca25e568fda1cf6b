import { createHash, randomBytes } from "node:crypto";
import argon2 from "argon2";
import type { Principal } from "../../platform/auth/principal.js";
import type { Clock } from "../../platform/clock.js";
import { RuleError } from "../../platform/forms/rule-error.js";
import type { Outbox } from "../../platform/outbox/outbox.js";
import type { DataAccess, TenantContext, TenantDb } from "../../platform/tenancy/data-access.js";
import * as repo from "./auth.repository.js";
import { passwordProblem } from "./password-policy.js";
import type { SignInOutcome, User } from "./schema.js";

/** After this many wrong passwords in a row the account is locked, whatever is typed next. */
export const MAX_FAILED_ATTEMPTS = 10;
export const LOCK_MINUTES = 30;
const RESET_LINK_MINUTES = 60;
const SET_LINK_DAYS = 7;

export type SignInResult = { ok: true; principal: Principal } | { ok: false; reason: "invalid" | "locked" };

const actor = { id: "system:sign-in" };
let dummyHash: Promise<string> | undefined;

/** Local accounts: argon2id passwords, lock-out after repeated failures, links to set or reset a password. */
export class AuthService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  async signInWithPassword(tenantId: string, email: string, password: string): Promise<SignInResult> {
    const ctx = { tenantId, actor };
    const user = await this.data.run(ctx, (db) => repo.findUserByEmail(db, email));
    const now = this.clock.now();
    if (!user || user.status === "disabled" || !user.password_hash) {
      // Spend the same time as a real check, so timing does not reveal who has an account.
      await argon2.verify(await this.#dummyHash(), password).catch(() => false);
      const outcome = !user ? "unknown_user" : user.status === "disabled" ? "disabled" : "no_password";
      await this.#record(tenantId, user ?? null, email, outcome);
      return { ok: false, reason: "invalid" };
    }
    if (user.locked_until && user.locked_until > now) {
      await this.#record(tenantId, user, email, "locked");
      return { ok: false, reason: "locked" };
    }
    const correct = await argon2.verify(user.password_hash, password).catch(() => false);
    return this.data.run({ tenantId, actor: { id: `user:${user.id}` } }, async (db) => {
      if (!correct) {
        const failed = user.failed_attempts + 1;
        const lock = failed >= MAX_FAILED_ATTEMPTS;
        await db
          .updateTable("users")
          .set({
            failed_attempts: failed,
            locked_until: lock ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null,
          })
          .where("id", "=", user.id)
          .execute();
        await this.#insertEvent(db, user, email, "wrong_password");
        return { ok: false, reason: lock ? "locked" : "invalid" };
      }
      await db
        .updateTable("users")
        .set({ failed_attempts: 0, locked_until: null, last_signed_in_at: now })
        .where("id", "=", user.id)
        .execute();
      await this.#insertEvent(db, user, email, "signed_in");
      return { ok: true, principal: await this.principalFor(db, user) };
    });
  }

  /** Single sign-on: the provider has vouched for the address; the account must exist and be active. */
  async signInWithOidc(tenantId: string, email: string): Promise<SignInResult> {
    const user = await this.data.run({ tenantId, actor }, (db) => repo.findUserByEmail(db, email));
    if (user?.status !== "active") {
      await this.#record(tenantId, user ?? null, email, user ? "disabled" : "unknown_user", "oidc");
      return { ok: false, reason: "invalid" };
    }
    return this.data.run({ tenantId, actor: { id: `user:${user.id}` } }, async (db) => {
      await db
        .updateTable("users")
        .set({ last_signed_in_at: this.clock.now() })
        .where("id", "=", user.id)
        .execute();
      await this.#insertEvent(db, user, email, "signed_in", "oidc");
      return { ok: true, principal: await this.principalFor(db, user) };
    });
  }

  async principalFor(db: TenantDb, user: User): Promise<Principal> {
    const roles = await repo.rolesOf(db, user.id);
    return {
      userId: user.id,
      tenantId: user.tenant_id,
      displayName: user.display_name,
      personId: user.person_id ?? null,
      roles,
    };
  }

  /**
   * Emails a link to reset the password, if there is an active account for the address. The
   * answer is the same either way, so the page cannot be used to find out who has an account.
   */
  async requestPasswordReset(tenantId: string, email: string, baseUrl: string): Promise<void> {
    await this.data.run({ tenantId, actor }, async (db) => {
      const user = await repo.findUserByEmail(db, email);
      if (user?.status !== "active") return;
      const link = await this.#newToken(db, user.id, "reset", RESET_LINK_MINUTES * 60_000, baseUrl);
      await this.outbox.enqueue(db, {
        to: user.email,
        subject: "Reset your Workforce Academy password",
        body: `Use this link to choose a new password. It works once, for the next hour:\n\n${link}\n\nIf you did not ask to reset your password, you can ignore this email.`,
      });
    });
  }

  /** A new account's "set your password" email (7 days). */
  async sendSetPasswordLink(tenantId: string, userId: string, baseUrl: string): Promise<void> {
    await this.data.run({ tenantId, actor }, async (db) => {
      const user = await repo.findUser(db, userId);
      if (!user) throw new RuleError("user", "Account not found");
      const link = await this.#newToken(db, user.id, "set", SET_LINK_DAYS * 86_400_000, baseUrl);
      await this.outbox.enqueue(db, {
        to: user.email,
        subject: "Set your Workforce Academy password",
        body: `An account has been made for you. Use this link to choose your password. It works once, for 7 days:\n\n${link}`,
      });
    });
  }

  /** Whether a set or reset link can still be used (for showing the form or an "expired" page). */
  async tokenIsValid(tenantId: string, token: string): Promise<boolean> {
    return this.data.run({ tenantId, actor }, async (db) => (await this.#findToken(db, token)) !== undefined);
  }

  async setPasswordWithToken(tenantId: string, token: string, password: string): Promise<void> {
    await this.data.run({ tenantId, actor }, async (db) => {
      const found = await this.#findToken(db, token);
      if (!found)
        throw new RuleError("password", "This link has expired or has already been used. Ask for a new one");
      const user = await repo.findUser(db, found.user_id);
      if (!user) throw new RuleError("password", "Account not found");
      const problem = passwordProblem(password, user.email);
      if (problem) throw new RuleError("password", problem);
      await db
        .updateTable("users")
        .set({ password_hash: await hashPassword(password), failed_attempts: 0, locked_until: null })
        .where("id", "=", user.id)
        .execute();
      await db
        .updateTable("password_tokens")
        .set({ used_at: this.clock.now() })
        .where("id", "=", found.id)
        .execute();
    });
  }

  /** Creates an account with its roles (demo data, administrators' pages and tests). */
  async createUser(
    db: TenantDb,
    user: {
      email: string;
      displayName: string;
      personId?: string | null;
      password?: string;
      roles: { role: string; unitId: string | null }[];
    },
  ): Promise<string> {
    if (user.password) {
      const problem = passwordProblem(user.password, user.email);
      if (problem) throw new RuleError("password", problem);
    }
    const row = await db
      .insertInto("users")
      .values({
        email: user.email.trim().toLowerCase(),
        display_name: user.displayName,
        person_id: user.personId ?? null,
        password_hash: user.password ? await hashPassword(user.password) : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (user.roles.length) {
      await db
        .insertInto("user_roles")
        .values(user.roles.map((r) => ({ user_id: row.id, role: r.role, unit_id: r.unitId })))
        .execute();
    }
    return row.id;
  }

  /** Sign-ins and failed sign-ins, newest first, for the audit pages. */
  async signIns(ctx: TenantContext, q: repo.SignInQuery, page: number, pageSize: number) {
    return this.data.run(ctx, async (db) => {
      const [total, rows] = await Promise.all([
        repo.countSignInEvents(db, q),
        repo.signInEvents(db, q, pageSize, (page - 1) * pageSize),
      ]);
      return { total, rows, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
    });
  }

  async #newToken(db: TenantDb, userId: string, purpose: "set" | "reset", lifeMs: number, baseUrl: string) {
    const token = randomBytes(32).toString("base64url");
    await db
      .insertInto("password_tokens")
      .values({
        user_id: userId,
        token_hash: sha256(token),
        purpose,
        expires_at: new Date(this.clock.now().getTime() + lifeMs),
      })
      .execute();
    return `${baseUrl.replace(/\/$/, "")}/password/set/${token}`;
  }

  #findToken(db: TenantDb, token: string) {
    return db
      .selectFrom("password_tokens")
      .selectAll()
      .where("token_hash", "=", sha256(token))
      .where("used_at", "is", null)
      .where("expires_at", ">", this.clock.now())
      .executeTakeFirst();
  }

  #record(
    tenantId: string,
    user: User | null,
    email: string,
    outcome: SignInOutcome,
    method: "password" | "oidc" = "password",
  ) {
    return this.data.run({ tenantId, actor }, (db) => this.#insertEvent(db, user, email, outcome, method));
  }

  async #insertEvent(
    db: TenantDb,
    user: User | null,
    email: string,
    outcome: SignInOutcome,
    method: "password" | "oidc" = "password",
  ) {
    await db
      .insertInto("sign_in_events")
      .values({
        user_id: user?.id ?? null,
        email: email.trim().toLowerCase().slice(0, 320),
        method,
        outcome,
        occurred_at: this.clock.now(),
      })
      .execute();
  }

  #dummyHash(): Promise<string> {
    dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
    return dummyHash;
  }
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
