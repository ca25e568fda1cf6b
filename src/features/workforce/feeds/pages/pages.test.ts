import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../../test/support/app.js";
import { csvUpload } from "../../../../../test/support/forms.js";
import { html, text } from "../../../../../test/support/html.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../../test/support/people-fixture.js";

/** The feeds pages through HTTP: the list, the three uploads and their errors, a run's report. */
describe("workforce feeds pages", () => {
  let t: TestApp;
  let f: PeopleFixture;
  let hr: string;
  const AGENCY =
    "Placement reference,Agency,Worker ID,First name,Last name,SWE number,Team code,Job role code,Post reference,FTE,Start date,End date\n" +
    "PL-1,Caring Locums,W1,Jordan,Reid,SW123456,T1,SW,P3,1,2026-09-01,2027-02-28\n" +
    "PL-2,Caring Locums,W2,Kim,Lee,,T9,SW,,1,2026-09-01,\n" +
    "PL-3,Caring Locums,W3,Lou,Ray,,T1,SW,,3,2026-09-01,\n";

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPeopleFixture(t.app, t.tenantId);
    hr = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
  });
  afterAll(() => t.close());

  const get = (url: string, cookie = hr) => t.app.inject({ url, headers: { cookie } });
  const errorSummary = (res: LightMyRequestResponse) =>
    text(html(res.body).querySelector(".govuk-error-summary"));

  it("uploads agency placements and shows the report with the refused rows and their export", async () => {
    const form = await get("/workforce/feeds/agency/upload");
    expect(form.statusCode).toBe(200);
    expect(
      html(form.body)
        .querySelectorAll("#columns tbody tr")
        .map((r) => text(r.querySelector("code"))),
    ).toContain("Placement reference");
    expect(text(html(form.body).querySelector("#example"))).toContain("Placement reference,Agency");

    const res = await csvUpload(t.app, "/workforce/feeds/agency/upload", hr, AGENCY, { filename: "msp.csv" });
    expect(res.statusCode).toBe(303);
    const runUrl = res.headers.location as string;
    expect(runUrl).toMatch(/^\/workforce\/feeds\/runs\/[0-9a-f-]{36}$/);
    const report = await get(runUrl);
    const doc = html(report.body);
    expect(text(doc.querySelector(".govuk-notification-banner"))).toContain(
      "1 applied, 0 unchanged, 2 refused",
    );
    expect(text(doc.querySelector("#report"))).toMatch(/Rows in the file 3 Applied 1 Unchanged 0 Refused 2/);
    expect(doc.querySelectorAll("#refused tbody tr").map((r) => text(r))).toEqual([
      "3 No team has the code T9",
      "4 FTE must be a number more than 0 and no more than 1.5, like 0.8",
    ]);
    const csv = await get(`${runUrl}?format=csv`);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(
      csv.body
        .replace(/^\uFEFF/, "")
        .trim()
        .split(/\r?\n/),
    ).toEqual([
      "Row,Why it was refused",
      "3,No team has the code T9",
      '4,"FTE must be a number more than 0 and no more than 1.5, like 0.8"',
    ]);

    // The same file again: the same run, nothing new.
    const again = await csvUpload(t.app, "/workforce/feeds/agency/upload", hr, AGENCY, {
      filename: "again.csv",
    });
    expect(again.headers.location).toBe(runUrl);
    expect(text(html((await get(runUrl)).body).querySelector(".govuk-notification-banner"))).toContain(
      "This file was taken before",
    );

    const list = await get("/workforce/feeds");
    expect(list.statusCode).toBe(200);
    const rows = html(list.body).querySelectorAll("#runs tbody tr");
    expect(rows).toHaveLength(1);
    expect(
      rows[0]
        ?.querySelectorAll("td")
        .map((td) => text(td))
        .slice(1),
    ).toEqual(["Agency placements", "msp.csv", "Upload", "3", "1", "0", "2"]);
    expect(
      html(list.body)
        .querySelectorAll("#feeds a")
        .map((a) => a.getAttribute("href")),
    ).toEqual([
      "/workforce/feeds/agency/upload",
      "/workforce/feeds/absence/upload",
      "/workforce/feeds/stability/upload",
    ]);
  });

  it("uploads absence and stability files", async () => {
    const absence = await csvUpload(
      t.app,
      "/workforce/feeds/absence/upload",
      hr,
      "Employee ID,Period start,Period end,Working days lost\nE001,2026-10-01,2026-10-31,1.5\n",
    );
    expect(absence.statusCode).toBe(303);
    expect(
      text(html((await get(absence.headers.location as string)).body).querySelector("#report")),
    ).toContain("Sickness absence");
    const stability = await csvUpload(
      t.app,
      "/workforce/feeds/stability/upload",
      hr,
      "Census year,Team code,Children,Children with 3 or more social workers\n2026,,120,14\n",
    );
    expect(stability.statusCode).toBe(303);
    const held = await t.app.platform.data.run(f.ctx, (db) =>
      db.selectFrom("stability_figures").select(["children", "children_three_plus"]).execute(),
    );
    expect(held).toEqual([{ children: 120, children_three_plus: 14 }]);
  });

  it("shows GOV.UK errors for no file, the wrong type, an empty file and a bad header, and writes nothing", async () => {
    const url = "/workforce/feeds/absence/upload";
    const before = await t.app.platform.data.run(f.ctx, (db) =>
      db.selectFrom("workforce_feed_runs").select("id").execute(),
    );
    const cases: [string, string, string][] = [
      ["", "upload.csv", "Select a CSV file"],
      ["Employee ID\nE001\n", "absence.txt", "The selected file must be a CSV"],
      [" \n\n", "upload.csv", "The selected file is empty"],
      [
        "Name,Days\nAlice,2\n",
        "upload.csv",
        "The selected file must have a header row with the columns Employee ID",
      ],
      ["Employee ID,Period start,Period end,Working days lost\n", "upload.csv", "header row but no rows"],
    ];
    for (const [content, filename, message] of cases) {
      const res = await csvUpload(t.app, url, hr, content, { filename });
      expect(res.statusCode).toBe(400);
      expect(errorSummary(res)).toContain(message);
      expect(html(res.body).querySelector("#file-error")).not.toBeNull();
    }
    const after = await t.app.platform.data.run(f.ctx, (db) =>
      db.selectFrom("workforce_feed_runs").select("id").execute(),
    );
    expect(after).toHaveLength(before.length);
  });

  it("is for HR only; a run that is not this council's is not found", async () => {
    const manager = await t.signIn({ roles: [{ role: "line_manager", unitId: null }] });
    for (const url of [
      "/workforce/feeds",
      "/workforce/feeds/agency/upload",
      "/workforce/feeds/stability/upload",
    ]) {
      expect((await get(url, manager)).statusCode).toBe(403);
    }
    const signedOut = await t.app.inject({ url: "/workforce/feeds" });
    expect(signedOut.statusCode).toBe(302);
    expect((await get("/workforce/feeds/runs/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
    expect((await get("/workforce/feeds/runs/not-a-run")).statusCode).toBe(404);

    const other = await t.app.platform.data.system
      .insertInto("tenants")
      .values({ slug: "other-council", name: "Other Council" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const theirs = await t.app.workforceFeeds.importStability(
      { tenantId: other.id, actor: { id: "system:test" } },
      {
        filename: "s.csv",
        content: Buffer.from(
          "Census year,Team code,Children,Children with 3 or more social workers\n2026,,5,1\n",
        ),
        trigger: "upload",
      },
    );
    expect((await get(`/workforce/feeds/runs/${theirs.runId}`)).statusCode).toBe(404);
  });
});
