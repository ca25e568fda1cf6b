import { randomBytes } from "node:crypto";
import { Signer } from "@fastify/cookie";
import type { Session } from "fastify";
import { type Kysely, sql } from "kysely";
import type { Principal } from "../auth/principal.js";
import type { Clock } from "../clock.js";
import type { Database } from "../db/schema.js";

type Callback = (err?: unknown) => void;

export const SESSION_COOKIE = "wa_session";

/**
 * Server-side sessions in the database (both PGlite and PostgreSQL): the cookie holds only a
 * signed random id. A session lapses after the idle timeout unless used.
 */
export class DatabaseSessionStore {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;
  readonly #idleMs: number;

  readonly #signer: Signer;

  constructor(db: Kysely<Database>, clock: Clock, idleMinutes: number, secret: string) {
    this.#db = db;
    this.#clock = clock;
    this.#idleMs = idleMinutes * 60_000;
    this.#signer = new Signer(secret);
  }

  /**
   * Opens a signed-in session without the sign-in pages and returns its cookie header
   * (`wa_session=…`): for tests, benchmarks and command-line tools.
   */
  async openSessionFor(principal: Principal): Promise<string> {
    const id = randomBytes(24).toString("base64url");
    const now = this.#clock.now().getTime();
    const session = { cookie: { originalMaxAge: null }, principal, createdAt: now, lastSeenAt: now };
    await new Promise<void>((resolve, reject) =>
      this.set(id, session as unknown as Session, (err) => (err ? reject(err) : resolve())),
    );
    return `${SESSION_COOKIE}=${encodeURIComponent(this.#signer.sign(id))}`;
  }

  set(sessionId: string, session: Session, callback: Callback): void {
    const now = this.#clock.now();
    const expires = new Date(now.getTime() + this.#idleMs);
    const data = JSON.stringify(session);
    this.#db
      .insertInto("sessions")
      .values({ id: sessionId, data, expires_at: expires, updated_at: now })
      .onConflict((oc) => oc.column("id").doUpdateSet({ data, expires_at: expires, updated_at: now }))
      .execute()
      .then(() => callback(), callback);
  }

  get(sessionId: string, callback: (err: unknown, result?: Session | null) => void): void {
    this.#db
      .selectFrom("sessions")
      .select(["data", "expires_at"])
      .where("id", "=", sessionId)
      .executeTakeFirst()
      .then((row) => {
        if (!row || row.expires_at.getTime() <= this.#clock.now().getTime()) return callback(null, null);
        callback(null, row.data as unknown as Session);
      }, callback);
  }

  destroy(sessionId: string, callback: Callback): void {
    this.#db
      .deleteFrom("sessions")
      .where("id", "=", sessionId)
      .execute()
      .then(() => callback(), callback);
  }

  /**
   * Ends every session of a user (their roles changed or their account was disabled), so the
   * change holds from their next request rather than their next sign-in.
   */
  async endSessionsOf(tenantId: string, userId: string): Promise<number> {
    const result = await this.#db
      .deleteFrom("sessions")
      .where(sql<boolean>`data -> 'principal' ->> 'userId' = ${userId}`)
      .where(sql<boolean>`data -> 'principal' ->> 'tenantId' = ${tenantId}`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Removes lapsed sessions (run by a scheduled job). */
  async purgeExpired(): Promise<number> {
    const result = await this.#db
      .deleteFrom("sessions")
      .where("expires_at", "<=", this.#clock.now())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
