import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";

let t: TestApp;
let f: PeopleFixture;
const run = <T>(fn: (db: TenantDb) => Promise<T>) => t.app.platform.data.run(f.ctx, fn);

const HEAD =
  "Placement reference,Agency,Worker ID,First name,Last name,SWE number,Team code,Job role code,Post reference,FTE,Start date,End date";
const file = (...rows: string[]) => Buffer.from([HEAD, ...rows].join("\n"), "utf8");
const importAgency = (content: Buffer, filename = "placements.csv") =>
  t.app.workforceFeeds.importAgency(f.ctx, { filename, content, trigger: "upload" });

const placements = () =>
  run((db) =>
    db
      .selectFrom("agency_placements")
      .select([
        "placement_ref",
        "agency_name",
        "person_id",
        "post_id",
        "org_unit_id",
        "fte",
        "starts_on",
        "ends_on",
      ])
      .orderBy("placement_ref")
      .execute(),
  );
const assignmentsOf = (personId: string) =>
  run((db) =>
    db
      .selectFrom("assignments")
      .select(["org_unit_id", "post_id", "contract_type", "fte", "valid_from", "valid_to"])
      .where("person_id", "=", personId)
      .orderBy("valid_from")
      .execute(),
  );

beforeEach(async () => {
  t = await buildTestApp();
  f = await seedPeopleFixture(t.app, t.tenantId);
});
afterEach(() => t.close());

describe("agency placements", () => {
  it("creates, matches and links people, and makes an agency assignment and a placement for each", async () => {
    const result = await importAgency(
      file(
        "PL-1,Caring Locums,W1,Jordan,Reid,SW123456,T1,SW,P3,1,2026-09-01,2027-02-28", // new person
        "PL-2,Caring Locums,W2,Alice,Adams,SW1001,T1,SW,,0.5,2026-10-01,", // matched by SWE number
      ),
    );
    expect(result).toMatchObject({ duplicate: false, applied: 2, unchanged: 0, rejected: 0 });
    const rows = await placements();
    expect(rows.map((p) => [p.placement_ref, p.agency_name, Number(p.fte), p.starts_on, p.ends_on])).toEqual([
      ["PL-1", "Caring Locums", 1, "2026-09-01", "2027-02-28"],
      ["PL-2", "Caring Locums", 0.5, "2026-10-01", null],
    ]);
    expect(rows[1]?.person_id).toBe(f.id.alice);
    expect(rows[0]?.post_id).toBe(f.id.P3);
    const jordan = await run((db) =>
      db.selectFrom("people").selectAll().where("swe_number", "=", "SW123456").executeTakeFirstOrThrow(),
    );
    expect([jordan.kind, jordan.given_name, jordan.family_name]).toEqual(["staff", "Jordan", "Reid"]);
    expect(await assignmentsOf(jordan.id)).toEqual([
      {
        org_unit_id: f.id.T1,
        post_id: f.id.P3,
        contract_type: "agency",
        fte: 1,
        valid_from: "2026-09-01",
        valid_to: "2027-02-28",
      },
    ]);
    const links = await run((db) =>
      db
        .selectFrom("person_source_ids")
        .select(["person_id", "external_id"])
        .where("source", "=", "msp")
        .execute(),
    );
    expect(links).toHaveLength(2);
    expect(links).toContainEqual({ person_id: f.id.alice, external_id: "W2" });

    // A later placement for W1 finds Jordan by the worker ID, not a new person.
    await importAgency(file("PL-3,Other Agency,W1,Jordan,Reid,,T2,FSW,,1,2027-03-01,"));
    expect((await placements())[2]?.person_id).toBe(jordan.id);
  });

  it("changes nothing for the same placement again, and recognises the same file", async () => {
    const content = file("PL-1,Caring Locums,W1,Jordan,Reid,SW123456,T1,SW,P3,1,2026-09-01,2027-02-28");
    const first = await importAgency(content);
    const again = await importAgency(content, "again.csv");
    expect(again).toEqual({ runId: first.runId, duplicate: true, applied: 0, unchanged: 0, rejected: 0 });
    // The same row in another file: unchanged.
    const other = await importAgency(
      Buffer.from(
        `${HEAD}\r\nPL-1,Caring Locums,W1,Jordan,Reid,SW123456,T1,SW,P3,1,01/09/2026,28/02/2027\r\n`,
      ),
    );
    expect(other).toMatchObject({ duplicate: false, applied: 0, unchanged: 1, rejected: 0 });
    expect(await run((db) => db.selectFrom("workforce_feed_runs").select("id").execute())).toHaveLength(2);
    expect(
      await run((db) =>
        db.selectFrom("assignments").select("id").where("contract_type", "=", "agency").execute(),
      ),
    ).toHaveLength(2);
  });

  it("ends the assignment the day before an FTE change and starts another; moves the end date", async () => {
    await importAgency(file("PL-1,Caring Locums,W1,Jordan,Reid,SW123456,T1,SW,P3,1,2026-09-01,2027-02-28"));
    // Today is 2026-11-23: the FTE changes from today, the end date moves.
    const changed = await importAgency(
      file("PL-1,Caring Locums,W1,Jordan,Reid,SW123456,T1,SW,P3,0.6,2026-09-01,2027-03-31"),
    );
    expect(changed).toMatchObject({ applied: 1, unchanged: 0 });
    const [p] = await placements();
    expect([Number(p?.fte), p?.ends_on]).toEqual([0.6, "2027-03-31"]);
    const segments = await assignmentsOf(p?.person_id as string);
    expect(segments.map((a) => [a.fte, a.valid_from, a.valid_to])).toEqual([
      [1, "2026-09-01", "2026-11-22"],
      [0.6, "2026-11-23", "2027-03-31"],
    ]);
    const link = await run((db) =>
      db.selectFrom("agency_placements").select("assignment_id").executeTakeFirstOrThrow(),
    );
    const current = await run((db) =>
      db
        .selectFrom("assignments")
        .select("valid_from")
        .where("id", "=", link.assignment_id as string)
        .executeTakeFirstOrThrow(),
    );
    expect(current.valid_from).toBe("2026-11-23");

    // An earlier end date only shortens the current assignment.
    await importAgency(file("PL-1,Caring Locums,W1,Jordan,Reid,SW123456,T1,SW,P3,0.6,2026-09-01,2026-12-31"));
    expect((await assignmentsOf(p?.person_id as string)).map((a) => a.valid_to)).toEqual([
      "2026-11-22",
      "2026-12-31",
    ]);
    // An end date before the change is refused.
    const refused = await importAgency(
      file("PL-1,Caring Locums,W1,Jordan,Reid,SW123456,T1,SW,P3,0.6,2026-09-01,2026-10-31"),
    );
    expect(refused.rejected).toBe(1);
  });

  it("changes a placement that has not started yet in place, and takes an effective date", async () => {
    await importAgency(file("PL-9,Caring Locums,W9,Kim,Lee,,T1,SW,,1,2027-01-04,"));
    await importAgency(file("PL-9,Caring Locums,W9,Kim,Lee,,T1,SW,,0.8,2027-01-11,"));
    const [p] = await placements();
    expect(
      (await assignmentsOf(p?.person_id as string)).map((a) => [a.fte, a.valid_from, a.valid_to]),
    ).toEqual([[0.8, "2027-01-11", null]]);
    const withDate = Buffer.from(
      `${HEAD},Effective date\nPL-9,Caring Locums,W9,Kim,Lee,,T1,SW,,1,2027-01-11,,2027-02-01\n`,
    );
    await importAgency(withDate);
    expect(
      (await assignmentsOf(p?.person_id as string)).map((a) => [a.fte, a.valid_from, a.valid_to]),
    ).toEqual([
      [0.8, "2027-01-11", "2027-01-31"],
      [1, "2027-02-01", null],
    ]);
  });

  it("refuses rows it cannot apply, with the reason, and keeps the rest", async () => {
    const result = await importAgency(
      file(
        "PL-1,Caring Locums,W1,Jordan,Reid,SW123456,T9,SW,,1,2026-09-01,", // unknown team
        "PL-2,Caring Locums,W2,Kim,Lee,,T1,XX,,1,2026-09-01,", // unknown role
        "PL-3,Caring Locums,W3,Lou,Ray,,T1,SW,P9,1,2026-09-01,", // unknown post
        "PL-4,Caring Locums,W4,Max,Fox,,T2,FSW,P1,1,2026-09-01,", // post in another team
        "PL-5,Caring Locums,W5,Ned,Orr,,T1,SW,,2,2026-09-01,", // FTE out of range
        "PL-6,Caring Locums,W6,Oli,Poe,,T1,SW,,1,2026-13-01,", // bad date
        "PL-7,Caring Locums,W7,Pam,Quo,,T1,SW,,1,2026-09-01,2026-08-01", // end before start
        "PL-8,Caring Locums,W8,Raj,Sen,SW1001,T1,SW,,1,2026-09-01,", // fine: Alice by SWE number
        "PL-8,Caring Locums,W1,Jordan,Reid,,T1,SW,,1,2026-09-01,", // placement of another worker
      ),
    );
    expect(result).toMatchObject({ applied: 1, unchanged: 0, rejected: 8 });
    const report = await t.app.workforceFeeds.run(f.ctx, result.runId);
    expect(report?.report.map((r) => [r.row, r.message])).toEqual([
      [2, "No team has the code T9"],
      [3, "No job role has the code XX"],
      [4, "No post has the reference P9"],
      [5, "Post P1 is in another team: the post must be in the placement's team"],
      [6, "FTE must be a number more than 0 and no more than 1.5, like 0.8"],
      [7, "Start date must be a real date, like 2026-10-31 or 31/10/2026"],
      [8, "End date must be the same as or after the start date"],
      [10, "Placement PL-8 is for worker ID W8, not worker ID W1"],
    ]);
    expect(report?.rows_total).toBe(9);
    expect(await placements()).toHaveLength(1);
    // Nobody was made for the refused rows.
    expect(
      await run((db) => db.selectFrom("people").select("id").where("given_name", "=", "Jordan").execute()),
    ).toEqual([]);
  });

  it("reads a Windows-1252 file and refuses a file without the columns", async () => {
    const win = Buffer.concat([
      Buffer.from(`${HEAD}\nPL-1,Caring Locums,W1,Zo`, "latin1"),
      Buffer.from([0xeb]),
      Buffer.from(",Reid,,T1,SW,,1,2026-09-01,\n", "latin1"),
    ]);
    await importAgency(win);
    const person = await run((db) =>
      db
        .selectFrom("people")
        .select("given_name")
        .where("family_name", "=", "Reid")
        .executeTakeFirstOrThrow(),
    );
    expect(person.given_name).toBe("Zoë");
    await expect(importAgency(Buffer.from("Worker,FTE\nW1,1\n"))).rejects.toThrow(/must have a header row/);
  });
});
