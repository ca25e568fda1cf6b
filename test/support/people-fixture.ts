import type { FastifyInstance } from "fastify";
import type { TenantContext } from "../../src/platform/tenancy/data-access.js";

/**
 * A small organisation for the people pages' route and browser tests, made through the people
 * service (job roles, posts and foster households, which it has no methods for yet, directly in a
 * tenant transaction):
 *
 *   Children's Services (directorate)
 *     Safeguarding (service)
 *       Assessment (team)      posts P1, P2 (social worker, 1.0) and P3 (senior social worker, 1.0)
 *       Family Support (team)
 *     Early Help (service)
 *
 *   Alice Adams   Assessment, social worker, permanent 1.0 in P1, from 1 Jan 2023; SW1001
 *   Bob Brown     Assessment, social worker, permanent 0.5, from 1 Jan 2023,
 *                 and Family Support, family support worker, permanent 0.5, from 1 Jun 2023
 *   Cara Clark    Family Support, family support worker, permanent 1.0, from 1 Jan 2023; left 29 Feb 2024
 *   Dan Davis     Assessment, social worker, agency 1.0 covering P2, from 15 Jan 2024
 *   Eve Evans     Family Support, family support worker, permanent 0.8, from 1 Mar 2023; known to
 *                 the HR system (HR-0005), with equality data
 *   `fillers`     people in Early Help, family support workers, permanent 1.0, "Filler 01"...
 *
 *   Households: The Smith household (2 carers; Alice supervises; review overdue on 23 Nov 2026) and
 *   The Jones household (deregistered in 2025).
 */
export interface PeopleFixture {
  ctx: TenantContext;
  id: Record<string, string>;
}

export async function seedPeopleFixture(
  app: FastifyInstance,
  tenantId: string,
  options: { fillers?: number } = {},
): Promise<PeopleFixture> {
  const ctx: TenantContext = { tenantId, actor: { id: "system:fixture" } };
  const people = app.people;
  const { data } = app.platform;
  const id: Record<string, string> = {};
  const must = (key: string): string => {
    const value = id[key];
    if (!value) throw new Error(`fixture has no ${key}`);
    return value;
  };

  await data.run(ctx, async (db) => {
    for (const [code, name, sw, order] of [
      ["SW", "Social worker", true, 20],
      ["SSW", "Senior social worker", true, 10],
      ["FSW", "Family support worker", false, 30],
    ] as const) {
      const row = await db
        .insertInto("job_roles")
        .values({ code, name, social_work_qualified: sw, case_holder: sw, sort_order: order })
        .returning("id")
        .executeTakeFirstOrThrow();
      id[code] = row.id;
    }
    const unit = (code: string, name: string, unit_type: string, parent: string | null) =>
      people.createUnitIn(db, {
        code,
        name,
        unit_type,
        parent_id: parent ? must(parent) : null,
        valid_from: "2023-01-01",
      });
    id.D = await unit("D", "Children's Services", "directorate", null);
    id.S1 = await unit("S1", "Safeguarding", "service", "D");
    id.S2 = await unit("S2", "Early Help", "service", "D");
    id.T1 = await unit("T1", "Assessment", "team", "S1");
    id.T2 = await unit("T2", "Family Support", "team", "S1");
    for (const [ref, role] of [
      ["P1", "SW"],
      ["P2", "SW"],
      ["P3", "SSW"],
    ] as const) {
      const post = await db
        .insertInto("posts")
        .values({
          reference: ref,
          org_unit_id: must("T1"),
          job_role_id: must(role),
          fte: 1,
          social_work_qualified: true,
          valid_from: "2023-01-01",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      id[ref] = post.id;
    }
  });

  const assign = (
    key: string,
    unit: string,
    role: string,
    contract: "permanent" | "agency",
    fte: number,
    from: string,
    post?: string,
  ) =>
    data.run(ctx, (db) =>
      people.addAssignment(db, must(key), {
        org_unit_id: must(unit),
        job_role_id: must(role),
        post_id: post ? must(post) : null,
        contract_type: contract,
        fte,
        valid_from: from,
      }),
    );

  id.alice = await people.createPerson(ctx, {
    given_name: "Alice",
    family_name: "Adams",
    email: "alice.adams@example.org",
    employee_number: "E001",
    swe_number: "SW1001",
    swe_status: "registered",
    started_on: "2023-01-01",
  });
  id.bob = await people.createPerson(ctx, {
    given_name: "Bob",
    family_name: "Brown",
    started_on: "2023-01-01",
  });
  id.cara = await people.createPerson(ctx, { given_name: "Cara", family_name: "Clark" });
  id.dan = await people.createPerson(ctx, { given_name: "Dan", family_name: "Davis" });
  id.eve = await people.createPerson(ctx, {
    given_name: "Eve",
    family_name: "Evans",
    email: "eve.evans@example.org",
    employee_number: "E005",
    started_on: "2023-03-01",
  });
  await assign("alice", "T1", "SW", "permanent", 1, "2023-01-01", "P1");
  await assign("bob", "T1", "SW", "permanent", 0.5, "2023-01-01");
  await assign("bob", "T2", "FSW", "permanent", 0.5, "2023-06-01");
  await assign("cara", "T2", "FSW", "permanent", 1, "2023-01-01");
  await assign("dan", "T1", "SW", "agency", 1, "2024-01-15", "P2");
  await assign("eve", "T2", "FSW", "permanent", 0.8, "2023-03-01");
  await people.recordLeaver(ctx, must("cara"), {
    left_on: "2024-02-29",
    reason_code: 1,
    destination_code: 1,
  });

  await data.run(ctx, async (db) => {
    await db
      .insertInto("person_source_ids")
      .values({ person_id: must("eve"), source: "hr", external_id: "HR-0005" })
      .execute();
    await db
      .insertInto("person_equality")
      .values({
        person_id: must("eve"),
        date_of_birth: "1985-06-15",
        gender: "2",
        ethnicity: "WBRI",
        disability: "no",
      })
      .execute();
    const household = async (reference: string, name: string, deregistered: string | null) => {
      const row = await db
        .insertInto("foster_households")
        .values({
          reference,
          name,
          approval_type: "mainstream",
          approved_on: "2020-05-01",
          supervising_social_worker_id: must("alice"),
          annual_review_due_on: "2026-10-01",
          deregistered_on: deregistered,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    };
    id.smiths = await household("FH-001", "The Smith household", null);
    id.joneses = await household("FH-002", "The Jones household", "2025-03-31");
    for (const [key, given] of [
      ["carer1", "Sam"],
      ["carer2", "Jo"],
    ] as const) {
      const row = await db
        .insertInto("people")
        .values({
          kind: "foster_carer",
          given_name: given,
          family_name: "Smith",
          foster_household_id: must("smiths"),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      id[key] = row.id;
    }
  });

  for (let n = 1; n <= (options.fillers ?? 0); n += 1) {
    const key = `filler${n}`;
    id[key] = await people.createPerson(ctx, {
      given_name: `Person${String(n).padStart(2, "0")}`,
      family_name: "Filler",
    });
    await assign(key, "S2", "FSW", "permanent", 1, "2023-01-01");
  }
  return { ctx, id };
}
