import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import "../../auth/schema.js";
import { hashSeed, Random } from "../../people/demo/random.js";
import { subtree } from "../compliance/compliance.service.js";
import type { SupervisionKind } from "../schema.js";

/**
 * Eighteen months of supervision for the demo council's staff: qualified social workers about
 * every 4 weeks, other staff about every 6, NQSWs on their programme's rhythm (weekly, then
 * fortnightly, then monthly); mostly on time, some late (more in August and December, fewer as
 * the months go by, so the in-date percentage climbs from about 80% towards 90%), some cancelled
 * and rearranged, quarterly group supervision, and case supervision imported from the case
 * management system for a few teams.
 *
 * The demo line manager's service is behind (late more often and by longer, with no case
 * supervision imported), so the scorecard always has a service and teams below target to drill
 * into; their team has someone overdue; the practitioner's latest supervision has a reflective
 * note. People are drawn in employee number (then email) order, so the same people get the same supervision
 * on every run. Set-based: one read, batched inserts. Idempotent: a council with any supervision
 * is left alone. Returns the records added.
 */
export async function seedDemoSupervisionRecords(app: FastifyInstance): Promise<number> {
  const tenants = await app.platform.data.system.selectFrom("tenants").select(["id", "slug"]).execute();
  const today = dateInLondon(app.platform.clock.now());
  let added = 0;
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    added += await app.platform.data.run(ctx, (db) => seedCouncil(db, tenant.slug, today));
  }
  return added;
}

const MONTHS = 18;

const cancelReasons = [
  "Supervisor off sick",
  "Court hearing the same morning",
  "Child protection visit that could not wait",
  "Annual leave",
  "Strategy meeting called at short notice",
];
const actionTexts = [
  "Update the chronology and share it with the family's IRO",
  "Book a home visit within the week and see the children alone",
  "Complete the assessment by the end of the month",
  "Ask the school for attendance figures before the core group",
  "Arrange a joint visit with the health visitor",
  "Take the case to the practice forum for a second view",
  "Book the next direct work session with the young person",
];

interface Staff {
  personId: string;
  from: IsoDate;
  to: IsoDate | null;
  managerId: string | null;
  qualified: boolean;
  unitId: string;
  /** The order people are drawn in: by employee number, then email, which the demo keeps from run to run. */
  order: string;
}

interface Row {
  person_id: string;
  supervisor_person_id: string | null;
  kind: SupervisionKind;
  held_on: IsoDate;
  status: "held" | "cancelled";
  cancelled_reason: string | null;
  rearranged_on: IsoDate | null;
  duration_minutes: number | null;
  actions: string | null;
  source: "recorded" | "imported";
  import_id: string | null;
  confirmed_on: IsoDate | null;
  recorded_by: string;
}

async function seedCouncil(db: TenantDb, slug: string, today: IsoDate): Promise<number> {
  if (await db.selectFrom("supervisions").select("id").limit(1).executeTakeFirst()) return 0;
  const start = addDays(today, -Math.round(MONTHS * 30.44));
  const assignments = await db
    .selectFrom("assignments as a")
    .innerJoin("people as p", "p.id", "a.person_id")
    .innerJoin("job_roles as r", "r.id", "a.job_role_id")
    .select([
      "a.person_id",
      "a.valid_from",
      "a.valid_to",
      "a.line_manager_person_id",
      "a.org_unit_id",
      "r.social_work_qualified",
      "p.employee_number",
      "p.email",
    ])
    .where("p.kind", "=", "staff")
    .where("p.anonymised_on", "is", null)
    .where("a.valid_from", "<=", today)
    .where((eb) => eb.or([eb("a.valid_to", "is", null), eb("a.valid_to", ">=", start)]))
    .orderBy("a.person_id")
    .orderBy("a.valid_from")
    .execute();
  if (assignments.length === 0) return 0;
  // One span a person: from their first assignment to their last (open: still here).
  const staff = new Map<string, Staff>();
  for (const a of assignments) {
    const s = staff.get(a.person_id);
    if (!s) {
      staff.set(a.person_id, {
        personId: a.person_id,
        from: a.valid_from,
        to: a.valid_to,
        managerId: a.line_manager_person_id,
        qualified: a.social_work_qualified,
        unitId: a.org_unit_id,
        // Agency workers have no employee number: their email, which the demo also keeps.
        order: `${a.employee_number ?? ""}\u0000${a.email ?? ""}\u0000${a.person_id}`,
      });
      continue;
    }
    s.to = s.to === null || a.valid_to === null ? null : latest(a.valid_to, s.to);
    s.managerId = a.line_manager_person_id ?? s.managerId;
    s.qualified ||= a.social_work_qualified;
    s.unitId = a.org_unit_id;
  }
  const enrolments = new Map(
    (
      await db
        .selectFrom("early_career_enrolments")
        .select(["person_id", "start_on"])
        .where("status", "=", "active")
        .execute()
    ).map((e) => [e.person_id, e.start_on]),
  );
  const accounts = await db
    .selectFrom("users")
    .select(["email", "person_id"])
    .where("email", "in", ["practitioner@demo.test", "line.manager@demo.test"])
    .execute();
  const practitioner = accounts.find((u) => u.email === "practitioner@demo.test")?.person_id ?? null;
  const lineManager = accounts.find((u) => u.email === "line.manager@demo.test")?.person_id ?? null;
  // Ids differ on every run; employee numbers and unit codes do not. Drawing in their order gives
  // the same supervision to the same people each time (for the same today).
  const ordered = [...staff.values()].sort((a, b) => (a.order < b.order ? -1 : 1));
  // Someone in the line manager's team is overdue: the first of their direct reports (not the practitioner).
  const overdue =
    ordered.find((s) => s.managerId === lineManager && s.to === null && s.personId !== practitioner)
      ?.personId ?? null;
  const units = await unitsToday(db, today);
  // The line manager's service is behind: late half as often again, and by longer, so the
  // scorecard has a service and teams below the 90% target to drill into, whatever the day.
  const behind = serviceOf(units, lineManager ? staff.get(lineManager)?.unitId : undefined);
  const behindUnits = new Set(
    behind === null
      ? []
      : subtree(
          [...units].map(([orgUnitId, u]) => ({ orgUnitId, parentId: u.parentId })),
          behind,
        ),
  );
  // A few teams elsewhere have case supervision from the case management system (it counts for
  // qualified roles, so it would keep the service behind in date).
  const teamCodes = [...new Set(ordered.map((s) => s.unitId))]
    .filter((id) => !behindUnits.has(id))
    .map((id) => ({ id, code: units.get(id)?.code ?? id }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  const caseUnits = new Set(teamCodes.filter((_, i) => i % 5 === 1).map((u) => u.id));

  const random = new Random(hashSeed(`supervision-records:${slug}`));
  const recordedBy = "system:demo";
  const rows: Row[] = [];
  const importRows: Row[] = [];
  const lateness = (slow: boolean, on: IsoDate) => {
    // Later in the 18 months, fewer late; August and December worse.
    const progress = (Date.parse(on) - Date.parse(start)) / (Date.parse(today) - Date.parse(start));
    const month = Number(on.slice(5, 7));
    const usual = 0.44 - 0.14 * progress + (month === 8 || month === 12 ? 0.1 : 0);
    return slow ? Math.min(0.9, usual * 1.5) : usual;
  };
  const interval = (s: Staff, from: IsoDate) => {
    const enrolled = enrolments.get(s.personId);
    if (enrolled && enrolled <= from) {
      const days = (Date.parse(from) - Date.parse(enrolled)) / 86_400_000;
      return days < 42 ? 7 : days < 182 ? 14 : 28;
    }
    return s.qualified ? 28 : 42;
  };

  for (const s of ordered) {
    const begin = latest(s.from, start);
    const end = s.to !== null && s.to < today ? s.to : today;
    const supervisor = s.managerId && s.managerId !== s.personId ? s.managerId : null;
    const slow = behindUnits.has(s.unitId);
    // A first supervision near the start, then one interval after the last held.
    let last = addDays(begin, -random.int(0, interval(s, begin) - 3));
    let cycle = 0;
    for (;;) {
      const gap = interval(s, last);
      const due = addDays(last, gap);
      let heldOn: IsoDate;
      // The practitioner's own supervision is in date lately.
      const late =
        random.chance(lateness(slow, due)) && !(s.personId === practitioner && due > addDays(today, -100));
      if (late)
        heldOn = addDays(due, slow ? random.int(7, gap > 14 ? 35 : 12) : random.int(3, gap > 14 ? 26 : 8));
      else heldOn = addDays(due, -random.int(0, Math.min(6, gap - 2)));
      // The overdue member of the line manager's team: nothing for the last seven weeks.
      if (s.personId === overdue && heldOn > addDays(today, -49)) break;
      if (random.chance(0.06)) {
        // Cancelled, then held on the rearranged date.
        const planned = addDays(heldOn, -random.int(2, 6));
        if (planned > end) break;
        rows.push({
          ...base(s.personId, supervisor, recordedBy),
          kind: "individual",
          held_on: planned,
          status: "cancelled",
          cancelled_reason: random.pick(cancelReasons),
          rearranged_on: heldOn > planned ? heldOn : addDays(planned, 3),
          duration_minutes: null,
        });
      }
      if (heldOn > end) break;
      const recent = heldOn > addDays(today, -14);
      rows.push({
        ...base(s.personId, supervisor, recordedBy),
        kind: "individual",
        held_on: heldOn,
        duration_minutes: random.pick([45, 60, 60, 75, 90, 90]),
        actions: random.chance(0.6) ? random.pick(actionTexts) : null,
        confirmed_on:
          recent && random.chance(0.6) ? null : earliest(addDays(heldOn, random.int(0, 6)), today),
      });
      cycle += 1;
      // Qualified staff: group supervision about every quarter (not counted by the default rule).
      if (s.qualified && cycle % 3 === 0) {
        const groupOn = addDays(heldOn, random.int(5, 12));
        if (groupOn <= end) {
          rows.push({
            ...base(s.personId, supervisor, recordedBy),
            kind: random.chance(0.3) ? "practice_model_group" : "group",
            held_on: groupOn,
            duration_minutes: 90,
            confirmed_on: earliest(addDays(groupOn, random.int(0, 6)), today),
          });
        }
      }
      last = heldOn;
    }
    // Imported case supervision: about monthly over the last six months, in a few teams.
    if (s.qualified && caseUnits.has(s.unitId) && s.to === null) {
      for (
        let on = addDays(today, -180 + random.int(0, 20));
        on <= addDays(today, -3);
        on = addDays(on, random.int(25, 35))
      ) {
        importRows.push({
          ...base(s.personId, supervisor, "system:demo"),
          kind: "case",
          held_on: on,
          duration_minutes: random.pick([20, 30, 30, 45]),
          source: "imported",
          confirmed_on: null,
        });
      }
    }
  }

  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto("supervisions")
      .values(rows.slice(i, i + 1000))
      .execute();
  }
  if (importRows.length > 0) {
    const imported = await db
      .insertInto("supervision_imports")
      .values({
        filename: "case-management-supervision.csv",
        sha256: createHash("sha256").update(`demo:${slug}:case-supervision`).digest("hex"),
        trigger: "feed",
        status: "applied",
        rows_total: importRows.length,
        rows_added: importRows.length,
        report: JSON.stringify(importRows.map((_, i) => ({ row: i + 2, outcome: "added" }))),
        created_by: "system:demo",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (let i = 0; i < importRows.length; i += 1000) {
      await db
        .insertInto("supervisions")
        .values(importRows.slice(i, i + 1000).map((r) => ({ ...r, import_id: imported.id })))
        .execute();
    }
  }
  // The practitioner's latest individual supervision has a reflective note.
  if (practitioner) {
    const latest = await db
      .selectFrom("supervisions")
      .select("id")
      .where("person_id", "=", practitioner)
      .where("status", "=", "held")
      .where("kind", "=", "individual")
      .orderBy("held_on", "desc")
      .limit(1)
      .executeTakeFirst();
    if (latest) {
      await db
        .insertInto("supervision_notes")
        .values({
          supervision_id: latest.id,
          note: "The Jones case has stayed with me this week. Talking it through helped me see I had done what I could, and that asking for help sooner is a strength, not a failing.",
        })
        .execute();
    }
  }
  return rows.length + importRows.length;
}

interface UnitToday {
  code: string;
  parentId: string | null;
  unitType: string;
}

/** The council's units as they are today, by id. */
async function unitsToday(db: TenantDb, today: IsoDate): Promise<Map<string, UnitToday>> {
  const rows = await db
    .selectFrom("org_unit_versions as v")
    .innerJoin("org_units as u", "u.id", "v.org_unit_id")
    .select(["v.org_unit_id", "u.code", "v.parent_id", "v.unit_type"])
    .where("v.valid_from", "<=", today)
    .where((eb) => eb.or([eb("v.valid_to", "is", null), eb("v.valid_to", ">=", today)]))
    .execute();
  return new Map(
    rows.map((r) => [r.org_unit_id, { code: r.code, parentId: r.parent_id, unitType: r.unit_type }]),
  );
}

/** The service at or above a unit, if any. */
function serviceOf(units: Map<string, UnitToday>, unitId: string | undefined): string | null {
  for (let id = unitId ?? null, hops = 0; id !== null && hops < 20; hops++) {
    const unit = units.get(id);
    if (!unit) return null;
    if (unit.unitType === "service") return id;
    id = unit.parentId;
  }
  return null;
}

const earliest = (a: IsoDate, b: IsoDate) => [a, b].sort()[0] as IsoDate;
const latest = (a: IsoDate, b: IsoDate) => [a, b].sort()[1] as IsoDate;

function base(personId: string, supervisor: string | null, recordedBy: string): Row {
  return {
    person_id: personId,
    supervisor_person_id: supervisor,
    kind: "individual",
    held_on: "",
    status: "held",
    cancelled_reason: null,
    rearranged_on: null,
    duration_minutes: null,
    actions: null,
    source: "recorded",
    import_id: null,
    confirmed_on: null,
    recorded_by: recordedBy,
  };
}
