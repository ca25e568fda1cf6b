import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import "../../people/schema.js";
import "../schema.js";
import type { AssignmentFact, LeavingFact } from "./counting.js";

/** Every staff assignment that began on or before the date, with its role's name and flag. */
export async function assignmentFacts(db: TenantDb, until: IsoDate): Promise<AssignmentFact[]> {
  const rows = await db
    .selectFrom("assignments")
    .innerJoin("people", "people.id", "assignments.person_id")
    .innerJoin("job_roles", "job_roles.id", "assignments.job_role_id")
    .select([
      "assignments.person_id as personId",
      "assignments.org_unit_id as orgUnitId",
      "assignments.job_role_id as jobRoleId",
      "job_roles.name as jobRoleName",
      "job_roles.social_work_qualified as socialWork",
      "assignments.contract_type as contractType",
      "assignments.fte as fte",
      "assignments.valid_from as validFrom",
      "assignments.valid_to as validTo",
    ])
    .where("people.kind", "=", "staff")
    .where("assignments.valid_from", "<=", until)
    .execute();
  return rows.map((r) => ({ ...r, fte: Number(r.fte) }));
}

/** Every leaving on or before the date. */
export async function leavingFacts(db: TenantDb, until: IsoDate): Promise<LeavingFact[]> {
  const rows = await db
    .selectFrom("leavings")
    .select([
      "person_id as personId",
      "left_on as leftOn",
      "reason_code as reasonCode",
      "destination_code as destinationCode",
      "exit_themes as exitThemes",
    ])
    .where("left_on", "<=", until)
    .execute();
  return rows.map((r) => ({ ...r, exitThemes: r.exitThemes ?? [] }));
}

/** Stay conversations held in a period: who, when and the outcome. */
export async function conversationsHeld(db: TenantDb, from: IsoDate, to: IsoDate) {
  return db
    .selectFrom("stay_conversations")
    .select(["person_id as personId", "held_on as heldOn", "outcome"])
    .where("held_on", ">=", from)
    .where("held_on", "<=", to)
    .execute();
}
