import { addDays, type IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { formatDate } from "../../../platform/views/render.js";
import type { FeedReportRow } from "../schema.js";
import type { FeedCsvRow } from "./csv.js";
import { type AgencyRow, type agencyColumns, agencyRow, checkRow } from "./rows.js";

/** The source person_source_ids knows the managed service provider's worker IDs by. */
export const MSP_SOURCE = "msp";

export type AgencyKey = (typeof agencyColumns)[number]["key"];

export interface ApplyContext {
  runId: string;
  today: IsoDate;
  now: Date;
  /** The columns the file has (an absent post column leaves each placement's post as it is). */
  present: Set<string>;
}

interface Segment {
  id: string;
  org_unit_id: string;
  job_role_id: string;
  post_id: string | null;
  fte: number;
  valid_from: IsoDate;
  valid_to: IsoDate | null;
}

interface PlacementState {
  id: string;
  person_id: string;
  agency_name: string;
  starts_on: IsoDate;
  ends_on: IsoDate | null;
  segment: Segment | null;
}

class Refused extends Error {}

/** What the import reads once per file: codes, posts, the provider's worker IDs and placements. */
async function loadState(db: TenantDb) {
  const [units, roles, posts, links, swe, placements] = await Promise.all([
    db.selectFrom("org_units").select(["id", "code"]).execute(),
    db.selectFrom("job_roles").select(["id", "code"]).execute(),
    db.selectFrom("posts").select(["id", "reference", "org_unit_id", "valid_from", "valid_to"]).execute(),
    db
      .selectFrom("person_source_ids")
      .select(["person_id", "external_id"])
      .where("source", "=", MSP_SOURCE)
      .execute(),
    db.selectFrom("people").select(["id", "swe_number"]).where("swe_number", "is not", null).execute(),
    db
      .selectFrom("agency_placements as p")
      .leftJoin("assignments as a", "a.id", "p.assignment_id")
      .select([
        "p.id",
        "p.placement_ref",
        "p.person_id",
        "p.agency_name",
        "p.starts_on",
        "p.ends_on",
        "a.id as a_id",
        "a.org_unit_id",
        "a.job_role_id",
        "a.post_id",
        "a.fte",
        "a.valid_from",
        "a.valid_to",
      ])
      .execute(),
  ]);
  const postsByRef = new Map<string, typeof posts>();
  for (const p of posts) postsByRef.set(p.reference, [...(postsByRef.get(p.reference) ?? []), p]);
  return {
    units: new Map(units.map((u) => [u.code, u.id])),
    roles: new Map(roles.map((r) => [r.code, r.id])),
    postsByRef,
    byWorker: new Map(links.map((l) => [l.external_id, l.person_id])),
    workerOf: new Map(links.map((l) => [l.person_id, l.external_id])),
    bySwe: new Map(swe.map((p) => [p.swe_number as string, p.id])),
    placements: new Map<string, PlacementState>(
      placements.map((p) => [
        p.placement_ref,
        {
          id: p.id,
          person_id: p.person_id,
          agency_name: p.agency_name,
          starts_on: p.starts_on,
          ends_on: p.ends_on,
          segment: p.a_id
            ? {
                id: p.a_id,
                org_unit_id: p.org_unit_id as string,
                job_role_id: p.job_role_id as string,
                post_id: p.post_id,
                fte: Number(p.fte),
                valid_from: p.valid_from as string,
                valid_to: p.valid_to,
              }
            : null,
        },
      ]),
    ),
  };
}

type State = Awaited<ReturnType<typeof loadState>>;

/**
 * Applies the managed service provider's placements row by row, in the caller's transaction. A
 * new placement makes (or finds) the person, an agency assignment for its dates and the
 * placement; a known one with a changed FTE, team, role or post ends its assignment the day
 * before the change (the file's effective date, else today) and starts another; a changed end or
 * start date moves the assignment's. Placements the file does not list are left alone.
 */
export async function applyAgencyRows(
  db: TenantDb,
  rows: FeedCsvRow<AgencyKey>[],
  c: ApplyContext,
): Promise<FeedReportRow[]> {
  const s = await loadState(db);
  const report: FeedReportRow[] = [];
  for (const r of rows) {
    const checked = checkRow(agencyRow, r.cells);
    if (!checked.ok) {
      report.push({ row: r.row, outcome: "rejected", message: checked.message });
      continue;
    }
    try {
      const outcome = await applyRow(db, s, checked.data, c);
      report.push({ row: r.row, outcome });
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
      report.push({ row: r.row, outcome: "rejected", message: err.message });
    }
  }
  return report;
}

function resolveCodes(s: State, d: AgencyRow, c: ApplyContext, existing: PlacementState | undefined) {
  const problems: string[] = [];
  const unitId = s.units.get(d.team_code);
  if (!unitId) problems.push(`No team has the code ${d.team_code}`);
  const roleId = s.roles.get(d.job_role_code);
  if (!roleId) problems.push(`No job role has the code ${d.job_role_code}`);
  let postId: string | null = c.present.has("post_reference") ? null : (existing?.segment?.post_id ?? null);
  if (d.post_reference) {
    const versions = s.postsByRef.get(d.post_reference);
    const open = versions?.find(
      (p) => p.valid_from <= d.start_date && (p.valid_to === null || p.valid_to >= d.start_date),
    );
    if (!versions) problems.push(`No post has the reference ${d.post_reference}`);
    else if (!open) problems.push(`Post ${d.post_reference} is not open on the start date`);
    else if (unitId && open.org_unit_id !== unitId)
      problems.push(`Post ${d.post_reference} is in another team: the post must be in the placement's team`);
    else postId = open.id;
  }
  if (problems.length || !unitId || !roleId) throw new Refused(problems.join(". "));
  return { unitId, roleId, postId };
}

async function applyRow(
  db: TenantDb,
  s: State,
  d: AgencyRow,
  c: ApplyContext,
): Promise<"applied" | "unchanged"> {
  const existing = s.placements.get(d.placement_ref);
  const { unitId, roleId, postId } = resolveCodes(s, d, c, existing);
  const worker = s.byWorker.get(d.worker_id);
  if (!existing) return addPlacement(db, s, d, c, { unitId, roleId, postId, worker });

  if (worker && worker !== existing.person_id)
    throw new Refused(`Placement ${d.placement_ref} is for another worker, not worker ID ${d.worker_id}`);
  const known = s.workerOf.get(existing.person_id);
  if (!worker && known)
    throw new Refused(`Placement ${d.placement_ref} is for worker ID ${known}, not worker ID ${d.worker_id}`);

  const cur = existing.segment;
  const segmentChanged =
    !cur ||
    cur.org_unit_id !== unitId ||
    cur.job_role_id !== roleId ||
    cur.post_id !== postId ||
    Math.round(cur.fte * 100) !== Math.round(d.fte * 100);
  const startChanged = existing.starts_on !== d.start_date;
  const endChanged = existing.ends_on !== d.end_date;
  const agencyChanged = existing.agency_name !== d.agency;
  if (!segmentChanged && !startChanged && !endChanged && !agencyChanged && worker) return "unchanged";

  // Work out every write first, so a refused row writes nothing.
  const values = { org_unit_id: unitId, job_role_id: roleId, post_id: postId, fte: d.fte };
  let segmentId = cur?.id ?? null;
  let write: () => Promise<void> = async () => {};
  if (!cur) {
    write = async () => {
      segmentId = await insertAssignment(db, existing.person_id, {
        ...values,
        from: d.start_date,
        to: d.end_date,
      });
    };
  } else {
    const first = cur.valid_from === existing.starts_on;
    if (startChanged && !first)
      throw new Refused(
        `The start date cannot change once the placement has changed (on ${formatDate(cur.valid_from, false)}): ask the provider to check it`,
      );
    const from = first ? d.start_date : cur.valid_from;
    if (d.end_date !== null && d.end_date < from)
      throw new Refused(
        `End date must be on or after ${formatDate(from, false)}, when the placement last changed`,
      );
    const effective = d.effective_date ?? c.today;
    const split = segmentChanged && effective > from && (d.end_date === null || effective <= d.end_date);
    if (split) {
      write = async () => {
        await db
          .updateTable("assignments")
          .set({ valid_from: from, valid_to: addDays(effective, -1) })
          .where("id", "=", cur.id)
          .execute();
        segmentId = await insertAssignment(db, existing.person_id, {
          ...values,
          from: effective,
          to: d.end_date,
        });
      };
    } else if (segmentChanged || startChanged || endChanged) {
      write = async () => {
        await db
          .updateTable("assignments")
          .set({ ...values, valid_from: from, valid_to: d.end_date })
          .where("id", "=", cur.id)
          .execute();
      };
    }
  }
  if (!worker) await linkWorker(db, s, existing.person_id, d.worker_id);
  await write();
  await db
    .updateTable("agency_placements")
    .set({
      agency_name: d.agency,
      person_id: existing.person_id,
      assignment_id: segmentId,
      post_id: postId,
      org_unit_id: unitId,
      fte: d.fte,
      starts_on: d.start_date,
      ends_on: d.end_date,
      feed_run_id: c.runId,
      updated_at: c.now,
    })
    .where("id", "=", existing.id)
    .execute();
  existing.agency_name = d.agency;
  existing.starts_on = d.start_date;
  existing.ends_on = d.end_date;
  existing.segment = await readSegment(db, segmentId as string);
  return "applied";
}

async function addPlacement(
  db: TenantDb,
  s: State,
  d: AgencyRow,
  c: ApplyContext,
  r: { unitId: string; roleId: string; postId: string | null; worker: string | undefined },
): Promise<"applied"> {
  let personId = r.worker;
  if (!personId && d.swe_number) {
    personId = s.bySwe.get(d.swe_number);
    const other = personId ? s.workerOf.get(personId) : undefined;
    if (other)
      throw new Refused(
        `SWE number ${d.swe_number} belongs to the worker with worker ID ${other}, not ${d.worker_id}`,
      );
  }
  if (!personId) {
    const person = await db
      .insertInto("people")
      .values({
        kind: "staff",
        given_name: d.given_name,
        family_name: d.family_name,
        swe_number: d.swe_number,
        updated_at: c.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    personId = person.id;
    if (d.swe_number) s.bySwe.set(d.swe_number, personId);
  }
  if (!r.worker) await linkWorker(db, s, personId, d.worker_id);
  const assignmentId = await insertAssignment(db, personId, {
    org_unit_id: r.unitId,
    job_role_id: r.roleId,
    post_id: r.postId,
    fte: d.fte,
    from: d.start_date,
    to: d.end_date,
  });
  const placement = await db
    .insertInto("agency_placements")
    .values({
      placement_ref: d.placement_ref,
      agency_name: d.agency,
      person_id: personId,
      assignment_id: assignmentId,
      post_id: r.postId,
      org_unit_id: r.unitId,
      fte: d.fte,
      starts_on: d.start_date,
      ends_on: d.end_date,
      feed_run_id: c.runId,
      updated_at: c.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  s.placements.set(d.placement_ref, {
    id: placement.id,
    person_id: personId,
    agency_name: d.agency,
    starts_on: d.start_date,
    ends_on: d.end_date,
    segment: await readSegment(db, assignmentId),
  });
  return "applied";
}

async function linkWorker(db: TenantDb, s: State, personId: string, workerId: string): Promise<void> {
  await db
    .insertInto("person_source_ids")
    .values({ person_id: personId, source: MSP_SOURCE, external_id: workerId })
    .execute();
  s.byWorker.set(workerId, personId);
  s.workerOf.set(personId, workerId);
}

async function insertAssignment(
  db: TenantDb,
  personId: string,
  a: {
    org_unit_id: string;
    job_role_id: string;
    post_id: string | null;
    fte: number;
    from: IsoDate;
    to: IsoDate | null;
  },
): Promise<string> {
  const row = await db
    .insertInto("assignments")
    .values({
      person_id: personId,
      org_unit_id: a.org_unit_id,
      job_role_id: a.job_role_id,
      post_id: a.post_id,
      contract_type: "agency",
      fte: a.fte,
      valid_from: a.from,
      valid_to: a.to,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function readSegment(db: TenantDb, id: string): Promise<Segment | null> {
  const a = await db
    .selectFrom("assignments")
    .select(["id", "org_unit_id", "job_role_id", "post_id", "fte", "valid_from", "valid_to"])
    .where("id", "=", id)
    .executeTakeFirst();
  return a ? { ...a, fte: Number(a.fte) } : null;
}
