import { type Selectable, sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type {
  ActionPlansTable,
  ActionStatus,
  PlanAction,
  PlanActionUpdatesTable,
  PlanOutcomesTable,
} from "../schema.js";

export type ActionPlan = Selectable<ActionPlansTable>;
export type PlanOutcome = Selectable<PlanOutcomesTable>;
export type PlanActionUpdate = Selectable<PlanActionUpdatesTable>;

/** A person's name as lists show it: "Preferred-or-given Family". */
const personName = sql<string>`coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name`;

/** Plans, the latest start first, with their action counts as at `today`. */
export async function plansWithCounts(db: TenantDb, today: IsoDate) {
  return db
    .selectFrom("action_plans as pl")
    .leftJoin("plan_outcomes as o", "o.plan_id", "pl.id")
    .leftJoin("plan_actions as a", "a.outcome_id", "o.id")
    .select([
      "pl.id",
      "pl.title",
      "pl.starts_on",
      "pl.ends_on",
      sql<number>`count(distinct o.id)::int`.as("outcomes"),
      sql<number>`count(a.id)::int`.as("total"),
      sql<number>`count(a.id) filter (where a.status = 'complete')::int`.as("complete"),
      sql<number>`count(a.id) filter (where a.status <> 'complete' and a.due_on < ${today})::int`.as(
        "overdue",
      ),
    ])
    .groupBy(["pl.id", "pl.title", "pl.starts_on", "pl.ends_on"])
    .orderBy("pl.starts_on", "desc")
    .orderBy("pl.title")
    .execute();
}

export function plan(db: TenantDb, planId: string) {
  return db.selectFrom("action_plans").selectAll().where("id", "=", planId).executeTakeFirst();
}

/** The plan that started last (the board report's default). */
export function latestPlan(db: TenantDb) {
  return db
    .selectFrom("action_plans")
    .selectAll()
    .orderBy("starts_on", "desc")
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
}

export async function insertPlan(
  db: TenantDb,
  values: { title: string; starts_on: IsoDate; ends_on: IsoDate | null; created_by: string },
): Promise<string> {
  const row = await db.insertInto("action_plans").values(values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export function outcomesOf(db: TenantDb, planId: string) {
  return db.selectFrom("plan_outcomes").selectAll().where("plan_id", "=", planId).orderBy("number").execute();
}

export function outcome(db: TenantDb, outcomeId: string) {
  return db.selectFrom("plan_outcomes").selectAll().where("id", "=", outcomeId).executeTakeFirst();
}

export async function numberTaken(db: TenantDb, planId: string, number: number, except: string | null) {
  let q = db
    .selectFrom("plan_outcomes")
    .select("id")
    .where("plan_id", "=", planId)
    .where("number", "=", number);
  if (except) q = q.where("id", "<>", except);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertOutcome(
  db: TenantDb,
  values: { plan_id: string; number: number; title: string; measure_keys: string[] },
): Promise<string> {
  const row = await db.insertInto("plan_outcomes").values(values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function updateOutcome(
  db: TenantDb,
  outcomeId: string,
  values: { number: number; title: string; measure_keys: string[] },
): Promise<void> {
  await db.updateTable("plan_outcomes").set(values).where("id", "=", outcomeId).execute();
}

/** The actions under a plan's outcomes, by due date, with the owner's name. */
export function actionsOfPlan(db: TenantDb, planId: string) {
  return db
    .selectFrom("plan_actions as a")
    .innerJoin("plan_outcomes as o", "o.id", "a.outcome_id")
    .leftJoin("people as p", "p.id", "a.owner_person_id")
    .selectAll("a")
    .select(personName.as("owner_name"))
    .where("o.plan_id", "=", planId)
    .orderBy("a.due_on")
    .orderBy("a.title")
    .orderBy("a.id")
    .execute();
}

export interface ActionThen {
  title: string;
  due_on: IsoDate;
  status: ActionStatus;
  completed_on: IsoDate | null;
}

/**
 * How each action stood at the end of a day (London), from the audit trail: its row as the last
 * change by then left it. Missing: added later, or deleted by then.
 */
export async function actionsAsAt(
  db: TenantDb,
  actionIds: readonly string[],
  day: IsoDate,
): Promise<Map<string, ActionThen>> {
  if (actionIds.length === 0) return new Map();
  const rows = await sql<{ record_id: string; after: Record<string, unknown> | null }>`
    select distinct on (record_id) record_id, after from audit_events
    where table_name = 'plan_actions' and record_id = any(${sql.val([...actionIds])}::text[])
      and (occurred_at at time zone 'Europe/London')::date <= ${day}
    order by record_id, id desc`.execute(db);
  const out = new Map<string, ActionThen>();
  for (const r of rows.rows) {
    if (!r.after) continue;
    out.set(r.record_id, {
      title: String(r.after.title),
      due_on: String(r.after.due_on).slice(0, 10),
      status: String(r.after.status) as ActionStatus,
      completed_on: r.after.completed_on ? String(r.after.completed_on).slice(0, 10) : null,
    });
  }
  return out;
}

/** Each action's latest update (of a plan's actions), or its latest written by the end of a day (London). */
export async function latestUpdates(db: TenantDb, actionIds: readonly string[], upTo: IsoDate | null = null) {
  if (actionIds.length === 0) return [];
  let query = db
    .selectFrom("plan_action_updates")
    .selectAll()
    .distinctOn("action_id")
    .where("action_id", "in", actionIds);
  if (upTo !== null)
    query = query.where(sql<boolean>`(written_at at time zone 'Europe/London')::date <= ${upTo}`);
  return query.orderBy("action_id").orderBy("written_at", "desc").orderBy("id", "desc").execute();
}

export function action(db: TenantDb, actionId: string) {
  return db
    .selectFrom("plan_actions as a")
    .leftJoin("people as p", "p.id", "a.owner_person_id")
    .selectAll("a")
    .select(personName.as("owner_name"))
    .where("a.id", "=", actionId)
    .executeTakeFirst();
}

/** An action's updates, the latest first, with the writer's name when a user wrote it. */
export function updatesOf(db: TenantDb, actionId: string) {
  return db
    .selectFrom("plan_action_updates as u")
    .leftJoin("users as w", (j) => j.on(sql`'user:' || w.id::text`, "=", sql.ref("u.written_by")))
    .selectAll("u")
    .select("w.display_name as writer_name")
    .where("u.action_id", "=", actionId)
    .orderBy("u.written_at", "desc")
    .orderBy("u.id", "desc")
    .execute();
}

export async function insertAction(
  db: TenantDb,
  values: {
    outcome_id: string;
    title: string;
    owner_person_id: string | null;
    due_on: IsoDate;
    status: ActionStatus;
    completed_on: IsoDate | null;
    created_by: string;
  },
): Promise<string> {
  const row = await db.insertInto("plan_actions").values(values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAction(
  db: TenantDb,
  actionId: string,
  values: Partial<Pick<PlanAction, "title" | "owner_person_id" | "due_on" | "status" | "completed_on">> & {
    updated_at: Date;
  },
): Promise<void> {
  await db.updateTable("plan_actions").set(values).where("id", "=", actionId).execute();
}

export async function insertUpdate(
  db: TenantDb,
  values: {
    action_id: string;
    body: string;
    evidence: string | null;
    status: ActionStatus;
    written_by: string;
    written_at: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto("plan_action_updates")
    .values(values)
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Staff in the council with an assignment on `asAt` (and `include`, e.g. an owner who has left), by name. */
export function ownerChoices(db: TenantDb, asAt: IsoDate, include: string | null) {
  return db
    .selectFrom("people as p")
    .select(["p.id", personName.as("name")])
    .where("p.kind", "=", "staff")
    .where("p.anonymised_on", "is", null)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom("assignments as s")
            .select("s.id")
            .whereRef("s.person_id", "=", "p.id")
            .where("s.valid_from", "<=", asAt)
            .where((w) => w.or([w("s.valid_to", "is", null), w("s.valid_to", ">=", asAt)])),
        ),
        ...(include ? [eb("p.id", "=", include)] : []),
      ]),
    )
    .orderBy("p.family_name")
    .orderBy("p.given_name")
    .orderBy("p.id")
    .execute();
}

export async function personExists(db: TenantDb, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom("people")
    .select("id")
    .where("id", "=", personId)
    .where("kind", "=", "staff")
    .executeTakeFirst();
  return row !== undefined;
}
