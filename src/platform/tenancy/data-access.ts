import { type Kysely, sql, type Transaction } from "kysely";
import type { Clock } from "../clock.js";
import type { Database } from "../db/schema.js";
import { APP_ROLE } from "../db/tenant-table.js";

/** Who is making a change: a signed-in user, a feed, a job or the system. Written on every audit row. */
export interface Actor {
  /** e.g. "user:3f2a…", "feed:hr-people", "job:outbox.deliver", "system:seed" */
  id: string;
}

export interface TenantContext {
  tenantId: string;
  actor: Actor;
}

/** A database handle already scoped to one tenant (row-level security) with an actor set. */
export type TenantDb = Transaction<Database>;

/**
 * The only way features reach tenant data. `run` opens a transaction, switches to the app role so
 * row-level security filters every table by the tenant, and sets the actor and the clock's "now"
 * for the audit trigger. Repositories take the TenantDb it hands them and never filter by tenant
 * themselves. Everything inside one `run` commits or rolls back together.
 */
export class DataAccess {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;

  constructor(db: Kysely<Database>, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  run<T>(ctx: TenantContext, work: (db: TenantDb) => Promise<T>): Promise<T> {
    return this.#db.transaction().execute(async (trx) => {
      // One round trip: set_config('role', …, true) is SET LOCAL ROLE.
      await sql`select set_config('app.tenant_id', ${ctx.tenantId}, true),
        set_config('app.actor', ${ctx.actor.id}, true),
        set_config('app.now', ${this.#clock.now().toISOString()}, true),
        set_config('role', ${APP_ROLE}, true)`.execute(trx);
      return work(trx);
    });
  }

  /**
   * Unscoped access for platform work that spans tenants (the job runner, sessions, migrations).
   * Features must not use it for tenant data.
   */
  get system(): Kysely<Database> {
    return this.#db;
  }
}
