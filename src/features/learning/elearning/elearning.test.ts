import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { csrfTokenFrom, formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { ELEARNING_JOBS } from "./elearning.service.js";

/** E-learning completions: upload, the report, title mapping, idempotence, the folder and access. */
describe("e-learning completions import", () => {
  let t: TestApp;
  let root: string;
  let folder: string;
  let ctx: TenantContext;
  let cookie: string;
  const id: Record<string, string> = {};

  const file = [
    "Employee Number,Email Address,Course Title,Completion Date,Score",
    "E100,,GDPR Essentials,01/03/2026,",
    ",BOB@Example.org,gdpr   essentials,2026-04-02,85%",
    "E999,nobody@example.org,GDPR Essentials,01/03/2026,",
    "E100,,Lone Working Online,05/05/2026,",
    "E100,,GDPR Essentials,31/02/2026,",
  ].join("\r\n");

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "wa-elearning-"));
    t = await buildTestApp({ env: { FEEDS_DIR: root } });
    ctx = { tenantId: t.tenantId, actor: { id: "system:test" } };
    folder = path.join(root, t.app.platform.tenants.forHost("localhost").slug, "elearning");
    await mkdir(folder, { recursive: true });
    cookie = await t.signIn({ roles: [{ role: "learning_and_development_officer", unitId: null }] });
    id.alice = await t.app.people.createPerson(ctx, {
      given_name: "Alice",
      family_name: "Adams",
      employee_number: "E100",
      email: "alice@example.org",
    });
    id.bob = await t.app.people.createPerson(ctx, {
      given_name: "Bob",
      family_name: "Brown",
      employee_number: "E200",
      email: "bob@example.org",
    });
    await t.app.platform.data.run(ctx, async (db) => {
      for (const [code, title, delivery, cpd] of [
        ["EL-GDPR", "Data Protection and GDPR", "e_learning", 1.5],
        ["EL-LONE", "Lone Working", "e_learning", 2],
        ["CORE-01", "Basic Assessment Skills", "face_to_face", 6],
      ] as const) {
        const row = await db
          .insertInto("learning_courses")
          .values({
            code,
            title,
            tier: "core",
            group_key: "assessment",
            delivery,
            booking_route: "self",
            cpd_hours: cpd,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        id[code] = row.id;
      }
    });
    await t.app.elearning.ensureTitleMapped(ctx, "GDPR Essentials", id["EL-GDPR"] as string);
  });
  afterAll(async () => {
    await t.close();
    await rm(root, { recursive: true, force: true });
  });

  const get = (url: string, as = cookie) => t.app.inject({ url, headers: { cookie: as } });
  const page = (res: LightMyRequestResponse) => html(res.body);
  const counts = (res: LightMyRequestResponse) =>
    Object.fromEntries(
      page(res)
        .querySelectorAll("[data-count]")
        .map((td) => [td.getAttribute("data-count"), text(td)]),
    );
  const reportRows = (res: LightMyRequestResponse) =>
    page(res)
      .querySelectorAll('table[data-table="unmatched"] tbody tr')
      .map((tr) => tr.querySelectorAll("td").map((td) => text(td)));
  const records = () =>
    t.database.db
      .selectFrom("learning_records")
      .select([
        "person_id",
        "course_id",
        "title",
        "completed_on",
        "hours",
        "source",
        "verification",
        "evidence_note",
      ])
      .orderBy("completed_on")
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, hours: r.hours === null ? null : Number(r.hours) })));
  const runCount = async () =>
    (await t.database.db.selectFrom("learning_elearning_runs").select("id").execute()).length;

  async function upload(name: string, csv: string | Uint8Array): Promise<LightMyRequestResponse> {
    const token = await csrfTokenFrom(t.app, "/learning/elearning", cookie);
    const form = new FormData();
    form.append("_csrf", token);
    form.append("file", new Blob([csv], { type: "text/csv" }), name);
    const request = new Request("http://localhost/", { method: "POST", body: form });
    return t.app.inject({
      method: "POST",
      url: "/learning/elearning",
      headers: { cookie, "content-type": request.headers.get("content-type") ?? "" },
      payload: Buffer.from(await request.arrayBuffer()),
    });
  }

  it("refuses a file without a course title column, writing nothing", async () => {
    const res = await upload("no-title.csv", "Employee number,Completed date\nE100,01/03/2026\n");
    expect(res.statusCode).toBe(400);
    expect(
      page(res)
        .querySelectorAll(".govuk-error-summary a")
        .map((a) => text(a)),
    ).toEqual(["The file must have a column called ‘Course title’ in its first row"]);
    expect(text(page(res).querySelector("#file-error"))).toContain("Course title");

    const notCsv = await upload(
      "broken.csv",
      'Employee number,Course title,Completed date\nE100,"Unclosed,01/03/2026\n',
    );
    expect(notCsv.statusCode).toBe(400);
    expect(text(page(notCsv).querySelector(".govuk-error-summary"))).toContain("could not be read");

    const noFile = await formPost(t.app, "/learning/elearning", cookie, {});
    expect(noFile.statusCode).toBe(400);
    expect(text(page(noFile).querySelector(".govuk-error-summary"))).toContain("Select a CSV file");

    expect(await runCount()).toBe(0);
    expect(await records()).toEqual([]);
  });

  it("imports matched rows and reports unknown people, unmapped titles and bad rows", async () => {
    const res = await upload("completions-march.csv", file);
    expect(res.statusCode).toBe(303);
    const run = await get(String(res.headers.location));
    expect(run.statusCode).toBe(200);
    expect(counts(run)).toEqual({
      imported: "2",
      alreadyImported: "0",
      unmatchedPeople: "1",
      unmappedTitles: "1",
      rejected: "1",
    });
    expect(reportRows(run)).toEqual([
      [
        "4",
        "No one matched",
        "E999",
        "nobody@example.org",
        "GDPR Essentials",
        "1 March 2026",
        "No one with employee number E999 or email nobody@example.org",
      ],
      [
        "5",
        "Title not mapped",
        "E100",
        "",
        "Lone Working Online",
        "5 May 2026",
        "The course title ‘Lone Working Online’ is not mapped to a catalogue course",
      ],
      [
        "6",
        "Rejected",
        "E100",
        "",
        "GDPR Essentials",
        "31/02/2026",
        "Completed date must be a real date, as dd/mm/yyyy or yyyy-mm-dd",
      ],
    ]);
    expect(await records()).toEqual([
      {
        person_id: id.alice,
        course_id: id["EL-GDPR"],
        title: "Data Protection and GDPR",
        completed_on: "2026-03-01",
        hours: 1.5,
        source: "e_learning",
        verification: "verified",
        evidence_note: null,
      },
      {
        person_id: id.bob,
        course_id: id["EL-GDPR"],
        title: "Data Protection and GDPR",
        completed_on: "2026-04-02",
        hours: 1.5,
        source: "e_learning",
        verification: "verified",
        evidence_note: "Score on the e-learning platform: 85",
      },
    ]);

    const csv = await get(`${res.headers.location}/unmatched.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("No one with employee number E999 or email nobody@example.org");
    expect(csv.body.split("\n")[0]).toContain(
      "Row,Outcome,Employee number,Email,Course title,Completed date,Reason",
    );

    const list = await get("/learning/elearning");
    expect(text(page(list).querySelector(".govuk-inset-text"))).toContain(
      "1 course title from the platform is not mapped",
    );
    expect(
      page(list)
        .querySelectorAll('table[data-table="runs"] tbody tr')
        .map((tr) => text(tr.querySelector("a"))),
    ).toEqual(["completions-march.csv"]);
  });

  it("imports the rows of a title once it is mapped, and never the same completion twice", async () => {
    const titles = await get("/learning/elearning/titles");
    const rows = page(titles).querySelectorAll('table[data-table="titles"] tbody tr');
    expect(rows.map((r) => text(r.querySelector("td")))).toEqual(["Lone Working Online", "GDPR Essentials"]);
    const form = rows[0]?.querySelector("form");
    const action = String(form?.getAttribute("action"));
    // E-learning courses are offered first.
    expect(rows[0]?.querySelectorAll("optgroup").map((g) => g.getAttribute("label"))).toEqual([
      "E-learning courses",
      "Other courses",
    ]);

    const bad = await formPost(
      t.app,
      action,
      cookie,
      { course: "not-a-course" },
      { pageUrl: "/learning/elearning/titles" },
    );
    expect(bad.statusCode).toBe(400);
    expect(
      page(bad)
        .querySelectorAll(".govuk-error-summary a")
        .map((a) => text(a)),
    ).toEqual(["Select a course from the list"]);
    const unknown = await formPost(
      t.app,
      action,
      cookie,
      { course: "00000000-0000-4000-8000-000000000999" },
      { pageUrl: "/learning/elearning/titles" },
    );
    expect(unknown.statusCode).toBe(400);

    const mapped = await formPost(
      t.app,
      action,
      cookie,
      { course: id["EL-LONE"] as string },
      {
        pageUrl: "/learning/elearning/titles",
      },
    );
    expect(mapped.statusCode).toBe(303);
    const after = await get("/learning/elearning/titles");
    expect(text(page(after).querySelector(".govuk-notification-banner"))).toContain(
      "‘Lone Working Online’ is mapped to Lone Working",
    );

    const again = await get(String((await upload("completions-march.csv", file)).headers.location));
    expect(counts(again)).toEqual({
      imported: "1",
      alreadyImported: "2",
      unmatchedPeople: "1",
      unmappedTitles: "0",
      rejected: "1",
    });
    const lone = (await records()).find((r) => r.course_id === id["EL-LONE"]);
    expect(lone).toMatchObject({
      person_id: id.alice,
      title: "Lone Working",
      hours: 2,
      completed_on: "2026-05-05",
    });

    const third = await get(String((await upload("completions-march.csv", file)).headers.location));
    expect(counts(third)).toMatchObject({ imported: "0", alreadyImported: "3" });
    expect(await records()).toHaveLength(3);
    expect(await runCount()).toBe(3);
  });

  it("imports a file dropped in the folder, and moves one it cannot read to failed/", async () => {
    await writeFile(
      path.join(folder, "platform-2026-11-23.csv"),
      "email,course,completed on,hours\nbob@example.org,Lone Working Online,20/11/2026,3\n",
    );
    await writeFile(path.join(folder, "half-written.csv.part"), "email\n");
    await writeFile(path.join(folder, "wrong.csv"), "Name,Score\nAlice,10\n");
    await t.app.platform.jobs.tick();
    t.clock.advance(5 * 60_000);
    await t.app.platform.jobs.tick();

    const runs = await t.app.elearning.recentRuns(ctx);
    const dropped = runs.find((r) => r.filename === "platform-2026-11-23.csv");
    expect(dropped).toMatchObject({
      trigger: "folder",
      status: "imported",
      counts: expect.objectContaining({ imported: 1 }),
    });
    const failed = runs.find((r) => r.filename === "wrong.csv");
    expect(failed).toMatchObject({ trigger: "folder", status: "failed" });
    const failedPage = await get(`/learning/elearning/runs/${failed?.id}`);
    expect(text(page(failedPage).querySelector("main"))).toContain(
      "must have a column called ‘Course title’ and ‘Completed date’",
    );

    expect(await readdir(path.join(folder, "processed"))).toEqual([
      expect.stringMatching(/-platform-2026-11-23\.csv$/),
    ]);
    expect(await readdir(path.join(folder, "failed"))).toEqual([expect.stringMatching(/-wrong\.csv$/)]);
    expect((await readdir(folder)).sort()).toEqual([
      "failed",
      "half-written.csv.part",
      "processed",
      "processing",
    ]);
    expect(
      (await records()).find((r) => r.person_id === id.bob && r.course_id === id["EL-LONE"]),
    ).toMatchObject({
      hours: 3,
      completed_on: "2026-11-20",
    });
    const job = (await t.app.platform.jobs.recent(10)).find((j) => j.name === ELEARNING_JOBS.pollFolder);
    expect(job?.status).toBe("succeeded");
  });

  it("is for the learning and development team, and another council's runs are not found", async () => {
    const practitioner = await t.signIn({ roles: [{ role: "practitioner", unitId: null }] });
    expect((await get("/learning/elearning", practitioner)).statusCode).toBe(403);
    expect((await get("/learning/elearning/titles", practitioner)).statusCode).toBe(403);

    const other = await t.app.platform.data.system
      .insertInto("tenants")
      .values({ slug: "other-council", name: "Other Council" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const otherCtx: TenantContext = { tenantId: other.id, actor: { id: "system:test" } };
    const otherRun = await t.app.elearning.recordFailedRun(otherCtx, "theirs.csv", "upload", "Not theirs");
    expect((await get(`/learning/elearning/runs/${otherRun}`)).statusCode).toBe(404);
    expect((await get(`/learning/elearning/runs/${otherRun}/unmatched.csv`)).statusCode).toBe(404);
    expect((await get("/learning/elearning/runs/not-a-uuid")).statusCode).toBe(404);

    const runs = await get("/learning/elearning?format=csv");
    expect(runs.statusCode).toBe(200);
    expect(runs.body).not.toContain("theirs.csv");
    expect(runs.body).toContain("completions-march.csv");
  });
});
