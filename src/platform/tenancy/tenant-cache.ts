import { sql } from "kysely";
import type { Clock } from "../clock.js";
import { currentSharedTransaction, memoInTransaction, type TenantDb } from "./data-access.js";

interface Entry {
  version: number;
  storedAt: number;
  value: unknown;
}

const owned = new WeakMap<object, Map<string, TenantCache>>();

/**
 * Remembers expensive derived figures (counts, trees) per tenant until that tenant's data
 * changes. Every change to tenant data writes an audit event, so the tenant's latest audit event
 * id is a version number that moves on any write; checking it is one index lookup. A short
 * time-to-live bounds staleness where two writers overlap. Least recently used entries go first.
 */
export class TenantCache {
  /**
   * A named cache belonging to an object that outlives requests (the app), made on first use: for
   * page-level code with no service to hold one. Each app has its own, so tests' apps never share.
   */
  static of(owner: object, name: string, clock: Clock, maxEntries?: number, ttlMs?: number): TenantCache {
    let named = owned.get(owner);
    if (!named) {
      named = new Map();
      owned.set(owner, named);
    }
    let cache = named.get(name);
    if (!cache) {
      cache = new TenantCache(clock, maxEntries, ttlMs);
      named.set(name, cache);
    }
    return cache;
  }

  readonly #entries = new Map<string, Entry>();
  /** Work under way, so that a burst of requests for a missing entry computes it once. */
  readonly #pending = new Map<
    string,
    { version: number; value: Promise<unknown>; startedIn: TenantDb | undefined }
  >();

  constructor(
    private readonly clock: Clock,
    private readonly maxEntries = 2000,
    private readonly ttlMs = 60_000,
    /** How long to wait for work begun in another transaction before working it out here. */
    private readonly joinWaitMs = 5_000,
  ) {}

  async get<T>(db: TenantDb, tenantId: string, key: string, compute: () => Promise<T>): Promise<T> {
    return this.getAt(await this.version(db), tenantId, key, compute);
  }

  /**
   * The tenant's data version, for a read-only unit of work that looks up several entries: one
   * lookup instead of one per entry. Not for work that writes before reading (its version moved).
   */
  version(db: TenantDb): Promise<number> {
    // Inside a shared read transaction (`DataAccess.together`) every service's lookup is the same.
    return memoInTransaction(db, "tenant-cache.version", () => currentVersion(db));
  }

  /** An entry at a version from `version(db)` read in the same transaction. */
  async getAt<T>(version: number, tenantId: string, key: string, compute: () => Promise<T>): Promise<T> {
    const id = `${tenantId}\u0000${key}`;
    const now = this.clock.now().getTime();
    const hit = this.#entries.get(id);
    if (hit && hit.version === version && now - hit.storedAt < this.ttlMs) {
      this.#entries.delete(id);
      this.#entries.set(id, hit);
      return hit.value as T;
    }
    const running = this.#pending.get(id);
    const here = currentSharedTransaction();
    if (running && running.version === version) {
      // Work begun in the caller's own transaction, or with neither in a shared one: wait for it.
      if (running.startedIn === here) return running.value as Promise<T>;
      // A caller inside a shared transaction holds a connection while it waits. Work begun outside
      // one opens transactions of its own and would wait for a connection for ever on PGlite's
      // single one (or a pool every such page holds): it is worked out here instead (below).
      if (running.startedIn !== undefined) {
        // Work begun in another shared transaction runs on that one's connection, but that
        // transaction may be waiting for a lock the caller's holds (an inline refresh, an insert):
        // wait a while, then work it out here rather than wait for each other for ever.
        const settled = await Promise.race([
          running.value.then(
            (value) => ({ value }),
            () => null,
          ),
          new Promise<null>((resolve) => setTimeout(resolve, this.joinWaitMs, null).unref()),
        ]);
        if (settled) return settled.value as T;
      }
    }
    const value = compute();
    if (!running || running.version !== version) this.#pending.set(id, { version, value, startedIn: here });
    try {
      const result = await value;
      // The time to live runs from when the figure was worked out, not from when it was asked for:
      // a computation longer than the time to live would otherwise be stored already expired.
      this.#entries.set(id, { version, storedAt: this.clock.now().getTime(), value: result });
      if (this.#entries.size > this.maxEntries) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
      return result;
    } finally {
      if (this.#pending.get(id)?.value === value) this.#pending.delete(id);
    }
  }
}

async function currentVersion(db: TenantDb): Promise<number> {
  const result = await sql<{ v: number }>`select coalesce(max(id), 0)::int8 as v from audit_events`.execute(
    db,
  );
  return Number(result.rows[0]?.v ?? 0);
}
