import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFeedsTestApp, type FeedsTestApp } from "../../../../test/support/feeds-fixture.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import { generateHrRows, type HrRow, hrCsv, shuffled } from "./generator.js";

/**
 * The acceptance points, each its own test, on one generated 10,000-row HR extract
 * (seeded, so the same file every time). They run in order: each starts from what the one
 * before imported.
 */
describe("HR feed: acceptance", { timeout: 120_000 }, () => {
  let t: FeedsTestApp;
  let rows: HrRow[];
  const ROWS = 10_000;

  beforeAll(async () => {
    t = await buildFeedsTestApp();
    rows = generateHrRows(ROWS, 1);
  });
  afterAll(() => t.close());

  const count = async (table: "people" | "assignments" | "person_source_ids") => {
    const rows = await t.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(rows.n);
  };

  it("a 10,000-row file previews and imports", async () => {
    const runId = await t.preview("hr-extract-2026-11-23.csv", hrCsv(rows));
    const previewed = await t.run(runId);
    expect(previewed.status).toBe("previewed");
    expect(previewed.row_count).toBe(ROWS);
    expect(previewed.counts).toEqual({
      create: ROWS,
      update: 0,
      unchanged: 0,
      reject: 0,
      unmatched: 0,
      possibleLeavers: 0,
    });
    expect(await count("people")).toBe(0);

    const result = await t.app.feeds.importRun(t.ctx, runId, "all");
    expect(result.status).toBe("imported");
    expect(await count("people")).toBe(ROWS);
    expect(await count("assignments")).toBe(ROWS);
    expect(await count("person_source_ids")).toBe(ROWS);

    // Each person carries the HR system's identifier, and their line manager came from the same file.
    const someone = await t.database.db
      .selectFrom("people")
      .innerJoin("person_source_ids", "person_source_ids.person_id", "people.id")
      .innerJoin("assignments", "assignments.person_id", "people.id")
      .innerJoin("people as manager", "manager.id", "assignments.line_manager_person_id")
      .select(["person_source_ids.external_id", "manager.employee_number as manager", "people.started_on"])
      .where("people.employee_number", "=", "E000021")
      .executeTakeFirstOrThrow();
    expect(someone).toEqual({
      external_id: "E000021",
      manager: "E000001",
      started_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  });

  it("the same rows reordered in a renamed file make zero writes", async () => {
    const before = { audit: await t.auditCount(), data: await t.fingerprint() };
    const runId = await t.preview("renamed-and-reordered.csv", hrCsv(shuffled(rows)));
    expect((await t.run(runId)).counts).toMatchObject({ create: 0, update: 0, unchanged: ROWS, reject: 0 });

    const result = await t.app.feeds.importRun(t.ctx, runId, "all");
    expect(result).toMatchObject({ status: "imported", counts: { unchanged: ROWS } });
    expect(await t.auditCount()).toBe(before.audit);
    expect(await t.fingerprint()).toBe(before.data);
  });

  it("one changed cell makes exactly one update and one audit row", async () => {
    const changed = rows.map((r, i) => (i === 1233 ? { ...r, "Last name": "Okonkwo-Smith" } : r));
    const lastAudit = await t.database.db
      .selectFrom("audit_events")
      .select((eb) => eb.fn.max("id").as("id"))
      .executeTakeFirstOrThrow();
    const runId = await t.preview("one-change.csv", hrCsv(changed));
    const view = await t.app.feeds.runView(t.ctx, runId);
    expect(view?.run.counts).toMatchObject({ update: 1, unchanged: ROWS - 1, create: 0, reject: 0 });
    expect(view?.changed.map((r) => [r.row_number, r.external_id, r.changes])).toEqual([
      [1235, "E001234", ["Last name"]],
    ]);

    t.clock.advance(60 * 60_000); // an hour later, HR confirms
    await t.app.feeds.importRun(t.ctx, runId, "all");
    const audit = await t.database.db
      .selectFrom("audit_events")
      .select(["table_name", "action", "changed", "actor"])
      .where("id", ">", Number(lastAudit.id))
      .execute();
    expect(audit).toEqual([
      {
        table_name: "people",
        action: "update",
        changed: ["family_name", "updated_at"],
        actor: t.ctx.actor.id,
      },
    ]);
    rows = changed;
  });

  it("one bad row shows its error and imports nothing", async () => {
    const bad = rows.map((r, i) => {
      if (i === 4999) return { ...r, FTE: "2" };
      if (i === 6000) return { ...r, "First name": "Renamed" }; // a valid change the import must not make
      return r;
    });
    const before = { audit: await t.auditCount(), data: await t.fingerprint() };
    const runId = await t.preview("one-bad-row.csv", hrCsv(bad));
    const view = await t.app.feeds.runView(t.ctx, runId);
    expect(view?.run.counts).toMatchObject({ reject: 1, update: 1 });
    expect(view?.rejected.map((r) => [r.row_number, r.errors])).toEqual([
      [5001, [{ column: "FTE", message: "FTE must be a number more than 0 and no more than 1.5, like 0.8" }]],
    ]);

    await expect(t.app.feeds.importRun(t.ctx, runId, "all")).rejects.toThrow(RuleError);
    expect(await t.auditCount()).toBe(before.audit);
    expect(await t.fingerprint()).toBe(before.data);
    expect((await t.run(runId)).status).toBe("previewed");
  });

  it("…unless the user imports the valid rows only", async () => {
    const runs = await t.app.feeds.overview(t.ctx);
    const runId = runs.runs.find((r) => r.filename === "one-bad-row.csv")?.id as string;
    const result = await t.app.feeds.importRun(t.ctx, runId, "valid_only");
    expect(result).toMatchObject({ status: "imported", counts: { update: 1, reject: 1 } });
    const renamed = await t.database.db
      .selectFrom("people")
      .select("given_name")
      .where("employee_number", "=", "E006001")
      .executeTakeFirstOrThrow();
    expect(renamed.given_name).toBe("Renamed");
    const unchanged = await t.database.db
      .selectFrom("assignments")
      .innerJoin("people", "people.id", "assignments.person_id")
      .select("assignments.fte")
      .where("people.employee_number", "=", "E005000")
      .execute();
    expect(unchanged.map((a) => a.fte)).not.toContain(2);
  });

  it("a person missing from a full extract appears as a possible leaver", async () => {
    const without = rows.filter((r) => r["Employee ID"] !== "E000777");
    const runId = await t.preview("without-one.csv", hrCsv(without));
    expect((await t.run(runId)).counts).toMatchObject({ possibleLeavers: 1, reject: 0 });
    await t.app.feeds.importRun(t.ctx, runId, "all");

    const leavers = await t.app.feeds.possibleLeavers(t.ctx);
    expect(leavers.map((l) => l.external_id)).toEqual(["E000777"]);
    // Nobody is a leaver until HR confirms.
    const person = leavers[0]?.person_id as string;
    expect(await t.database.db.selectFrom("leavings").selectAll().execute()).toEqual([]);

    await t.app.feeds.confirmLeaver(t.ctx, leavers[0]?.id as string, {
      left_on: "2026-11-20",
      reason_code: 10,
    });
    const leaving = await t.database.db
      .selectFrom("leavings")
      .select(["person_id", "left_on", "reason_code"])
      .executeTakeFirstOrThrow();
    expect(leaving).toEqual({ person_id: person, left_on: "2026-11-20", reason_code: 10 });
    const open = await t.database.db
      .selectFrom("assignments")
      .select("valid_to")
      .where("person_id", "=", person)
      .execute();
    expect(open.map((a) => a.valid_to)).toEqual(["2026-11-20"]);
    expect(await t.app.feeds.possibleLeavers(t.ctx)).toEqual([]);
  });
});
