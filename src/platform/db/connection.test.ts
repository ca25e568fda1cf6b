import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/support/database.js";
import type { DatabaseHandle } from "./connection.js";

describe("database connections", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(() => handle.close());

  it("never JIT-compiles a query, on every connection of the pool", async () => {
    // Five at once, in transactions, so the pool opens several connections (PostgreSQL's pool of 5).
    const settings = await Promise.all(
      Array.from({ length: 5 }, () =>
        handle.db.transaction().execute(async (trx) => {
          const row = await sql<{ jit: string }>`show jit`.execute(trx);
          await sql`select pg_sleep(0.05)`.execute(trx);
          return row.rows[0]?.jit;
        }),
      ),
    );
    expect(settings).toEqual(Array(5).fill("off"));
  });
});
