import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/support/app.js";
import { tenantScope } from "../../platform/auth/principal.js";
import type { TenantContext } from "../../platform/tenancy/data-access.js";

/**
 * A small organisation with a restructure, a leaver, a move and a person with two assignments,
 * and headcount and FTE by team worked out by hand on three dates (see the comments).
 */
describe("organisation and people as at a date", () => {
  let t: TestApp;
  let ctx: TenantContext;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp();
    ctx = { tenantId: t.tenantId, actor: { id: "system:fixture" } };
    const people = t.app.people;
    const { data } = t.app.platform;
    await data.run(ctx, async (db) => {
      for (const [code, name, sw] of [
        ["SW", "Social worker", true],
        ["FSW", "Family support worker", false],
      ] as const) {
        const row = await db
          .insertInto("job_roles")
          .values({ code, name, social_work_qualified: sw, case_holder: sw })
          .returning("id")
          .executeTakeFirstOrThrow();
        id[code] = row.id;
      }
      const unit = (code: string, name: string, unit_type: string, parent: string | null) =>
        people.createUnitIn(db, {
          code,
          name,
          unit_type,
          parent_id: parent ? (id[parent] ?? null) : null,
          valid_from: "2023-01-01",
        });
      id.D = await unit("D", "Children's Services", "directorate", null);
      id.S1 = await unit("S1", "Safeguarding", "service", "D");
      id.S2 = await unit("S2", "Early Help", "service", "D");
      id.T1 = await unit("T1", "Assessment", "team", "S1");
      id.T2 = await unit("T2", "Family Support", "team", "S1");
      for (const [ref, from] of [
        ["P1", "2023-01-01"],
        ["P2", "2023-01-01"],
      ] as const) {
        const post = await db
          .insertInto("posts")
          .values({
            reference: ref,
            org_unit_id: id.T1 as string,
            job_role_id: id.SW as string,
            fte: 1,
            social_work_qualified: true,
            valid_from: from,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        id[ref] = post.id;
      }
    });
    const person = async (key: string, given: string) => {
      id[key] = await people.createPerson(ctx, { given_name: given, family_name: "Fixture" });
    };
    const assign = (
      key: string,
      unit: string,
      role: string,
      contract: "permanent" | "agency",
      fte: number,
      from: string,
      to: string | null = null,
      post?: string,
    ) =>
      data.run(ctx, (db) =>
        people.addAssignment(db, id[key] as string, {
          org_unit_id: id[unit] as string,
          job_role_id: id[role] as string,
          post_id: post ? (id[post] ?? null) : null,
          contract_type: contract,
          fte,
          valid_from: from,
          valid_to: to,
        }),
      );
    await person("alice", "Alice");
    await person("bob", "Bob");
    await person("cara", "Cara");
    await person("dan", "Dan");
    await person("eve", "Eve");
    await assign("alice", "T1", "SW", "permanent", 1, "2023-01-01", null, "P1");
    await assign("bob", "T1", "SW", "permanent", 0.5, "2023-01-01");
    await assign("bob", "T2", "FSW", "permanent", 0.5, "2023-06-01");
    await assign("cara", "T2", "FSW", "permanent", 1, "2023-01-01");
    await assign("dan", "T1", "SW", "agency", 1, "2024-01-15", "2024-12-31", "P2");
    await assign("eve", "T2", "FSW", "permanent", 0.8, "2023-03-01");
    await people.recordLeaver(ctx, id.cara as string, {
      left_on: "2024-02-29",
      reason_code: 1,
      destination_code: 1,
    });
    await people.moveUnit(ctx, id.T2 as string, id.S2 as string, "2024-04-01");
    await people.movePeople(ctx, [id.eve as string], id.T1 as string, "2024-07-01");
  });
  afterAll(() => t.close());

  const byTeam = async (date: string) => {
    const counts = await t.app.people.headcountByTeam(ctx, date);
    return {
      T1: counts.get(id.T1 as string) ?? { headcount: 0, fte: 0 },
      T2: counts.get(id.T2 as string) ?? { headcount: 0, fte: 0 },
    };
  };

  it("1 April 2023: Alice 1.0 and Bob 0.5 in Assessment; Cara 1.0 and Eve 0.8 in Family Support", async () => {
    expect(await byTeam("2023-04-01")).toEqual({
      T1: { headcount: 2, fte: 1.5 },
      T2: { headcount: 2, fte: 1.8 },
    });
  });

  it("1 March 2024: Cara has left, Bob's second job counts in Family Support, agency Dan is not in post", async () => {
    expect(await byTeam("2024-03-01")).toEqual({
      T1: { headcount: 2, fte: 1.5 },
      T2: { headcount: 2, fte: 1.3 },
    });
    const agency = await t.app.people.headcountByTeam(ctx, "2024-03-01", ["agency"]);
    expect(agency.get(id.T1 as string)).toEqual({ headcount: 1, fte: 1 });
  });

  it("30 September 2024: Eve has moved to Assessment", async () => {
    expect(await byTeam("2024-09-30")).toEqual({
      T1: { headcount: 3, fte: 2.3 },
      T2: { headcount: 1, fte: 0.5 },
    });
  });

  it("puts Family Support under Safeguarding before the restructure and under Early Help after", async () => {
    const parentOf = async (date: string) => {
      const tree = await t.app.people.orgTree(ctx, tenantScope, date);
      return tree.rows.find((r) => r.orgUnitId === id.T2)?.parentId;
    };
    expect(await parentOf("2024-03-31")).toBe(id.S1);
    expect(await parentOf("2024-04-01")).toBe(id.S2);
  });

  it("lists people in a unit and everything below it, as at the date", async () => {
    const names = async (q: Omit<Parameters<typeof t.app.people.listPeople>[1], "scope">) =>
      (await t.app.people.listPeople(ctx, { scope: tenantScope, ...q })).rows.map((r) => r.givenName);
    expect(await names({ asAt: "2024-09-30", unitId: id.S2 })).toEqual(["Bob"]);
    expect(await names({ asAt: "2024-03-01", unitId: id.S1 })).toEqual(["Alice", "Bob", "Dan", "Eve"]);
    expect(await names({ asAt: "2024-09-30", status: "left" })).toEqual(["Cara"]);
    expect(await names({ asAt: "2024-09-30", contractType: "agency" })).toEqual(["Dan"]);
    expect(await names({ asAt: "2024-09-30", q: "eve" })).toEqual(["Eve"]);
  });

  it("shows a team's establishment, vacancy and agency cover", async () => {
    const team = await t.app.people.teamView(ctx, id.T1 as string, "2024-03-01");
    expect(team?.totals).toEqual({
      headcount: 2,
      fteInPost: 1.5,
      agencyHeadcount: 1,
      agencyFte: 1,
      establishmentFte: 2,
      vacancyFte: 1,
      coveredFte: 1,
    });
    expect(team?.ancestry.map((u) => u.name)).toEqual(["Children's Services", "Safeguarding", "Assessment"]);
  });

  it("keeps the timeline of a person's assignments", async () => {
    const profile = await t.app.people.profile(ctx, id.eve as string, { includeEquality: false });
    expect(profile?.assignments.map((a) => [a.unitName, a.validFrom, a.validTo])).toEqual([
      ["Assessment", "2024-07-01", null],
      ["Family Support", "2023-03-01", "2024-06-30"],
    ]);
  });
});
