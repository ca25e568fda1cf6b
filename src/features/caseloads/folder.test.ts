import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/support/app.js";
import { importCaseloadFolders } from "./folder.js";
import { seedCaseloadFixture } from "./test-fixture.js";

let t: TestApp;
let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "caseloads-"));
  t = await buildTestApp({ env: { FEEDS_DIR: root } });
  await seedCaseloadFixture(t);
});
afterEach(async () => {
  await t.close();
  await rm(root, { recursive: true, force: true });
});

it("imports the files dropped in the council's caseloads folder, once", async () => {
  const { slug } = await t.app.platform.data.system
    .selectFrom("tenants")
    .select("slug")
    .where("id", "=", t.tenantId)
    .executeTakeFirstOrThrow();
  const dir = path.join(root, slug, "caseloads");
  await mkdir(dir, { recursive: true });
  const csv = "worker_id,as_at,children\nE001,2026-10-31,11\n";
  await writeFile(path.join(dir, "caseloads-2026-10-31.csv"), csv);
  expect(await importCaseloadFolders(t.app)).toBe(1);
  expect(await readdir(path.join(dir, "processed"))).toHaveLength(1);
  // The same file sent again is taken but changes nothing.
  await writeFile(path.join(dir, "again.csv"), csv);
  expect(await importCaseloadFolders(t.app)).toBe(1);
  const snapshots = await t.database.db
    .selectFrom("caseload_snapshots")
    .select(["source", "rows_total"])
    .execute();
  expect(snapshots).toEqual([{ source: "feed", rows_total: 1 }]);
  // A file that cannot be read goes to failed/.
  await writeFile(path.join(dir, "bad.csv"), "nothing,useful\n1,2\n");
  expect(await importCaseloadFolders(t.app)).toBe(0);
  expect(await readdir(path.join(dir, "failed"))).toHaveLength(1);
});
