import { AsyncLocalStorage } from "node:async_hooks";
import {
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  sql,
  type Transaction,
  type UnknownRow,
} from "kysely";
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

/** The transaction a `together` block shares, and what waits for it to end. */
interface Shared {
  tenantId: string;
  actorId: string;
  trx: TenantDb;
  /** Work that must not run inside the transaction (it reaches the database another way). */
  afterCommit: Array<() => Promise<void>>;
}

/** The shared transaction of the `together` block the caller is in, if any (one per process). */
const sharedTransaction = new AsyncLocalStorage<Shared>();
/** Values remembered for the rest of a shared transaction (see `memoInTransaction`). */
const memos = new WeakMap<TenantDb, Map<string, Promise<unknown>>>();

/**
 * A value read once per shared transaction (the data version, a table's date): inside
 * `together` the first read is remembered for the rest of it; elsewhere it is read each time,
 * since a `run` may write between two reads. Work that writes inside `together` calls `forgetInTransaction`.
 */
export function memoInTransaction<T>(db: TenantDb, key: string, read: () => Promise<T>): Promise<T> {
  if (sharedTransaction.getStore()?.trx !== db) return read();
  let known = memos.get(db);
  if (!known) {
    known = new Map();
    memos.set(db, known);
  }
  const hit = known.get(key);
  if (hit) return hit as Promise<T>;
  const value = read();
  known.set(key, value);
  return value;
}

/** The shared transaction the caller is inside (`DataAccess.together`), if any. */
export function currentSharedTransaction(): TenantDb | undefined {
  return sharedTransaction.getStore()?.trx;
}

/** After a write inside a shared transaction: what `memoInTransaction` remembered may have changed. */
export function forgetInTransaction(db: TenantDb): void {
  memos.delete(db);
}

/**
 * The only way features reach tenant data. `run` opens a transaction, switches to the app role so
 * row-level security filters every table by the tenant, and sets the actor and the clock's "now"
 * for the audit trigger. Repositories take the TenantDb it hands them and never filter by tenant
 * themselves. Everything inside one `run` commits or rolls back together.
 *
 * A page that calls several services (the home page's panels) can read them in one transaction:
 * inside `together`, every `run` for the same council and actor joins the shared transaction
 * instead of opening its own. Each transaction costs three round trips (begin, settings, commit),
 * and on a busy server the round trips, not the queries, are most of the cost.
 */
export class DataAccess {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;

  constructor(db: Kysely<Database>, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  run<T>(ctx: TenantContext, work: (db: TenantDb) => Promise<T>): Promise<T> {
    const shared = this.#joinable(ctx);
    if (shared) return work(shared.trx);
    return this.#transaction(ctx, work);
  }

  /**
   * Runs `work` with every `run` for this council and actor inside it sharing one transaction, for
   * pages that only read (a write in it commits with the rest). Work queued with `afterCommit`
   * runs once the transaction has ended. A failed statement ends the shared transaction for the
   * rest, as it would inside one `run`: callers that carry on after a failure (a panel that says
   * it could not be read) see the others fail too, and nothing is committed.
   */
  async together<T>(ctx: TenantContext, work: () => Promise<T>): Promise<T> {
    if (this.#joinable(ctx)) return work();
    const afterCommit: Shared["afterCommit"] = [];
    const result = await this.#transaction(ctx, (trx) =>
      sharedTransaction.run({ tenantId: ctx.tenantId, actorId: ctx.actor.id, trx, afterCommit }, work),
    );
    for (const next of afterCommit) await next();
    return result;
  }

  /**
   * Work that reaches the database outside the council's transaction (queueing a job): at once,
   * or inside `together` once the shared transaction has ended (on PGlite's single connection it
   * would otherwise wait for itself, and on a server it would hold a second connection).
   */
  async afterCommit(work: () => Promise<void>): Promise<void> {
    const shared = sharedTransaction.getStore();
    if (shared) shared.afterCommit.push(work);
    else await work();
  }

  #joinable(ctx: TenantContext): Shared | undefined {
    const shared = sharedTransaction.getStore();
    return shared && shared.tenantId === ctx.tenantId && shared.actorId === ctx.actor.id ? shared : undefined;
  }

  #transaction<T>(ctx: TenantContext, work: (db: TenantDb) => Promise<T>): Promise<T> {
    return this.#db.transaction().execute(async (open) => {
      const ended = new EndedGuard();
      const trx = open.withPlugin(ended);
      // One round trip: set_config('role', …, true) is SET LOCAL ROLE.
      await sql`select set_config('app.tenant_id', ${ctx.tenantId}, true),
        set_config('app.actor', ${ctx.actor.id}, true),
        set_config('app.now', ${this.#clock.now().toISOString()}, true),
        set_config('role', ${APP_ROLE}, true)`.execute(trx);
      try {
        return await work(trx);
      } finally {
        ended.end();
      }
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

/**
 * Refuses a statement begun after the transaction's work has ended. When one of several queries
 * run side by side (`Promise.all`) fails, the work ends at once and the transaction rolls back
 * while the others may still be about to send their next statement. Kysely refuses those only
 * once the commit or rollback has finished; one sent in between would run after it on the same
 * connection, outside the transaction and so outside the council's row-level security.
 */
class EndedGuard implements KyselyPlugin {
  #ended = false;

  end(): void {
    this.#ended = true;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.#ended)
      throw new Error("The transaction's work has ended: a statement begun after it was refused");
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
