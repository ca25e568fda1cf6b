import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/support/app.js";
import { formPost } from "../../../test/support/forms.js";
import { html, text } from "../../../test/support/html.js";
import type { TenantContext } from "../../platform/tenancy/data-access.js";

describe("data protection", () => {
  let t: TestApp;
  let ctx: TenantContext;
  let personId: string;
  let leaverId: string;
  let teamId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set("2026-11-23T09:00:00Z");
    ctx = { tenantId: t.tenantId, actor: { id: "system:fixture" } };
    const { people } = t.app;
    const roleId = await t.app.platform.data.run(ctx, async (db) => {
      teamId = await people.createUnitIn(db, {
        code: "T",
        name: "Assessment",
        unit_type: "team",
        parent_id: null,
        valid_from: "2015-01-01",
      });
      const role = await db
        .insertInto("job_roles")
        .values({ code: "SW", name: "Social worker" })
        .returning("id")
        .executeTakeFirstOrThrow();
      return role.id;
    });
    const assignment = {
      org_unit_id: teamId,
      job_role_id: roleId,
      contract_type: "permanent" as const,
      fte: 1,
      valid_from: "2018-01-01",
    };
    personId = await people.createPerson(
      ctx,
      { given_name: "Nadia", family_name: "Okafor", email: "nadia@example.org", swe_number: "SW4821" },
      assignment,
    );
    leaverId = await people.createPerson(
      ctx,
      { given_name: "Len", family_name: "Older", email: "len@example.org", employee_number: "E77" },
      assignment,
    );
    await people.recordLeaver(ctx, leaverId, {
      left_on: "2019-06-30",
      reason_code: 5,
      exit_notes: "Retiring to the coast",
    });
    await t.app.platform.data.run(ctx, async (db) => {
      await db
        .insertInto("person_equality")
        .values({ person_id: personId, date_of_birth: "1988-02-03", ethnicity: "BAFR" })
        .execute();
      await db
        .insertInto("person_equality")
        .values({ person_id: leaverId, date_of_birth: "1958-07-01", ethnicity: "WBRI" })
        .execute();
      await t.app.auth.createUser(db, {
        email: "nadia@example.org",
        displayName: "Nadia Okafor",
        personId,
        password: "sunflower harbour quilt",
        roles: [{ role: "practitioner", unitId: null }],
      });
    });
    await t.app.auth.signInWithPassword(t.tenantId, "nadia@example.org", "sunflower harbour quilt");
  });
  afterAll(() => t.close());

  it("exports every table that refers to the person, listed from the schema", async () => {
    // Independently of the service: every table with a foreign key to people.
    const fromSchema = await sql<{ table_name: string }>`
      select distinct tc.table_name
      from information_schema.table_constraints tc
      join information_schema.constraint_column_usage ccu
        on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name = 'people' and tc.table_schema = current_schema()`.execute(
      t.database.db,
    );
    const exported = await t.app.dataProtection.subjectAccess(ctx, personId);
    expect(fromSchema.rows.length).toBeGreaterThan(5);
    for (const { table_name } of fromSchema.rows)
      expect(Object.keys(exported?.tables ?? {})).toContain(table_name);

    const tables = exported?.tables ?? {};
    expect(tables.people?.[0]).toMatchObject({ given_name: "Nadia", swe_number: "SW4821" });
    expect(tables.person_equality?.[0]).toMatchObject({ ethnicity: "BAFR" });
    expect(tables.assignments).toHaveLength(1);
    expect(tables.users?.[0]).toMatchObject({
      email: "nadia@example.org",
      password_hash: expect.stringContaining("withheld"),
    });
    // Through the user account: roles and sign-in events.
    expect(tables.user_roles?.[0]).toMatchObject({ role: "practitioner" });
    expect(tables.sign_in_events?.[0]).toMatchObject({ outcome: "signed_in" });
  });

  it("shows the export to HR as a page and as JSON", async () => {
    const cookie = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
    const page = await t.app.inject({
      url: `/data-protection/subject-access/${personId}`,
      headers: { cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(text(html(page.body).querySelector("main"))).toContain("Okafor");
    const json = await t.app.inject({
      url: `/data-protection/subject-access/${personId}?format=json`,
      headers: { cookie },
    });
    expect(json.json().tables.people[0].family_name).toBe("Okafor");
    const practitioner = await t.signIn({ roles: [{ role: "practitioner", unitId: null }] });
    expect(
      (
        await t.app.inject({
          url: `/data-protection/subject-access/${personId}`,
          headers: { cookie: practitioner },
        })
      ).statusCode,
    ).toBe(403);
  });

  it("anonymises leavers past the retention period only after a dry run is confirmed, keeping counts", async () => {
    // What Len wrote: a CPD entry with a peer reflection and evidence, and a register check note.
    const entryId = await t.app.cpdLog.create(ctx, leaverId, {
      entryOn: "2019-06-01",
      title: "Reflecting on the Smith family",
      kind: "reflective_supervision",
      category: "others",
      hours: 2,
      learnt: "What I learnt about the Smiths",
      impact: "How I changed my visits",
      sweStandards: [3],
      pcfDomains: [],
      kssStatements: [],
      learningRecordId: null,
      peer: { name: "Pia Peer", on: "2019-06-02", notes: "Talked about the Smiths" },
      status: "final",
      sharedWithSupervisor: true,
    });
    await t.app.cpdLog.addEvidence(
      ctx,
      entryId,
      { filename: "notes.txt", contentType: "text/plain", data: Buffer.from("Case notes") },
      "My notes",
    );
    await t.app.platform.data.run(ctx, (db) =>
      db
        .insertInto("cpd_register_checks")
        .values({
          person_id: leaverId,
          checked_on: "2019-12-01",
          status: "registered",
          source: "manual",
          recorded_by: "system:fixture",
          note: "Spoke to Len about his renewal",
        })
        .execute(),
    );
    const before = await t.app.people.headcountByTeam(ctx, "2019-01-01");
    const cookie = await t.signIn({ roles: [{ role: "system_administrator", unitId: null }] });
    const dryRun = await t.app.inject({ url: "/data-protection/retention", headers: { cookie } });
    expect(text(html(dryRun.body).querySelector("tbody"))).toContain("Len Older");
    expect(text(html(dryRun.body).querySelector("tbody"))).not.toContain("Nadia");

    const unconfirmed = await formPost(
      t.app,
      "/data-protection/retention",
      cookie,
      { personIds: leaverId },
      { pageUrl: "/data-protection/retention" },
    );
    expect(unconfirmed.statusCode).toBe(400);
    const confirmed = await formPost(
      t.app,
      "/data-protection/retention",
      cookie,
      { personIds: leaverId, confirm: "yes" },
      { pageUrl: "/data-protection/retention" },
    );
    expect(confirmed.statusCode).toBe(302);
    await t.app.platform.jobs.tick();

    const len = await t.database.db
      .selectFrom("people")
      .selectAll()
      .where("id", "=", leaverId)
      .executeTakeFirstOrThrow();
    expect(len).toMatchObject({
      given_name: "Former",
      email: null,
      employee_number: null,
      anonymised_on: "2026-11-23",
    });
    const leaving = await t.database.db
      .selectFrom("leavings")
      .selectAll()
      .where("person_id", "=", leaverId)
      .executeTakeFirstOrThrow();
    expect(leaving).toMatchObject({ reason_code: 5, exit_notes: null });
    // The CPD entry keeps what the 70:20:10 figures count; the words, the peer and the file go.
    const entry = await t.database.db
      .selectFrom("cpd_entries")
      .selectAll()
      .where("id", "=", entryId)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      title: "CPD entry",
      learnt: null,
      impact: null,
      peer_name: null,
      peer_notes: null,
      category: "others",
      status: "final",
    });
    expect(Number(entry.hours)).toBe(2);
    expect(await t.database.db.selectFrom("cpd_evidence").select("id").execute()).toEqual([]);
    expect(await t.database.db.selectFrom("stored_files").select("id").execute()).toEqual([]);
    const check = await t.database.db
      .selectFrom("cpd_register_checks")
      .select(["note", "status"])
      .where("person_id", "=", leaverId)
      .executeTakeFirstOrThrow();
    expect(check).toEqual({ note: null, status: "registered" });
    expect(await t.app.people.headcountByTeam(ctx, "2019-01-01")).toEqual(before);
    expect(await t.app.dataProtection.dueForAnonymisation(ctx)).toEqual([]);
  });
});
