import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { computedKeys } from "./definitions.js";
import { seedDemoSnapshots } from "./demo.js";
import { SNAPSHOT_JOB } from "./snapshot-job.js";
import { enter } from "./test-fixture.js";

/**
 * The monthly snapshot job through the job runner, and the demo's year of snapshots, on the people
 * fixture (five units live from 2023). Today is 23 November 2026 until the clock moves to
 * 02:31 on 1 December (GMT, so London time too), when the job is due and takes November.
 */
describe("the monthly snapshot job", () => {
  let t: TestApp;
  let f: PeopleFixture;
  const rowsFor = (periodEnd: string) =>
    t.database.db
      .selectFrom("performance_snapshots")
      .select(["org_unit_id", "measure_key", "source", "value"])
      .where("tenant_id", "=", t.tenantId)
      .where("period_end", "=", periodEnd)
      .execute();
  const periodsTaken = async () =>
    (
      await t.database.db
        .selectFrom("performance_snapshots")
        .select("period_end")
        .distinct()
        .orderBy("period_end")
        .execute()
    ).map((r) => r.period_end);

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPeopleFixture(t.app, t.tenantId);
    await enter(t.app, f.ctx, { key: "visits_in_time", unitId: null, periodEnd: "2026-11-30", value: 93 });
    await t.app.platform.jobs.tick();
  });
  afterAll(() => t.close());

  it("is not due before the 1st", async () => {
    t.clock.set("2026-11-30T23:00:00Z");
    await t.app.platform.jobs.tick();
    expect(await periodsTaken()).toEqual([]);
  });

  it("takes the previous month's snapshot for the council and every unit at 02:30 on the 1st", async () => {
    t.clock.set("2026-12-01T02:31:00Z");
    await t.app.platform.jobs.tick();
    const job = await t.database.db
      .selectFrom("jobs")
      .select(["status", "progress", "last_error"])
      .where("name", "=", SNAPSHOT_JOB)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: "succeeded", last_error: null });
    expect(job.progress).toMatchObject({ done: 6, total: 6 });
    const rows = await rowsFor("2026-11-30");
    expect(rows).toHaveLength(6 * computedKeys.length + 1);
    expect(rows.filter((r) => r.org_unit_id === null && r.source === "computed")).toHaveLength(
      computedKeys.length,
    );
    expect(rows.find((r) => r.source === "entered")).toMatchObject({
      measure_key: "visits_in_time",
      value: 93,
    });
    expect(await periodsTaken()).toEqual(["2026-11-30"]);
  });

  it("seeds the demo's 12 months for a council with none, and nothing once it has them", async () => {
    // This council has November's: the demo seed leaves it alone.
    expect(await seedDemoSnapshots(t.app)).toBe(0);
    await t.database.db.deleteFrom("performance_snapshots").execute();
    const written = await seedDemoSnapshots(t.app);
    expect(written).toBe(12 * 6 * computedKeys.length + 1);
    const periods = await periodsTaken();
    expect(periods).toHaveLength(12);
    expect([periods[0], periods[11]]).toEqual(["2025-12-31", "2026-11-30"]);
    expect(await seedDemoSnapshots(t.app)).toBe(0);
  });
});

/**
 * A month asked for in the payload is taken only once it is over in England: the job fails with a
 * clear reason the job runner records (the jobs page shows it), and nothing is written.
 */
describe("the snapshot job and a month that is not over", () => {
  let t: TestApp;
  const snapshotCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom("performance_snapshots")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Queues the job for the month and runs what is due; the job's row afterwards. */
  const runFor = async (periodEnd: string) => {
    const queued = await t.app.platform.jobs.enqueue(SNAPSHOT_JOB, { periodEnd }, { tenantId: t.tenantId });
    await t.app.platform.jobs.tick();
    return t.database.db
      .selectFrom("jobs")
      .select(["status", "attempts", "last_error"])
      .where("id", "=", queued.id)
      .executeTakeFirstOrThrow();
  };

  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it("refuses the current month (today is 23 November 2026), recording why and writing nothing", async () => {
    const job = await runFor("2026-11-30");
    expect(job).toMatchObject({
      status: "queued", // retried later, as every failed job is, and refused again until the month is over
      attempts: 1,
      last_error: "November 2026 is not over yet: its snapshot can be taken from 1 December 2026",
    });
    expect(await snapshotCount()).toBe(0);
  });

  it("refuses a month on its last day, and a month still to come", async () => {
    t.clock.set("2026-11-30T23:59:00Z");
    expect((await runFor("2026-11-30")).last_error).toBe(
      "November 2026 is not over yet: its snapshot can be taken from 1 December 2026",
    );
    expect((await runFor("2027-01-31")).last_error).toBe(
      "January 2027 is not over yet: its snapshot can be taken from 1 February 2027",
    );
    expect(await snapshotCount()).toBe(0);
  });

  it("refuses a date that is not a month's last day, naming it, rather than taking last month's", async () => {
    t.clock.set("2026-11-23T10:00:00Z");
    expect((await runFor("2026-10-15")).last_error).toBe(
      '"2026-10-15" is not the last day of a month: a snapshot is taken for a month, by its last day (for example 2026-10-31)',
    );
    expect((await runFor("October")).last_error).toMatch(/^"October" is not the last day of a month/);
    expect(await snapshotCount()).toBe(0);
  });

  it("goes by the date in England: June is over at 00:30 on 1 July in summer time, 23:30 on 30 June UTC", async () => {
    t.clock.set("2026-06-30T22:30:00Z"); // 23:30 on 30 June in London
    expect((await runFor("2026-06-30")).status).toBe("queued");
    expect(await snapshotCount()).toBe(0);
    t.clock.set("2026-06-30T23:30:00Z"); // 00:30 on 1 July in London
    const job = await runFor("2026-06-30");
    expect(job).toMatchObject({ status: "succeeded", last_error: null });
    const periods = await t.database.db
      .selectFrom("performance_snapshots")
      .select("period_end")
      .distinct()
      .execute();
    expect(periods.map((p) => p.period_end)).toEqual(["2026-06-30"]);
  });
});
