import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccessFixture, seedAccessFixture } from "../../../../test/support/access-fixture.js";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { csrfTokenFrom, formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { addEntry, multipartBody } from "./test-helpers.js";

const LIMIT = 64 * 1024;
const pdf = Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");

/** The CPD log's pages: Your CPD, entries, evidence, sharing and the 70:20:10 view. */
describe("CPD log pages", () => {
  let t: TestApp;
  let f: AccessFixture;
  let pat: string;
  let lina: string;
  let sam: string;
  let quality: string;
  const as = (role: string) => {
    const r = f.roles[role];
    if (!r) throw new Error(role);
    return t.signIn({ roles: r.grants, personId: r.personId });
  };
  const person = (role: string, kind: "own" | "in scope" | "out of scope") => {
    const id = f.roles[role]?.person[kind];
    if (!id) throw new Error(`${role} ${kind}`);
    return id;
  };
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const errorSummary = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => text(a));
  const entryCount = async () =>
    (await t.database.db.selectFrom("cpd_entries").select("id").execute()).length;

  const good = {
    "entry_on-day": "2",
    "entry_on-month": "10",
    "entry_on-year": "2026",
    title: "Group supervision on neglect",
    kind: "reflective_supervision",
    category: "",
    hours: "1.5",
    learnt: "Using chronologies",
    impact: "I write chronologies sooner",
    swe_standards: "3",
    status: "final",
  };

  beforeAll(async () => {
    t = await buildTestApp({ env: { UPLOAD_MAX_BYTES: String(LIMIT) } });
    f = await seedAccessFixture(t);
    pat = await as("practitioner");
    lina = await as("line_manager");
    sam = await as("service_manager");
    quality = await as("quality_assurance_lead");
  });
  afterAll(() => t.close());

  describe("Your CPD and adding entries", () => {
    it("shows Your CPD with this registration year first and a link to readiness", async () => {
      const page = await get("/cpd", pat);
      expect(page.statusCode).toBe(200);
      const doc = html(page.body);
      expect(text(doc.querySelector("h1"))).toBe("Your CPD");
      expect(text(doc.querySelector("h2"))).toContain("1 December 2025 to 30 November 2026");
      expect(doc.querySelector('a[href="/cpd/registration"]')).not.toBeNull();
    });

    it("explains when the account has no person record", async () => {
      const nobody = await t.signIn({ roles: [{ role: "practitioner", unitId: null }], personId: null });
      const page = await get("/cpd", nobody);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("not linked to a person record");
    });

    it("refuses an empty form with every problem shown, and writes nothing", async () => {
      const before = await entryCount();
      const bad = await formPost(t.app, "/cpd/entries/new", pat, {});
      expect(bad.statusCode).toBe(400);
      expect(errorSummary(bad.body)).toEqual([
        "Enter the date of the learning",
        "Enter a title",
        "Select the kind of learning",
        "Enter the hours it took, like 2 or 1.5",
        "Select draft or final",
      ]);
      expect(text(html(bad.body).querySelector("title"))).toMatch(/^Error: /);
      expect(await entryCount()).toBe(before);
    });

    it("asks for what was learnt, its impact and a standard only when final", async () => {
      const bad = await formPost(t.app, "/cpd/entries/new", pat, {
        ...good,
        learnt: "",
        impact: "",
        swe_standards: "",
      });
      expect(errorSummary(bad.body)).toEqual([
        "Enter what you learnt",
        "Enter the impact on your practice",
        "Select at least one professional standard it relates to",
      ]);
      const draft = await formPost(t.app, "/cpd/entries/new", pat, {
        ...good,
        learnt: "",
        impact: "",
        swe_standards: "",
        status: "draft",
      });
      expect(draft.statusCode).toBe(303);
    });

    it("refuses a date in the future, and writes nothing", async () => {
      const before = await entryCount();
      const bad = await formPost(t.app, "/cpd/entries/new", pat, {
        ...good,
        "entry_on-day": "24",
        "entry_on-month": "11",
      });
      expect(bad.statusCode).toBe(400);
      expect(errorSummary(bad.body)).toEqual(["The date of the learning must be today or in the past"]);
      expect(await entryCount()).toBe(before);
    });

    it("takes a peer reflection whole or not at all", async () => {
      const before = await entryCount();
      const partial = await formPost(t.app, "/cpd/entries/new", pat, { ...good, peer_name: "Sean" });
      expect(partial.statusCode).toBe(400);
      expect(errorSummary(partial.body)).toEqual([
        "Enter the date of the peer reflection",
        "Enter notes from the peer reflection",
      ]);
      const onlyNotes = await formPost(t.app, "/cpd/entries/new", pat, { ...good, peer_notes: "We talked" });
      expect(errorSummary(onlyNotes.body)).toEqual([
        "Enter the name of the peer you reflected with",
        "Enter the date of the peer reflection",
      ]);
      expect(await entryCount()).toBe(before);

      const whole = await formPost(t.app, "/cpd/entries/new", pat, {
        ...good,
        peer_name: "Sean Senior-Practitioner",
        "peer_on-day": "5",
        "peer_on-month": "10",
        "peer_on-year": "2026",
        peer_notes: "We talked about drift",
      });
      expect(whole.statusCode).toBe(303);
      const id = String(whole.headers.location).split("/").pop() as string;
      const row = await t.database.db
        .selectFrom("cpd_entries")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        person_id: person("practitioner", "own"),
        kind: "reflective_supervision",
        category: "others",
        peer_name: "Sean Senior-Practitioner",
        peer_on: "2026-10-05",
        status: "final",
        swe_standards: [3],
        shared_with_supervisor: false,
      });
      const page = await get(String(whole.headers.location), pat);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("We talked about drift");
      expect(page.body).toContain("This entry is final");
    });

    it("records a course from the person's learning record, which then leaves the list", async () => {
      const record = await t.app.platform.data.run(
        { tenantId: t.tenantId, actor: { id: "system:test" } },
        (db) =>
          db
            .insertInto("learning_records")
            .values({
              person_id: person("practitioner", "own"),
              title: "Restorative Practice level 1",
              completed_on: "2026-09-15",
              source: "external",
              hours: 6,
              verification: "verified",
              created_by: "system:test",
            })
            .returning("id")
            .executeTakeFirstOrThrow(),
      );
      const href = `/cpd/entries/new?learningRecordId=${record.id}`;
      expect(html((await get("/cpd", pat)).body).querySelector(`a[href="${href}"]`)).not.toBeNull();
      const form = html((await get(href, pat)).body);
      expect(form.querySelector("#title")?.getAttribute("value")).toBe("Restorative Practice level 1");
      expect(form.querySelector("#hours")?.getAttribute("value")).toBe("6");
      expect(form.querySelector("#entry_on-day")?.getAttribute("value")).toBe("15");
      expect(form.querySelector('input[name="kind"][value="course"]')?.hasAttribute("checked")).toBe(true);
      // Someone else's record is not found.
      expect((await get(href, lina)).statusCode).toBe(404);

      const fields = {
        ...good,
        title: "Restorative Practice level 1",
        kind: "course",
        hours: "6",
        "entry_on-day": "15",
        "entry_on-month": "9",
        learning_record_id: record.id,
      };
      const saved = await formPost(t.app, "/cpd/entries/new", pat, fields, { pageUrl: href });
      expect(saved.statusCode).toBe(303);
      const row = await t.database.db
        .selectFrom("cpd_entries")
        .select(["learning_record_id", "category"])
        .where("learning_record_id", "=", record.id)
        .executeTakeFirstOrThrow();
      expect(row.category).toBe("formal");
      expect(html((await get("/cpd", pat)).body).querySelector(`a[href="${href}"]`)).toBeNull();
      const again = await formPost(t.app, "/cpd/entries/new", pat, fields, { pageUrl: "/cpd/entries/new" });
      expect(again.statusCode).toBe(400);
      expect(errorSummary(again.body)).toEqual(["That learning is already recorded as CPD"]);
    });

    it("lets the owner change and delete an entry, after a confirmation page", async () => {
      const id = await addEntry(t.app, t.tenantId, person("practitioner", "own"), { title: "To change" });
      const edit = await get(`/cpd/entries/${id}/edit`, pat);
      expect(edit.statusCode).toBe(200);
      expect(edit.body).toContain("This entry is final");
      const changed = await formPost(t.app, `/cpd/entries/${id}/edit`, pat, {
        ...good,
        title: "Changed title",
      });
      expect(changed.statusCode).toBe(303);
      expect((await get(`/cpd/entries/${id}`, pat)).body).toContain("Changed title");
      expect((await get(`/cpd/entries/${id}/delete`, pat)).statusCode).toBe(200);
      const deleted = await formPost(t.app, `/cpd/entries/${id}/delete`, pat, {});
      expect(deleted.statusCode).toBe(303);
      expect((await get(`/cpd/entries/${id}`, pat)).statusCode).toBe(404);
    });

    it("exports the log as CSV and Excel", async () => {
      const csv = await get("/cpd?format=csv", pat);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toContain("text/csv");
      expect(csv.body).toContain("Group supervision on neglect");
      expect(csv.body).toContain("Sean Senior-Practitioner");
      const xlsx = await get("/cpd?format=xlsx", pat);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers["content-disposition"]).toContain(".xlsx");
    });
  });

  describe("sharing", () => {
    let shared: string;
    let unshared: string;
    let aliceShared: string;

    beforeAll(async () => {
      const patId = person("practitioner", "own");
      shared = await addEntry(t.app, t.tenantId, patId, {
        title: "Shared reading",
        sharedWithSupervisor: true,
      });
      unshared = await addEntry(t.app, t.tenantId, patId, { title: "Private reading" });
      aliceShared = await addEntry(t.app, t.tenantId, person("line_manager", "out of scope"), {
        title: "Alice's reading",
        sharedWithSupervisor: true,
      });
    });

    it("shows a manager a report's shared entries only, read only", async () => {
      const page = await get(`/cpd/people/${person("practitioner", "own")}`, lina);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("Shared reading");
      expect(page.body).not.toContain("Private reading");
      const entry = await get(`/cpd/entries/${shared}`, lina);
      expect(entry.statusCode).toBe(200);
      expect(entry.body).toContain("You can read it but not change it");
      expect(html(entry.body).querySelector('form[enctype="multipart/form-data"]')).toBeNull();
      expect((await get(`/cpd/entries/${unshared}`, lina)).statusCode).toBe(404);
      expect((await get(`/cpd/entries/${shared}/edit`, lina)).statusCode).toBe(404);
      expect(
        (await formPost(t.app, `/cpd/entries/${shared}/delete`, lina, {}, { pageUrl: "/cpd/entries/new" }))
          .statusCode,
      ).toBe(404);
      expect((await get(`/cpd/entries/${shared}`, sam)).statusCode).toBe(200);
      expect((await get(`/cpd/entries/${shared}`, quality)).statusCode).toBe(200);
    });

    it("answers 404 for people and entries outside the manager's scope, 403 to practitioners", async () => {
      expect((await get(`/cpd/people/${person("line_manager", "out of scope")}`, lina)).statusCode).toBe(404);
      expect((await get(`/cpd/entries/${aliceShared}`, lina)).statusCode).toBe(404);
      expect((await get(`/cpd/people/${f.other.person}`, quality)).statusCode).toBe(404);
      expect((await get(`/cpd/people/${person("practitioner", "own")}`, pat)).statusCode).toBe(403);
      expect((await get(`/cpd/entries/${shared}`, await as("assessor"))).statusCode).toBe(404);
    });
  });

  describe("evidence", () => {
    let entryId: string;
    let token: string;

    beforeAll(async () => {
      entryId = await addEntry(t.app, t.tenantId, person("practitioner", "own"), {
        title: "Course with certificate",
        sharedWithSupervisor: true,
      });
      token = await csrfTokenFrom(t.app, `/cpd/entries/${entryId}`, pat);
    });

    const upload = async (
      cookie: string,
      file?: { name: string; content: Buffer | string },
      description = "",
    ) => {
      const csrf = cookie === pat ? token : await csrfTokenFrom(t.app, `/cpd/entries/${entryId}`, cookie);
      const body = await multipartBody({ _csrf: csrf, description }, file);
      return t.app.inject({
        method: "POST",
        url: `/cpd/entries/${entryId}/evidence`,
        headers: { cookie, "content-type": body.contentType },
        payload: body.payload,
      });
    };
    const files = async () => (await t.database.db.selectFrom("stored_files").select("id").execute()).length;

    it("adds a file, lists it and sends it back as an attachment", async () => {
      const res = await upload(pat, { name: "certificate.pdf", content: pdf }, "Certificate");
      expect(res.statusCode).toBe(303);
      const page = html((await get(`/cpd/entries/${entryId}`, pat)).body);
      const link = page.querySelector(`a[href^="/cpd/entries/${entryId}/evidence/"][download]`);
      expect(text(link)).toBe("certificate.pdf");
      const download = await get(String(link?.getAttribute("href")), pat);
      expect(download.statusCode).toBe(200);
      expect(download.headers["content-type"]).toBe("application/pdf");
      expect(download.headers["content-disposition"]).toContain('attachment; filename="certificate.pdf"');
      expect(download.headers["x-content-type-options"]).toBe("nosniff");
      expect(download.rawPayload.equals(pdf)).toBe(true);
      // The manager may download a shared entry's file; someone outside scope may not.
      expect((await get(String(link?.getAttribute("href")), lina)).statusCode).toBe(200);
      expect((await get(String(link?.getAttribute("href")), await as("assessor"))).statusCode).toBe(404);
    });

    it("refuses a file of another type, a disguised one or one too large, and stores nothing", async () => {
      const before = await files();
      const exe = await upload(pat, { name: "tool.exe", content: "MZ" });
      expect(exe.statusCode).toBe(400);
      expect(errorSummary(exe.body)[0]).toMatch(/^The selected file must be a PDF/);
      const disguised = await upload(pat, { name: "page.pdf", content: "<html><script>" });
      expect(disguised.statusCode).toBe(400);
      expect(errorSummary(disguised.body)[0]).toMatch(/^The selected file must be a PDF/);
      const big = await upload(pat, { name: "big.txt", content: Buffer.alloc(LIMIT + 10, 0x41) });
      expect(errorSummary(big.body)).toEqual(["The selected file must be smaller than 64KB"]);
      const none = await upload(pat);
      expect(errorSummary(none.body)[0]).toMatch(/^Select a /);
      expect(await files()).toBe(before);
      // Only the owner adds files.
      expect((await upload(lina, { name: "x.pdf", content: pdf })).statusCode).toBe(404);
    });

    it("removes a file after a confirmation page", async () => {
      const page = html((await get(`/cpd/entries/${entryId}`, pat)).body);
      const remove = String(page.querySelector('a[href$="/remove"]')?.getAttribute("href"));
      expect((await get(remove, lina)).statusCode).toBe(404);
      const confirm = await get(remove, pat);
      expect(confirm.statusCode).toBe(200);
      expect(confirm.body).toContain("Are you sure you want to remove certificate.pdf?");
      const before = await files();
      expect((await formPost(t.app, remove, pat, {})).statusCode).toBe(303);
      expect(await files()).toBe(before - 1);
      expect((await get(`/cpd/entries/${entryId}`, pat)).body).toContain("No evidence files");
    });
  });

  describe("70:20:10", () => {
    it("shows a person's mix as a chart and a table", async () => {
      const page = html((await get("/cpd", pat)).body);
      const table = page.querySelectorAll("#mix ~ table tbody tr").map((r) => text(r));
      expect(table.length).toBe(4);
      expect(page.querySelector("figure svg")).not.toBeNull();
    });

    it("hides a team figure based on fewer than 5 people, and shows it for 5 or more", async () => {
      const t2 = f.roles.line_manager?.unit["in scope"] as string; // Family Support
      const s1 = f.roles.service_manager?.unit.own as string; // Safeguarding
      const few = await get(`/cpd/teams/${t2}`, sam);
      expect(few.statusCode).toBe(200);
      expect(few.body).toContain("fewer than 5 people");
      const csv = await get(`/cpd/teams/${t2}?format=csv`, sam);
      expect(csv.body).toContain("fewer than 5 people");

      // Five people in Safeguarding with hours: the team figure shows.
      const people = await t.database.db
        .selectFrom("people")
        .select(["id", "given_name"])
        .where("given_name", "in", ["Alice", "Sean", "Lina", "Dan", "Eve"])
        .execute();
      expect(people.length).toBe(5);
      for (const p of people) {
        await addEntry(t.app, t.tenantId, p.id, { kind: "course", hours: 1 });
      }
      const many = await get(`/cpd/teams/${s1}`, sam);
      expect(many.statusCode).toBe(200);
      expect(many.body).not.toContain("fewer than 5 people");
      const teamTable = html(many.body).querySelector("table");
      expect(text(teamTable?.querySelector("caption"))).toContain("The team's hours by category");
      const xlsx = await get(`/cpd/teams/${s1}?format=xlsx`, sam);
      expect(xlsx.statusCode).toBe(200);
    });

    it("answers 404 for a team outside the viewer's scope or council", async () => {
      expect((await get(`/cpd/teams/${f.roles.line_manager?.unit["out of scope"]}`, lina)).statusCode).toBe(
        404,
      );
      expect((await get(`/cpd/teams/${f.other.unit}`, quality)).statusCode).toBe(404);
      expect((await get(`/cpd/teams/${f.roles.line_manager?.unit.own}`, lina)).statusCode).toBe(200);
      expect((await get(`/cpd/teams/${f.roles.line_manager?.unit.own}`, pat)).statusCode).toBe(403);
    });
  });
});
