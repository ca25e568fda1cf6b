import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/support/app.js";
import { createNotesTable, type NotesDb } from "../../../test/support/notes-fixture.js";
import { memoInTransaction } from "./data-access.js";
import { TenantCache } from "./tenant-cache.js";

describe("tenant-scoped data access and the audit trail", () => {
  let t: TestApp;
  let otherTenantId: string;
  const as = (tenantId: string) => ({ tenantId, actor: { id: "user:tester" } });

  beforeAll(async () => {
    t = await buildTestApp({ beforeReady: (app) => createNotesTable(app.platform.database.db) });
    const other = await t.database.db
      .insertInto("tenants")
      .values({ slug: "other", name: "Other Council" })
      .returning("id")
      .executeTakeFirstOrThrow();
    otherTenantId = other.id;
    const { data } = t.app.platform;
    await data.run(as(t.tenantId), (trx) =>
      (trx as unknown as NotesDb)
        .insertInto("test_notes")
        .values([{ title: "ours" }, { title: "ours too" }] as never)
        .execute(),
    );
    await data.run(as(otherTenantId), (trx) =>
      (trx as unknown as NotesDb)
        .insertInto("test_notes")
        .values({ title: "theirs" } as never)
        .execute(),
    );
  });
  afterAll(() => t.close());

  it("never returns another tenant's row, whatever the query asks for", async () => {
    const { data } = t.app.platform;
    const titles = await data.run(as(t.tenantId), async (trx) => {
      const db = trx as unknown as NotesDb;
      const all = await db.selectFrom("test_notes").select("title").orderBy("title").execute();
      // Even naming the other tenant explicitly, and in raw SQL, finds nothing of theirs.
      const named = await db
        .selectFrom("test_notes")
        .select("title")
        .where("tenant_id", "=", otherTenantId)
        .execute();
      const raw = await sql<{ n: number }>`select count(*)::int as n from test_notes`.execute(trx);
      return { all: all.map((r) => r.title), named: named.length, raw: raw.rows[0]?.n };
    });
    expect(titles).toEqual({ all: ["ours", "ours too"], named: 0, raw: 2 });
  });

  it("fills tenant_id from the transaction and refuses a row for another tenant", async () => {
    const { data } = t.app.platform;
    await expect(
      data.run(as(t.tenantId), (trx) =>
        (trx as unknown as NotesDb)
          .insertInto("test_notes")
          .values({ title: "smuggled", tenant_id: otherTenantId } as never)
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await data.run(as(t.tenantId), (trx) =>
      (trx as unknown as NotesDb)
        .updateTable("test_notes")
        .set({ title: "hijacked" })
        .where("title", "=", "theirs")
        .execute(),
    );
    expect(Number(updated[0]?.numUpdatedRows)).toBe(0);
  });

  it("writes one audit row per change, with the actor, and none for a write that changes nothing", async () => {
    const { data } = t.app.platform;
    t.clock.set("2026-12-01T10:30:00Z");
    const id = await data.run({ tenantId: t.tenantId, actor: { id: "user:auditor" } }, async (trx) => {
      const db = trx as unknown as NotesDb;
      const row = await db
        .insertInto("test_notes")
        .values({ title: "audited" } as never)
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    });
    const rename = () =>
      data.run({ tenantId: t.tenantId, actor: { id: "user:auditor" } }, (trx) =>
        (trx as unknown as NotesDb)
          .updateTable("test_notes")
          .set({ title: "renamed" })
          .where("id", "=", id)
          .execute(),
      );
    await rename();
    await rename(); // same value again: not a change
    const events = await t.database.db
      .selectFrom("audit_events")
      .selectAll()
      .where("record_id", "=", id)
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.action)).toEqual(["insert", "update"]);
    const update = events[1];
    expect(update?.actor).toBe("user:auditor");
    expect(update?.tenant_id).toBe(t.tenantId);
    expect(update?.occurred_at.toISOString()).toBe("2026-12-01T10:30:00.000Z");
    expect(update?.changed).toEqual(["title"]);
    expect(update?.before).toMatchObject({ title: "audited" });
    expect(update?.after).toMatchObject({ title: "renamed" });
  });

  it("refuses a write with no actor, and keeps the audit trail append-only", async () => {
    await expect(
      (t.database.db as unknown as NotesDb)
        .insertInto("test_notes")
        .values({ title: "anonymous", tenant_id: t.tenantId } as never)
        .execute(),
    ).rejects.toThrow(/without an actor/);
    await expect(t.database.db.deleteFrom("audit_events").execute()).rejects.toThrow(/append-only/);
    await expect(
      t.app.platform.data.run(as(t.tenantId), (trx) => trx.deleteFrom("audit_events").execute()),
    ).rejects.toThrow(/permission denied/);
  });

  it("rolls back everything in a run when any part fails", async () => {
    const { data } = t.app.platform;
    await expect(
      data.run(as(t.tenantId), async (trx) => {
        await (trx as unknown as NotesDb)
          .insertInto("test_notes")
          .values({ title: "half" } as never)
          .execute();
        throw new Error("second step failed");
      }),
    ).rejects.toThrow("second step failed");
    const half = await data.run(as(t.tenantId), (trx) =>
      (trx as unknown as NotesDb).selectFrom("test_notes").select("id").where("title", "=", "half").execute(),
    );
    expect(half).toHaveLength(0);
  });
  it("refuses a statement begun after a run's work has failed, so it never runs outside the transaction", async () => {
    const { data } = t.app.platform;
    let late: Promise<unknown> = Promise.resolve();
    await expect(
      data.run(as(t.tenantId), async (trx) => {
        // A sibling of the failing query is still reading when the work fails and the rollback
        // is sent; its next statement is begun before the rollback has finished.
        const sibling = (async () => {
          await sql`select pg_sleep(0.05)`.execute(trx);
          late = sql<{ role: string }>`select current_user as role`.execute(trx);
          return late;
        })();
        await Promise.all([sibling, Promise.reject(new Error("a query failed"))]);
      }),
    ).rejects.toThrow("a query failed");
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(late).rejects.toThrow("a statement begun after it was refused");
  });

  describe("together: one shared transaction for a page that asks several services", () => {
    const txid = (trx: Parameters<Parameters<typeof t.app.platform.data.run>[1]>[0]) =>
      sql<{ id: string }>`select txid_current()::text as id`.execute(trx).then((r) => r.rows[0]?.id);

    it("runs for the same council and actor join it; outside, each run has its own", async () => {
      const { data } = t.app.platform;
      const inside = await data.together(as(t.tenantId), () =>
        Promise.all([data.run(as(t.tenantId), txid), data.run(as(t.tenantId), txid)]),
      );
      expect(inside[0]).toBeDefined();
      expect(inside[1]).toBe(inside[0]);
      const outside = await Promise.all([data.run(as(t.tenantId), txid), data.run(as(t.tenantId), txid)]);
      expect(outside[1]).not.toBe(outside[0]);
      expect(outside).not.toContain(inside[0]);
    });

    it("runs work queued with afterCommit once the transaction has committed", async () => {
      const { data } = t.app.platform;
      const seen: number[] = [];
      const countCommitted = async () => {
        // Through the unscoped handle, outside the council's transaction: only committed rows.
        const r = await sql<{ n: number }>`select count(*)::int as n from test_notes
          where title = 'after commit'`.execute(data.system);
        seen.push(r.rows[0]?.n ?? -1);
      };
      await data.together(as(t.tenantId), async () => {
        await data.run(as(t.tenantId), (trx) =>
          (trx as unknown as NotesDb)
            .insertInto("test_notes")
            .values({ title: "after commit" } as never)
            .execute(),
        );
        await data.afterCommit(countCommitted);
        expect(seen).toEqual([]);
      });
      expect(seen).toEqual([1]);
      // Outside together it runs at once.
      await data.afterCommit(countCommitted);
      expect(seen).toEqual([1, 1]);
    });

    it("remembers a memoised read for the rest of the shared transaction only", async () => {
      const { data } = t.app.platform;
      let reads = 0;
      const read = (trx: Parameters<typeof txid>[0]) =>
        memoInTransaction(trx, "test.reads", async () => {
          reads += 1;
          return reads;
        });
      const inside = await data.together(as(t.tenantId), () =>
        Promise.all([data.run(as(t.tenantId), read), data.run(as(t.tenantId), read)]),
      );
      expect(inside).toEqual([1, 1]);
      // A run of its own may write between two reads: nothing is remembered.
      await data.run(as(t.tenantId), async (trx) => {
        expect(await read(trx)).toBe(2);
        expect(await read(trx)).toBe(3);
      });
    });
    it("never waits, holding its connection, for cached work begun outside that needs one", async () => {
      // PGlite has one connection: the shared transaction holds it while the page waits. Work begun
      // outside any shared transaction opens its own, so waiting for it would wait for ever.
      const { data } = t.app.platform;
      const cache = new TenantCache(t.clock);
      let open: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      const outside = cache.getAt(1, t.tenantId, "figures", async () => {
        await gate;
        return data.run(as(t.tenantId), async () => "worked out outside");
      });
      const inside = data.together(as(t.tenantId), () =>
        data.run(as(t.tenantId), () =>
          cache.getAt(1, t.tenantId, "figures", async () => "worked out inside"),
        ),
      );
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("deadlocked")), 5000));
      await expect(Promise.race([inside, timeout])).resolves.toBe("worked out inside");
      open();
      await expect(outside).resolves.toBe("worked out outside");
    });
    it("waits only a while for cached work begun in another shared transaction, then works it out", async () => {
      // That transaction may be waiting for a lock the caller holds: neither would ever finish.
      const { data } = t.app.platform;
      const cache = new TenantCache(t.clock, 100, 60_000, 50);
      let open: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      let started: () => void = () => {};
      const begun = new Promise<void>((resolve) => {
        started = resolve;
      });
      const stuck = data.together(as(t.tenantId), () =>
        data.run(as(t.tenantId), () =>
          cache.getAt(2, t.tenantId, "figures", async () => {
            started();
            await gate;
            return "worked out in the stuck transaction";
          }),
        ),
      );
      await begun;
      await expect(cache.getAt(2, t.tenantId, "figures", async () => "worked out here")).resolves.toBe(
        "worked out here",
      );
      open();
      await expect(stuck).resolves.toBe("worked out in the stuck transaction");
    });
  });
});
