import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import type { PeopleService } from "../people.service.js";
import { careerLevelDefs, jobRoleDefs } from "./catalogue.js";
import { type Plan, type PlanAssignment, type PlanEvent, type PlanPerson, planAuthority } from "./plan.js";
import { type PlanSummary, summarisePlan } from "./summary.js";

/** The actor every generated change is audited under. */
export const DEMO_ACTOR = { id: "system:demo" } as const;

/** Rows per INSERT statement. */
const BATCH = 500;

export interface GenerateOptions {
  tenantId: string;
  /** The council's name: emails are firstname.lastname@<place>.gov.uk. */
  authorityName: string;
  seed: number;
  /** People working there today, about (at least about 200: one team of each kind). */
  staff: number;
  /** Every date is worked out from this one; nothing reads the clock. */
  today: IsoDate;
  people: PeopleService;
  data: DataAccess;
  /** Progress lines (the CLI prints them). */
  log?: (message: string) => void;
  /**
   * How many history queues run at once (default 1). On PostgreSQL 4 took the 5,000-staff history
   * from about 25 s to 18 s on a busy 2-CPU machine; on PGlite (one connection) keep 1.
   */
  concurrency?: number;
}

export interface GenerateResult {
  tenantId: string;
  summary: PlanSummary;
  /** Milliseconds: working out the plan; the one bulk transaction; the history through PeopleService. */
  timings: { planMs: number; bulkMs: number; eventsMs: number; totalMs: number };
  /** Rows written by the bulk transaction and PeopleService calls made for the history. */
  rows: number;
  serviceCalls: number;
  auditEvents: number;
}

/**
 * Generates a whole authority into an empty tenant: the same seed, staff and today give the same
 * data, row for row. Two stages, both inside DataAccess.run as "system:demo":
 *
 * 1. One transaction writes what has no rule to go through, in INSERTs of 500 rows: job roles,
 *    career levels, people and their equality data, posts, assignments as first made, foster carer
 *    households, partner organisations. Units go through PeopleService.createUnitIn.
 * 2. The three years of history then run in date order through PeopleService's own methods, one
 *    transaction each, as a person at a screen would cause them: recordLeaver (closes the leaver's
 *    assignments), moveUnit and changeUnit (the restructures, each change of a team's manager),
 *    movePeople (moves between teams).
 *
 * Ids of directly inserted rows are derived from the tenant, seed and row (uuid-shaped hashes), so a
 * rerun into the same tenant gives identical ids; rows PeopleService makes get database ids.
 */
export async function generateAuthority(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const plan = planAuthority({
    seed: options.seed,
    staff: options.staff,
    today: options.today,
    authorityName: options.authorityName,
  });
  const planMs = performance.now() - started;
  const summary = summarisePlan(plan);
  log(
    `${plan.authority.name}: ${summary.units} units, ${summary.posts} posts, ${summary.staffToday} staff today, ` +
      `${plan.people.length} people, ${plan.assignments.length} assignments, ${plan.events.length} events`,
  );
  const writer = new Writer(plan, options);
  const bulkStart = performance.now();
  await writer.writeBulk();
  const bulkMs = performance.now() - bulkStart;
  log(`${plan.authority.name}: bulk rows written in ${(bulkMs / 1000).toFixed(1)} s`);
  const eventsStart = performance.now();
  await writer.writeHistory();
  const eventsMs = performance.now() - eventsStart;
  log(`${plan.authority.name}: ${plan.events.length} history events in ${(eventsMs / 1000).toFixed(1)} s`);
  // A bulk load leaves the planner's statistics empty until autovacuum gets round to it; without
  // them PostgreSQL picks nested loops over thousands of rows (the people list took 36 ms, not 1).
  await sql`analyze`.execute(options.data.system);
  const auditEvents = await options.data.run(writer.ctx, async (db) => {
    const row = await db
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("actor", "=", DEMO_ACTOR.id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  });
  return {
    tenantId: options.tenantId,
    summary,
    timings: { planMs, bulkMs, eventsMs, totalMs: performance.now() - started },
    rows: writer.rows,
    serviceCalls: writer.serviceCalls,
    auditEvents,
  };
}

/** True when the tenant has no people and no organisation units: the generator's precondition. */
export async function tenantIsEmpty(data: DataAccess, tenantId: string): Promise<boolean> {
  return data.run({ tenantId, actor: DEMO_ACTOR }, async (db) => {
    const person = await db.selectFrom("people").select("id").limit(1).executeTakeFirst();
    const unit = await db.selectFrom("org_units").select("id").limit(1).executeTakeFirst();
    return !person && !unit;
  });
}

class Writer {
  readonly ctx: TenantContext;
  readonly unitIds: string[] = [];
  /** Job role ids by code: the tenant's own where it has the code already, else the ones made here. */
  readonly roleIds = new Map<string, string>();
  rows = 0;
  serviceCalls = 0;

  constructor(
    private readonly plan: Plan,
    private readonly o: GenerateOptions,
  ) {
    this.ctx = { tenantId: o.tenantId, actor: DEMO_ACTOR };
  }

  /** A uuid-shaped id from the tenant, seed and row: stable across reruns into the same tenant. */
  id(kind: string, index: number): string {
    const h = createHash("sha256").update(`${this.o.tenantId}:${this.o.seed}:${kind}:${index}`).digest("hex");
    const variant = ((Number.parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  roleId(code: string): string {
    const id = this.roleIds.get(code);
    if (!id) throw new Error(`No job role ${code}`);
    return id;
  }

  personId(index: number): string {
    return this.id("person", index);
  }

  async insert<T>(db: TenantDb, table: string, rows: T[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH) {
      const chunk = rows.slice(i, i + BATCH);
      // Kysely's table typing cannot follow a table name held in a variable.
      await db
        .insertInto(table as "people")
        .values(chunk as never)
        .execute();
      this.rows += chunk.length;
    }
  }

  async writeBulk(): Promise<void> {
    const { plan } = this;
    if (!(await tenantIsEmpty(this.o.data, this.o.tenantId))) {
      throw new Error(
        "The tenant already has people or organisation units: the demo generator fills only an empty one",
      );
    }
    await this.o.data.run(this.ctx, async (db) => {
      const roleId = (code: string) => this.roleId(code);
      // Reference data the tenant may have already (an HR feed, an administrator): kept, not doubled.
      await db
        .insertInto("job_roles")
        .values(
          jobRoleDefs.map((r, i) => ({
            id: this.id("job_role", i),
            code: r.code,
            name: r.name,
            social_work_qualified: r.socialWorkQualified,
            case_holder: r.caseHolder,
            dfe_org_role: r.dfeOrgRole,
            sort_order: (i + 1) * 10,
          })),
        )
        .onConflict((oc) => oc.columns(["tenant_id", "code"]).doNothing())
        .execute();
      for (const r of await db.selectFrom("job_roles").select(["id", "code"]).execute())
        this.roleIds.set(r.code, r.id);
      await db
        .insertInto("career_levels")
        .values(
          careerLevelDefs.map((c, i) => ({
            id: this.id("career_level", i),
            code: c.code,
            name: c.name,
            sort_order: (i + 1) * 10,
          })),
        )
        .onConflict((oc) => oc.columns(["tenant_id", "code"]).doNothing())
        .execute();
      this.rows += jobRoleDefs.length + careerLevelDefs.length;
      await this.insert(
        db,
        "partner_organisations",
        plan.partnerOrgs.map((o) => ({
          id: this.id("partner_org", o.index),
          name: o.name,
          sector: o.sector,
        })),
      );

      // Staff first (households point at their supervising social worker), then units and posts.
      const staff = plan.people.filter((p) => p.kind === "staff");
      await this.insert(
        db,
        "people",
        staff.map((p) => this.personRow(p)),
      );
      await this.insert(
        db,
        "person_equality",
        staff
          .filter((p) => p.equality)
          .map((p) => ({
            id: this.id("equality", p.index),
            person_id: this.personId(p.index),
            date_of_birth: p.equality?.dateOfBirth ?? null,
            gender: p.equality?.gender ?? null,
            ethnicity: p.equality?.ethnicity ?? null,
            disability: p.equality?.disability ?? null,
          })),
      );
      for (const u of plan.units) {
        const manager = u.initialManager;
        this.unitIds[u.index] = await this.o.people.createUnitIn(db, {
          code: u.code,
          name: u.initialName,
          unit_type: u.unitType,
          parent_id: u.initialParent === null ? null : (this.unitIds[u.initialParent] ?? null),
          manager_person_id: manager === null ? null : this.personId(manager),
          valid_from: u.validFrom,
        });
        this.rows += 2;
      }
      await this.insert(
        db,
        "posts",
        plan.posts.map((p) => ({
          id: this.id("post", p.index),
          reference: p.reference,
          org_unit_id: this.unitIds[p.unit] as string,
          job_role_id: roleId(p.role),
          grade: p.grade,
          fte: p.fte,
          social_work_qualified: p.socialWorkQualified,
          valid_from: p.validFrom,
        })),
      );
      await this.insert(
        db,
        "assignments",
        plan.assignments.filter((a) => a.via === "bulk").map((a) => this.assignmentRow(a, roleId)),
      );
      await this.insert(
        db,
        "foster_households",
        plan.households.map((h) => ({
          id: this.id("household", h.index),
          reference: h.reference,
          name: h.name,
          approval_type: h.approvalType,
          approved_on: h.approvedOn,
          supervising_social_worker_id:
            h.supervisingSocialWorker === null ? null : this.personId(h.supervisingSocialWorker),
          annual_review_due_on: h.annualReviewDueOn,
          deregistered_on: h.deregisteredOn,
        })),
      );
      await this.insert(
        db,
        "people",
        plan.people.filter((p) => p.kind !== "staff").map((p) => this.personRow(p)),
      );
    });
  }

  personRow(p: PlanPerson) {
    return {
      id: this.personId(p.index),
      kind: p.kind,
      given_name: p.givenName,
      family_name: p.familyName,
      preferred_name: p.preferredName,
      email: p.email,
      phone: p.phone,
      employee_number: p.employeeNumber,
      swe_number: p.sweNumber,
      swe_status: p.sweStatus,
      swe_first_registered_on: p.sweFirstRegisteredOn,
      swe_last_checked_on: p.sweLastCheckedOn,
      started_on: p.startedOn,
      foster_household_id: p.household === null ? null : this.id("household", p.household),
      partner_organisation_id: p.partnerOrg === null ? null : this.id("partner_org", p.partnerOrg),
      partner_status: p.partnerStatus,
      created_at: new Date(`${this.plan.today}T00:00:00Z`),
      updated_at: new Date(`${this.plan.today}T00:00:00Z`),
    };
  }

  assignmentRow(a: PlanAssignment, roleId: (code: string) => string) {
    return {
      id: this.id("assignment", a.index),
      person_id: this.personId(a.person),
      post_id: a.post === null ? null : this.id("post", a.post),
      org_unit_id: this.unitIds[a.unit] as string,
      job_role_id: roleId(a.role),
      career_level: a.careerLevel,
      contract_type: a.contract,
      fte: a.fte,
      line_manager_person_id: a.lineManager === null ? null : this.personId(a.lineManager),
      valid_from: a.validFrom,
      valid_to: a.writtenTo,
    };
  }

  /**
   * The history through PeopleService. Events about the same unit or the same person run in date
   * order; events about different ones touch different rows, so with `concurrency` above 1 (on
   * PostgreSQL) several such queues run at once and the result is the same.
   */
  async writeHistory(): Promise<void> {
    const queues = new Map<string, PlanEvent[]>();
    for (const e of this.plan.events) {
      const key =
        e.type === "leave" ? `p${e.leaving.person}` : e.type === "move" ? `p${e.person}` : `u${e.unit}`;
      const queue = queues.get(key);
      if (queue) queue.push(e);
      else queues.set(key, [e]);
    }
    const pending = [...queues.values()];
    const worker = async () => {
      for (let queue = pending.shift(); queue; queue = pending.shift()) {
        for (const e of queue) await this.apply(e);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.o.concurrency ?? 1) }, worker));
  }

  async apply(e: PlanEvent): Promise<void> {
    const { people } = this.o;
    const roleId = (code: string) => this.roleId(code);
    this.serviceCalls += 1;
    switch (e.type) {
      case "moveUnit":
        await people.moveUnit(
          this.ctx,
          this.unitIds[e.unit] as string,
          this.unitIds[e.newParent] ?? null,
          e.date,
        );
        break;
      case "renameUnit":
        await people.changeUnit(this.ctx, this.unitIds[e.unit] as string, e.date, { name: e.name });
        break;
      case "unitManager":
        await people.changeUnit(this.ctx, this.unitIds[e.unit] as string, e.date, {
          manager_person_id: e.manager === null ? null : this.personId(e.manager),
        });
        break;
      case "leave":
        await people.recordLeaver(this.ctx, this.personId(e.leaving.person), {
          left_on: e.leaving.leftOn,
          reason_code: e.leaving.reasonCode,
          destination_code: e.leaving.destinationCode,
          exit_themes: e.leaving.exitThemes,
          exit_notes: e.leaving.exitNotes,
        });
        break;
      case "move": {
        const personId = this.personId(e.person);
        const toUnit = this.unitIds[e.toUnit] as string;
        await people.movePeople(this.ctx, [personId], toUnit, e.date);
        // movePeople keeps the old post, role and manager out of it; the mover took a post in the
        // new team, with its manager (and for an NQSW finishing the ASYE, a new role).
        const [first, ...rest] = e.assignments.map((i) => this.plan.assignments[i] as PlanAssignment);
        if (!first) return;
        await this.o.data.run(this.ctx, async (db) => {
          await db
            .updateTable("assignments")
            .set({
              post_id: first.post === null ? null : this.id("post", first.post),
              job_role_id: roleId(first.role),
              career_level: first.careerLevel,
              line_manager_person_id: first.lineManager === null ? null : this.personId(first.lineManager),
              valid_to: first.writtenTo,
            })
            .where("person_id", "=", personId)
            .where("org_unit_id", "=", toUnit)
            .where("valid_from", "=", e.date)
            .execute();
          if (rest.length > 0)
            await this.insert(
              db,
              "assignments",
              rest.map((a) => this.assignmentRow(a, roleId)),
            );
        });
        this.serviceCalls += 1;
        break;
      }
    }
  }
}
