import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFeedsTestApp, type FeedsTestApp } from "../../../../test/support/feeds-fixture.js";
import { FEED_JOBS } from "./feeds.service.js";
import { generateHrRows, hrCsv } from "./generator.js";

/** Files dropped in a source's folder, picked up by the scheduled job. */
describe("HR feed: files dropped in the folder", () => {
  let t: FeedsTestApp;
  let root: string;
  let folder: string;
  const rows = generateHrRows(60, 3);

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "wa-feeds-"));
    t = await buildFeedsTestApp(
      { folder_name: "hr-people", hr_contact_email: "hr.systems@council.example" },
      { env: { FEEDS_DIR: root } },
    );
    folder = path.join(root, t.app.platform.tenants.forHost("localhost").slug, "hr-people");
    await mkdir(folder, { recursive: true });
  });
  afterAll(async () => {
    await t.close();
    await rm(root, { recursive: true, force: true });
  });

  /** Moves the clock to the next five-minute run of the job and runs what is due. */
  const nextPoll = async () => {
    await t.app.platform.jobs.tick();
    t.clock.advance(5 * 60_000);
    await t.app.platform.jobs.tick();
  };
  const files = async (sub: string) => readdir(path.join(folder, sub)).catch(() => [] as string[]);
  const latestRun = async () => (await t.app.feeds.overview(t.ctx)).runs[0];
  const outbox = () =>
    t.database.db
      .selectFrom("outbox_messages")
      .select(["to_address", "subject", "body"])
      .orderBy("created_at")
      .execute();

  it("a file dropped in the folder is imported by the job", async () => {
    await writeFile(path.join(folder, "people-2026-11-23.csv"), hrCsv(rows));
    await writeFile(path.join(folder, "still-uploading.csv.part"), "Employee ID\n");
    await nextPoll();

    const run = await latestRun();
    expect(run).toMatchObject({ filename: "people-2026-11-23.csv", trigger: "folder", status: "imported" });
    expect(run?.counts).toMatchObject({ create: 60, reject: 0 });
    expect(await files("processed")).toEqual([expect.stringMatching(/-people-2026-11-23\.csv$/)]);
    expect((await readdir(folder)).sort()).toEqual(["processed", "processing", "still-uploading.csv.part"]);
    expect(await outbox()).toEqual([]);
    const job = (await t.app.platform.jobs.recent(10)).find((j) => j.name === FEED_JOBS.pollFolder);
    expect(job?.status).toBe("succeeded");
  });

  it("imports the valid rows of a file with errors and emails the HR contact", async () => {
    const bad = rows.map((r, i) => (i === 9 ? { ...r, "Start date": "31/02/2020" } : r));
    bad[20] = { ...(bad[20] as Record<string, string>), "First name": "Changed" };
    await writeFile(path.join(folder, "people-2026-11-24.csv"), hrCsv(bad));
    await nextPoll();

    const run = await latestRun();
    expect(run).toMatchObject({
      status: "imported",
      counts: expect.objectContaining({ update: 1, reject: 1 }),
    });
    const [email] = await outbox();
    expect(email).toMatchObject({
      to_address: "hr.systems@council.example",
      subject: "HR file imported with errors: people-2026-11-24.csv",
    });
    expect(email?.body).toContain("1 row was rejected");
    expect(email?.body).toContain(`/people/feeds/runs/${run?.id}`);
    // No row data in the email: the report is behind sign-in.
    expect(email?.body).not.toContain("31/02/2020");
    expect(await files("processed")).toHaveLength(2);
  });

  it("moves a file it cannot import to failed/ and emails the HR contact", async () => {
    await writeFile(path.join(folder, "wrong-columns.csv"), "Staff number,Name\n1,Alex\n");
    await nextPoll();

    const run = await latestRun();
    expect(run).toMatchObject({ filename: "wrong-columns.csv", status: "failed" });
    expect(run?.error).toMatch(/no columns called ‘Employee ID’, ‘First name’/);
    expect(await files("failed")).toEqual([expect.stringMatching(/-wrong-columns\.csv$/)]);
    const emails = await outbox();
    expect(emails.at(-1)).toMatchObject({ subject: "HR file not imported: wrong-columns.csv" });
  });
});
