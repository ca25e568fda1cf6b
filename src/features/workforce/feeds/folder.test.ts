import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { importWorkforceFeedFolders, WORKFORCE_FEEDS_FOLDER_JOB } from "./folder.js";

let t: TestApp;
let f: PeopleFixture;
let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "workforce-feeds-"));
  t = await buildTestApp({ env: { FEEDS_DIR: root } });
  f = await seedPeopleFixture(t.app, t.tenantId);
});
afterEach(async () => {
  await t.close();
  await rm(root, { recursive: true, force: true });
});

it("imports each council's files from its workforce folders, once, and puts unreadable ones in failed/", async () => {
  const { slug } = await t.app.platform.data.system
    .selectFrom("tenants")
    .select("slug")
    .where("id", "=", t.tenantId)
    .executeTakeFirstOrThrow();
  const folder = async (name: string) => {
    const dir = path.join(root, slug, name);
    await mkdir(dir, { recursive: true });
    return dir;
  };
  const agency = await folder("workforce-agency");
  const absence = await folder("workforce-absence");
  const stability = await folder("workforce-stability");
  const placements =
    "Placement reference,Agency,Worker ID,First name,Last name,SWE number,Team code,Job role code,FTE,Start date\nPL-1,Caring Locums,W1,Jordan,Reid,,T1,SW,1,2026-09-01\n";
  await writeFile(path.join(agency, "placements-1.csv"), placements);
  await writeFile(
    path.join(absence, "absence.csv"),
    "Employee ID,Period start,Period end,Working days lost\nE001,2026-10-01,2026-10-31,1\n",
  );
  await writeFile(
    path.join(stability, "stability.csv"),
    "Census year,Team code,Children,Children with 3 or more social workers\n2026,,100,9\n",
  );
  // The daily job takes them.
  await t.app.platform.jobs.enqueue(WORKFORCE_FEEDS_FOLDER_JOB);
  await t.app.platform.jobs.tick();
  for (const dir of [agency, absence, stability])
    expect(await readdir(path.join(dir, "processed"))).toHaveLength(1);

  // The same file again is taken but changes nothing; a file it cannot read goes to failed/.
  await writeFile(path.join(agency, "placements-2.csv"), placements);
  await writeFile(path.join(absence, "bad.csv"), "nothing,useful\n1,2\n");
  expect(await importWorkforceFeedFolders(t.app)).toBe(1);
  expect(await readdir(path.join(absence, "failed"))).toHaveLength(1);
  const runs = await t.app.platform.data.run(f.ctx, (db) =>
    db
      .selectFrom("workforce_feed_runs")
      .select(["kind", "trigger", "created_by", "rows_applied"])
      .orderBy("kind")
      .execute(),
  );
  expect(runs).toEqual([
    { kind: "absence", trigger: "feed", created_by: "feed:workforce-absence", rows_applied: 1 },
    { kind: "agency", trigger: "feed", created_by: "feed:workforce-agency", rows_applied: 1 },
    { kind: "stability", trigger: "feed", created_by: "feed:workforce-stability", rows_applied: 1 },
  ]);
});
