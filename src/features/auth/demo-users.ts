import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { TenantDb } from "../../platform/tenancy/data-access.js";
import { DEMO_PASSWORD, demoAccounts } from "./demo-accounts.js";

/** For each demo role, who in the generated authority holds it and what its scope is. */
const holders: Record<
  string,
  { jobRoles: string[]; scope: "none" | "own unit" | "parent unit"; kind?: "foster_carer" }
> = {
  practitioner: { jobRoles: ["SW"], scope: "none" },
  line_manager: { jobRoles: ["TM"], scope: "own unit" },
  service_manager: { jobRoles: ["SM", "HOS"], scope: "own unit" },
  learning_and_development_officer: { jobRoles: ["WDO"], scope: "none" },
  asye_coordinator: { jobRoles: ["PSW", "PE", "AP"], scope: "none" },
  assessor: { jobRoles: ["PE", "AP", "SSW"], scope: "none" },
  supervising_social_worker: { jobRoles: ["SSW", "SW"], scope: "none" },
  hr_workforce_analyst: { jobRoles: ["BSM", "BSO"], scope: "none" },
  quality_assurance_lead: { jobRoles: ["QAP", "IRO"], scope: "none" },
  senior_leader: { jobRoles: ["DCS", "HOS"], scope: "none" },
  system_administrator: { jobRoles: ["BSTL", "BSO"], scope: "none" },
  external_learner: { jobRoles: [], scope: "none", kind: "foster_carer" },
};

/**
 * In demo mode, one account for each role, each linked to a person in the generated authority
 * who would hold it (so scoped roles have a real team), all with the demo password.
 * Does nothing when the accounts exist.
 */
export async function seedDemoUsers(app: FastifyInstance): Promise<number> {
  const tenants = await app.platform.data.system
    .selectFrom("tenants")
    .select("id")
    .orderBy("created_at")
    .execute();
  let made = 0;
  const today = app.people.today();
  for (const tenant of tenants) {
    await app.platform.data.run({ tenantId: tenant.id, actor: { id: "system:demo" } }, async (db) => {
      const existing = await db.selectFrom("users").select("email").execute();
      const have = new Set(existing.map((u) => u.email));
      for (const account of demoAccounts) {
        if (have.has(account.email)) continue;
        const holder = holders[account.role];
        const person = holder ? await findHolder(db, holder.jobRoles, holder.kind, today) : undefined;
        const unitId = holder?.scope === "own unit" ? (person?.unitId ?? null) : null;
        await app.auth.createUser(db, {
          email: account.email,
          displayName: person ? `${person.givenName} ${person.familyName}` : account.roleName,
          personId: person?.id ?? null,
          password: DEMO_PASSWORD,
          roles: [{ role: account.role, unitId }],
        });
        made += 1;
      }
    });
  }
  return made;
}

async function findHolder(db: TenantDb, jobRoles: string[], kind: "foster_carer" | undefined, today: string) {
  if (kind) {
    return db
      .selectFrom("people")
      .select([
        "people.id",
        "people.given_name as givenName",
        "people.family_name as familyName",
        sql<string | null>`null`.as("unitId"),
      ])
      .where("people.kind", "=", kind)
      .orderBy("people.family_name")
      .limit(1)
      .executeTakeFirst();
  }
  for (const code of jobRoles) {
    const found = await db
      .selectFrom("assignments")
      .innerJoin("job_roles", "job_roles.id", "assignments.job_role_id")
      .innerJoin("people", "people.id", "assignments.person_id")
      .select([
        "people.id",
        "people.given_name as givenName",
        "people.family_name as familyName",
        "assignments.org_unit_id as unitId",
      ])
      .where("job_roles.code", "=", code)
      .where("assignments.contract_type", "=", "permanent")
      .where("assignments.valid_from", "<=", today)
      .where((eb) => eb.or([eb("assignments.valid_to", "is", null), eb("assignments.valid_to", ">=", today)]))
      .orderBy("people.family_name")
      .orderBy("people.given_name")
      .limit(1)
      .executeTakeFirst();
    if (found) return found;
  }
  return undefined;
}
