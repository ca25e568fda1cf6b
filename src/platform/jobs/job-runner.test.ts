import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/support/app.js";
import { html, text } from "../../../test/support/html.js";

describe("job runner", () => {
  let t: TestApp;
  const runs: string[] = [];
  let failures = 0;

  beforeAll(async () => {
    t = await buildTestApp({
      beforeReady: (app) => {
        const { jobs } = app.platform;
        jobs.define({ name: "test.nightly", run: async () => void runs.push("nightly") });
        jobs.schedule("test.nightly", "0 2 * * *");
        jobs.define({
          name: "test.flaky",
          maxAttempts: 3,
          backoffMs: () => 60_000,
          run: async () => {
            failures += 1;
            throw new Error(`HR system did not answer (try ${failures})`);
          },
        });
        jobs.define({
          name: "test.import",
          run: async (ctx) => {
            await ctx.progress(5000, 10000, "rows read");
            runs.push(`import:${String(ctx.job.payload.file)}`);
          },
        });
      },
    });
  });
  afterAll(() => t.close());

  it("runs a job scheduled for tomorrow when the clock moves a day, and only then", async () => {
    t.clock.set("2026-11-23T09:00:00Z");
    await t.app.platform.jobs.tick();
    expect(runs).toEqual([]);
    t.clock.advanceDays(1);
    await t.app.platform.jobs.tick();
    expect(runs).toEqual(["nightly"]);
    await t.app.platform.jobs.tick();
    expect(runs).toEqual(["nightly"]);
  });

  it("runs a queued job with its payload and records progress", async () => {
    await t.app.platform.jobs.enqueue("test.import", { file: "people.csv" });
    await t.app.platform.jobs.tick();
    expect(runs).toContain("import:people.csv");
    const [job] = await t.app.platform.jobs.recent(1);
    expect(job).toMatchObject({
      name: "test.import",
      status: "succeeded",
      progress: { done: 5000, total: 10000 },
    });
  });

  it("retries a failing job after its backoff, then shows it as failed", async () => {
    const queued = await t.app.platform.jobs.enqueue("test.flaky");
    const status = async () =>
      t.database.db
        .selectFrom("jobs")
        .select(["status", "attempts"])
        .where("id", "=", queued.id)
        .executeTakeFirstOrThrow();

    await t.app.platform.jobs.tick();
    expect(await status()).toEqual({ status: "queued", attempts: 1 });
    await t.app.platform.jobs.tick(); // backoff not over: not tried again
    expect(failures).toBe(1);
    t.clock.advance(60_000);
    await t.app.platform.jobs.tick();
    expect(await status()).toEqual({ status: "queued", attempts: 2 });
    t.clock.advance(60_000);
    await t.app.platform.jobs.tick();
    expect(await status()).toEqual({ status: "failed", attempts: 3 });
    t.clock.advance(10 * 60_000);
    await t.app.platform.jobs.tick();
    expect(failures).toBe(3);

    const cookie = await t.signIn({ roles: [{ role: "system_administrator", unitId: null }] });
    const res = await t.app.inject({ url: "/system/jobs", headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const row = html(res.body)
      .querySelectorAll("tbody tr")
      .find((r) => text(r).includes("test.flaky"));
    expect(text(row)).toContain("Failed");
    expect(text(row)).toContain("3 of 3");
    expect(text(row)).toContain("HR system did not answer (try 3)");
  });

  it("shows the jobs page only to those allowed", async () => {
    const anonymous = await t.app.inject({ url: "/system/jobs" });
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toBe("/sign-in?returnTo=%2Fsystem%2Fjobs");
    const practitioner = await t.signIn({ roles: [{ role: "practitioner", unitId: null }] });
    const res = await t.app.inject({ url: "/system/jobs", headers: { cookie: practitioner } });
    expect(res.statusCode).toBe(403);
  });
});
