import type { TestApp } from "../../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";

/**
 * The people fixture (Safeguarding S1 with Assessment T1 and Family Support T2; Early Help S2) with
 * the census year 2026 (1 October 2025 to 30 September 2026) worked by hand:
 *
 *   Mo Manager   T1 social worker 1.0 from 2023; line manager of Rae, Stu and Sue
 *   Lev1..Lev6   T1 social workers 1.0 from 1 Jan 2022; left (resignation, to another council)
 *                15 Oct 2025, 30 Nov 2025, 31 Jan 2026, 13 Mar 2026, 30 Jun 2026, 30 Sep 2026;
 *                exit theme workload (Lev6: workload and pay)
 *   Rae          T1 social worker 1.0 from 2020; left 31 Jan 2026 (resignation, theme pay); back
 *                1 May 2026 at 0.6
 *   Sal          T2 social worker 0.5, started 2 Mar 2026, left 27 Mar 2026 (no destination)
 *   Stu, Sue     T1 social workers: Stu 1.0 from 1 Feb 2026, Sue 0.8 from 1 Jul 2026
 *   Agt          T1 agency social worker 5 Jan to 30 Jun 2026 (leaving recorded): neither
 *   Fay          T2 family support worker 1.0 from 1 Apr 2026 (counts only for all staff)
 *   Ela          S2 social worker 1.0 from 2022, retired 30 Apr 2026 (outside Safeguarding)
 *
 * Safeguarding's social workers in 2026: starters Sal, Stu, Rae (return), Sue = 4 (2.9 FTE);
 * leavers Lev1-6, Rae, Sal = 8 (7.5 FTE); in post at 30 September: Alice 1, Bob 0.5 (his social
 * work half), Mo 1, Rae 0.6, Stu 1, Sue 0.8 = 4.9 FTE; turnover 7.5 / 4.9 = 153.1%.
 *
 * Stay conversations: Lev1..Lev5 on 5 Oct 2025 (left), Alice on 1 Feb 2026 (staying), Mo on
 * 2 Nov 2026 held by Alice (undecided), Stu on 2 Nov 2026 held by Mo (staying), Eve on 2 Nov 2026
 * (undecided).
 */
export async function seedLeaversFixture(
  t: TestApp,
): Promise<PeopleFixture & { conversation: Record<string, string> }> {
  const f = await seedPeopleFixture(t.app, t.tenantId);
  const { ctx, id } = f;
  const people = t.app.people;
  const must = (k: string) => id[k] as string;
  const person = async (key: string, given: string) => {
    id[key] = await people.createPerson(ctx, { given_name: given, family_name: "Test" });
  };
  const assign = (
    key: string,
    unit: string,
    role: string,
    fte: number,
    from: string,
    more: { contract?: "permanent" | "agency"; manager?: string } = {},
  ) =>
    t.app.platform.data.run(ctx, (db) =>
      people.addAssignment(db, must(key), {
        org_unit_id: must(unit),
        job_role_id: must(role),
        contract_type: more.contract ?? "permanent",
        fte,
        valid_from: from,
        line_manager_person_id: more.manager ? must(more.manager) : null,
      }),
    );
  const leave = (
    key: string,
    on: string,
    reason = 1,
    destination: number | null = 1,
    themes: string[] = [],
  ) =>
    people.recordLeaver(ctx, must(key), {
      left_on: on,
      reason_code: reason,
      destination_code: destination,
      exit_themes: themes,
    });

  await person("mo", "Mo");
  await assign("mo", "T1", "SW", 1, "2023-01-01");
  const leaving = ["2025-10-15", "2025-11-30", "2026-01-31", "2026-03-13", "2026-06-30", "2026-09-30"];
  for (const [i, on] of leaving.entries()) {
    const key = `lev${i + 1}`;
    await person(key, `Lev${i + 1}`);
    await assign(key, "T1", "SW", 1, "2022-01-01");
    await leave(key, on, 1, 1, i === 5 ? ["pay", "workload"] : ["workload"]);
  }
  await person("rae", "Rae");
  await assign("rae", "T1", "SW", 1, "2020-01-01");
  await leave("rae", "2026-01-31", 1, 1, ["pay"]);
  await assign("rae", "T1", "SW", 0.6, "2026-05-01", { manager: "mo" });
  await person("sal", "Sal");
  await assign("sal", "T2", "SW", 0.5, "2026-03-02");
  await leave("sal", "2026-03-27", 1, null);
  await person("stu", "Stu");
  await assign("stu", "T1", "SW", 1, "2026-02-01", { manager: "mo" });
  await person("sue", "Sue");
  await assign("sue", "T1", "SW", 0.8, "2026-07-01", { manager: "mo" });
  await person("agt", "Agt");
  await assign("agt", "T1", "SW", 1, "2026-01-05", { contract: "agency" });
  await leave("agt", "2026-06-30");
  await person("fay", "Fay");
  await assign("fay", "T2", "FSW", 1, "2026-04-01");
  await person("ela", "Ela");
  await assign("ela", "S2", "SW", 1, "2022-01-01");
  await leave("ela", "2026-04-30", 5, 6);

  const conversation: Record<string, string> = {};
  await t.app.platform.data.run(ctx, async (db) => {
    const add = async (key: string, personKey: string, heldOn: string, outcome: string, heldBy?: string) => {
      const row = await db
        .insertInto("stay_conversations")
        .values({
          person_id: must(personKey),
          held_on: heldOn,
          held_by_person_id: heldBy ? must(heldBy) : null,
          themes: ["workload"],
          outcome: outcome as "staying",
          recorded_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      conversation[key] = row.id;
    };
    for (let i = 1; i <= 5; i += 1) await add(`lev${i}`, `lev${i}`, "2025-10-05", "left");
    await add("alice", "alice", "2026-02-01", "staying");
    await add("mo", "mo", "2026-11-02", "undecided", "alice");
    await add("stu", "stu", "2026-11-02", "staying", "mo");
    await add("eve", "eve", "2026-11-02", "undecided");
  });
  return { ...f, conversation };
}
