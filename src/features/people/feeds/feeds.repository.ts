import { type RawBuilder, sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import "../schema.js";
import type {
  AssignmentChanges,
  AssignmentState,
  PersonChanges,
  PersonRef,
  PersonState,
  RowOutcome,
  Snapshot,
  WritePlan,
} from "./planner.js";
import type {
  ColumnMapping,
  FeedRun,
  FeedRunRow,
  FeedSource,
  ImportMode,
  RowData,
  RunCounts,
  RunProgress,
  RunStatus,
  RunTrigger,
} from "./schema.js";

/** Kysely queries for the feeds. Every function takes the caller's transaction (DataAccess.run). */

const BATCH = 1000;

function chunks<T>(list: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

// --- sources -------------------------------------------------------------------------------------

export interface SourceInput {
  name: string;
  column_mapping: ColumnMapping;
  full_extract: boolean;
  create_new_people: boolean;
  hr_contact_email: string | null;
  folder_name: string | null;
}

export function listSources(db: TenantDb): Promise<FeedSource[]> {
  return db.selectFrom("feed_sources").selectAll().orderBy("name").execute();
}

export function findSource(db: TenantDb, id: string): Promise<FeedSource | undefined> {
  return db.selectFrom("feed_sources").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertSource(db: TenantDb, input: SourceInput, now: Date): Promise<string> {
  const row = await db
    .insertInto("feed_sources")
    .values({ ...input, column_mapping: JSON.stringify(input.column_mapping), updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSource(db: TenantDb, id: string, input: SourceInput, now: Date): Promise<void> {
  await db
    .updateTable("feed_sources")
    .set({ ...input, column_mapping: JSON.stringify(input.column_mapping), updated_at: now })
    .where("id", "=", id)
    .execute();
}

/** Another source of the tenant already using the name or folder, if any. */
export function sourceClash(db: TenantDb, id: string | null, field: "name" | "folder_name", value: string) {
  return db
    .selectFrom("feed_sources")
    .select("name")
    .where(field, "=", value)
    .where("id", "!=", id ?? "00000000-0000-0000-0000-000000000000")
    .executeTakeFirst();
}

/** The header row of the source's latest file that had one. */
export async function lastHeaders(db: TenantDb, sourceId: string): Promise<string[]> {
  const row = await db
    .selectFrom("feed_runs")
    .select("headers")
    .where("source_id", "=", sourceId)
    .where(sql<boolean>`cardinality(headers) > 0`)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.headers ?? [];
}

/** Locks the source for the rest of the transaction, so two imports of one source never interleave. */
export async function lockSource(db: TenantDb, id: string): Promise<void> {
  await db.selectFrom("feed_sources").select("id").where("id", "=", id).forUpdate().execute();
}

// --- runs ----------------------------------------------------------------------------------------

const runColumns = [
  "id",
  "tenant_id",
  "source_id",
  "filename",
  "trigger",
  "status",
  "mode",
  "effective_on",
  "headers",
  "row_count",
  "counts",
  "progress",
  "error",
  "created_by",
  "created_at",
  "imported_by",
  "imported_at",
] as const;

export async function insertRun(
  db: TenantDb,
  run: {
    source_id: string;
    filename: string;
    trigger: RunTrigger;
    effective_on: IsoDate;
    file: Buffer;
    created_by: string;
    created_at: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto("feed_runs")
    .values({ ...run, status: "checking", progress: JSON.stringify({ stage: "reading", done: 0, total: 0 }) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findRun(db: TenantDb, id: string): Promise<FeedRun | undefined> {
  return db.selectFrom("feed_runs").select(runColumns).where("id", "=", id).executeTakeFirst();
}

export async function runFile(db: TenantDb, id: string): Promise<Buffer | null> {
  const row = await db.selectFrom("feed_runs").select("file").where("id", "=", id).executeTakeFirst();
  return row?.file ?? null;
}

export function recentRuns(db: TenantDb, limit: number) {
  return db
    .selectFrom("feed_runs")
    .innerJoin("feed_sources", "feed_sources.id", "feed_runs.source_id")
    .select(runColumns.map((c) => `feed_runs.${c}` as const))
    .select("feed_sources.name as source_name")
    .orderBy("feed_runs.created_at", "desc")
    .orderBy("feed_runs.id")
    .limit(limit)
    .execute();
}

export async function setProgress(db: TenantDb, id: string, progress: RunProgress | null): Promise<void> {
  await db
    .updateTable("feed_runs")
    .set({ progress: progress ? JSON.stringify(progress) : null })
    .where("id", "=", id)
    .execute();
}

export async function setHeaders(db: TenantDb, id: string, headers: string[], rowCount: number) {
  await db.updateTable("feed_runs").set({ headers, row_count: rowCount }).where("id", "=", id).execute();
}

export async function finishPreview(db: TenantDb, id: string, counts: RunCounts, rowCount: number) {
  await db
    .updateTable("feed_runs")
    .set({
      status: "previewed",
      counts: JSON.stringify(counts),
      row_count: rowCount,
      progress: null,
      file: null,
    })
    .where("id", "=", id)
    .execute();
}

export async function failRun(db: TenantDb, id: string, error: string): Promise<void> {
  await db
    .updateTable("feed_runs")
    .set({ status: "failed", error, progress: null, file: null })
    .where("id", "=", id)
    .execute();
}

/** Moves a previewed run on to importing; false when another request already did. */
export async function claimImport(
  db: TenantDb,
  id: string,
  mode: ImportMode,
  total: number,
): Promise<boolean> {
  const result = await db
    .updateTable("feed_runs")
    .set({ status: "importing", mode, progress: JSON.stringify({ stage: "importing", done: 0, total }) })
    .where("id", "=", id)
    .where("status", "=", "previewed")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setStatus(
  db: TenantDb,
  id: string,
  status: RunStatus,
  extra: { counts?: RunCounts; imported_by?: string; imported_at?: Date; error?: string | null } = {},
): Promise<void> {
  await db
    .updateTable("feed_runs")
    .set({
      status,
      progress: null,
      ...(extra.counts ? { counts: JSON.stringify(extra.counts) } : {}),
      ...(extra.imported_by ? { imported_by: extra.imported_by } : {}),
      ...(extra.imported_at ? { imported_at: extra.imported_at } : {}),
      ...(extra.error !== undefined ? { error: extra.error } : {}),
    })
    .where("id", "=", id)
    .execute();
}

// --- run rows ------------------------------------------------------------------------------------

export interface NewRunRow {
  row_number: number;
  external_id: string | null;
  action: RowOutcome["action"];
  person_id: string | null;
  changes: string[];
  errors: RowOutcome["errors"];
  data: RowData | null;
}

export async function insertRunRows(db: TenantDb, runId: string, rows: NewRunRow[]): Promise<void> {
  for (const batch of chunks(rows, 500)) {
    await db
      .insertInto("feed_run_rows")
      .values(
        batch.map((r) => ({
          run_id: runId,
          row_number: r.row_number,
          external_id: r.external_id,
          action: r.action,
          person_id: r.person_id,
          changes: r.changes,
          errors: r.errors ? JSON.stringify(r.errors) : null,
          data: r.data ? JSON.stringify(r.data) : null,
        })),
      )
      .execute();
  }
}

/** What an import needs of each row: its data (checked) or its errors. */
export function runRowsForImport(db: TenantDb, runId: string) {
  return db
    .selectFrom("feed_run_rows")
    .select(["row_number", "external_id", "action", "person_id", "changes", "errors", "data"])
    .where("run_id", "=", runId)
    .orderBy("row_number")
    .execute();
}

/** Saves the outcomes that differ from those stored (an import re-plans against the data as it is then). */
export async function saveOutcomes(
  db: TenantDb,
  runId: string,
  stored: Map<number, Pick<FeedRunRow, "action" | "person_id" | "changes" | "errors">>,
  outcomes: RowOutcome[],
): Promise<void> {
  const differ = outcomes.filter((o) => {
    const s = stored.get(o.row);
    return (
      !s ||
      s.action !== o.action ||
      s.person_id !== o.personId ||
      s.changes.join("|") !== o.changes.join("|") ||
      JSON.stringify(s.errors ?? null) !== JSON.stringify(o.errors ?? null)
    );
  });
  for (const batch of chunks(differ)) {
    const values = sql.join(
      batch.map(
        (o) =>
          sql`(${o.row}::int, ${o.action}::text, ${o.personId}::uuid, ${o.changes}::text[], ${
            o.errors ? JSON.stringify(o.errors) : null
          }::jsonb)`,
      ),
    );
    await sql`update feed_run_rows as r set action = v.action, person_id = v.person_id,
        changes = v.changes, errors = v.errors
      from (values ${values}) as v(row_number, action, person_id, changes, errors)
      where r.run_id = ${runId}::uuid and r.row_number = v.row_number`.execute(db);
  }
}

export function runRows(
  db: TenantDb,
  runId: string,
  actions: FeedRunRow["action"][],
  limit: number,
  offset = 0,
) {
  return db
    .selectFrom("feed_run_rows")
    .leftJoin("people", "people.id", "feed_run_rows.person_id")
    .select([
      "feed_run_rows.row_number",
      "feed_run_rows.external_id",
      "feed_run_rows.action",
      "feed_run_rows.person_id",
      "feed_run_rows.changes",
      "feed_run_rows.errors",
      "feed_run_rows.data",
      "feed_run_rows.resolution",
      sql<string | null>`people.given_name || ' ' || people.family_name`.as("person_name"),
    ])
    .where("feed_run_rows.run_id", "=", runId)
    .where("feed_run_rows.action", "in", actions)
    .orderBy("feed_run_rows.row_number")
    .limit(limit)
    .offset(offset)
    .execute();
}

export function rejectedRows(db: TenantDb, runId: string) {
  return db
    .selectFrom("feed_run_rows")
    .select(["row_number", "external_id", "errors"])
    .where("run_id", "=", runId)
    .where("action", "=", "reject")
    .orderBy("row_number")
    .execute();
}

/**
 * Clears the row data (names, contact details) of runs received before the date, keeping each
 * row's outcome and errors; rows still waiting in the match queue keep theirs.
 */
export async function clearOldRowData(db: TenantDb, before: Date): Promise<number> {
  const result = await db
    .updateTable("feed_run_rows")
    .set({ data: null })
    .where("data", "is not", null)
    .where((eb) => eb.or([eb("action", "!=", "unmatched"), eb("resolution", "is not", null)]))
    .where("run_id", "in", (eb) =>
      eb
        .selectFrom("feed_runs")
        .select("id")
        .where("created_at", "<", before)
        .where("status", "!=", "previewed"),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// --- the match queue -----------------------------------------------------------------------------

/** Unmatched rows of imported runs, newest first, whose employee id is still linked to no one. */
export function matchQueue(db: TenantDb) {
  return db
    .selectFrom("feed_run_rows")
    .innerJoin("feed_runs", "feed_runs.id", "feed_run_rows.run_id")
    .innerJoin("feed_sources", "feed_sources.id", "feed_runs.source_id")
    .select([
      "feed_run_rows.row_number",
      "feed_run_rows.external_id",
      "feed_run_rows.data",
      "feed_runs.id as run_id",
      "feed_runs.filename",
      "feed_runs.created_at",
      "feed_sources.id as source_id",
      "feed_sources.name as source_name",
      "feed_sources.system",
    ])
    .where("feed_run_rows.action", "=", "unmatched")
    .where("feed_run_rows.resolution", "is", null)
    .where("feed_runs.status", "=", "imported")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("person_source_ids")
            .select(sql.lit(1).as("one"))
            .whereRef("person_source_ids.source", "=", "feed_sources.system")
            .whereRef("person_source_ids.external_id", "=", "feed_run_rows.external_id"),
        ),
      ),
    )
    .orderBy("feed_runs.created_at", "desc")
    .orderBy("feed_run_rows.row_number")
    .execute();
}

export function queueRow(db: TenantDb, runId: string, rowNumber: number) {
  return db
    .selectFrom("feed_run_rows")
    .innerJoin("feed_runs", "feed_runs.id", "feed_run_rows.run_id")
    .select([
      "feed_run_rows.row_number",
      "feed_run_rows.external_id",
      "feed_run_rows.action",
      "feed_run_rows.data",
      "feed_run_rows.resolution",
      "feed_runs.id as run_id",
      "feed_runs.source_id",
      "feed_runs.filename",
      "feed_runs.status as run_status",
    ])
    .where("feed_run_rows.run_id", "=", runId)
    .where("feed_run_rows.row_number", "=", rowNumber)
    .executeTakeFirst();
}

/** Marks every waiting row for this employee id of the source's system as decided. */
export async function resolveQueued(
  db: TenantDb,
  system: string,
  externalId: string,
  resolution: "linked" | "created",
  personId: string,
  by: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable("feed_run_rows")
    .set({ resolution, person_id: personId, resolved_by: by, resolved_at: at })
    .where("action", "=", "unmatched")
    .where("resolution", "is", null)
    .where("external_id", "=", externalId)
    .where("run_id", "in", (eb) =>
      eb
        .selectFrom("feed_runs")
        .innerJoin("feed_sources", "feed_sources.id", "feed_runs.source_id")
        .select("feed_runs.id")
        .where("feed_sources.system", "=", system),
    )
    .execute();
}

/** People who might be the person on an unmatched row: same name, or same email. */
export function candidates(
  db: TenantDb,
  system: string,
  names: { given: string; family: string; email: string | null; q?: string | undefined },
) {
  return db
    .selectFrom("people")
    .leftJoin("person_source_ids", (join) =>
      join.onRef("person_source_ids.person_id", "=", "people.id").on("person_source_ids.source", "=", system),
    )
    .select([
      "people.id",
      "people.given_name",
      "people.family_name",
      "people.email",
      "people.employee_number",
      "people.swe_number",
      "person_source_ids.external_id as hr_id",
    ])
    .where("people.kind", "=", "staff")
    .where((eb) => {
      const or = [
        eb.and([
          eb(sql`lower(people.family_name)`, "=", names.family.toLowerCase()),
          eb(sql`lower(people.given_name)`, "=", names.given.toLowerCase()),
        ]),
      ];
      if (names.email) or.push(eb(sql`lower(people.email)`, "=", names.email.toLowerCase()));
      if (names.q) {
        const like = `%${names.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        or.push(eb(sql`people.given_name || ' ' || people.family_name`, "ilike", like));
        or.push(eb("people.employee_number", "=", names.q));
      }
      return eb.or(or);
    })
    .orderBy("people.family_name")
    .orderBy("people.given_name")
    .limit(20)
    .execute();
}

export function personExists(db: TenantDb, personId: string) {
  return db.selectFrom("people").select(["id"]).where("id", "=", personId).executeTakeFirst();
}

// --- possible leavers ----------------------------------------------------------------------------

export function openPossibleLeavers(db: TenantDb, limit = 500) {
  return db
    .selectFrom("feed_possible_leavers")
    .innerJoin("people", "people.id", "feed_possible_leavers.person_id")
    .innerJoin("feed_runs", "feed_runs.id", "feed_possible_leavers.run_id")
    .select([
      "feed_possible_leavers.id",
      "feed_possible_leavers.person_id",
      "feed_possible_leavers.external_id",
      "feed_possible_leavers.flagged_on",
      "feed_runs.filename",
      "feed_runs.id as run_id",
      "people.given_name",
      "people.family_name",
    ])
    .where("feed_possible_leavers.status", "=", "open")
    .orderBy("people.family_name")
    .orderBy("people.given_name")
    .limit(limit)
    .execute();
}

export function possibleLeaver(db: TenantDb, id: string) {
  return db
    .selectFrom("feed_possible_leavers")
    .innerJoin("people", "people.id", "feed_possible_leavers.person_id")
    .select([
      "feed_possible_leavers.id",
      "feed_possible_leavers.person_id",
      "feed_possible_leavers.external_id",
      "feed_possible_leavers.status",
      "feed_possible_leavers.flagged_on",
      "people.given_name",
      "people.family_name",
    ])
    .where("feed_possible_leavers.id", "=", id)
    .executeTakeFirst();
}

export async function decidePossibleLeaver(
  db: TenantDb,
  id: string,
  status: "confirmed" | "dismissed",
  by: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable("feed_possible_leavers")
    .set({ status, decided_by: by, decided_at: at })
    .where("id", "=", id)
    .where("status", "=", "open")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countOpenPossibleLeavers(db: TenantDb): Promise<number> {
  const row = await db
    .selectFrom("feed_possible_leavers")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("status", "=", "open")
    .executeTakeFirstOrThrow();
  return row.n;
}

// --- the snapshot an import plans against --------------------------------------------------------

/** What is stored, as on the effective date: one query a table, no query a row. */
export async function loadSnapshot(db: TenantDb, system: string, effectiveOn: IsoDate): Promise<Snapshot> {
  const activeOn = (table: string) =>
    sql<boolean>`${sql.ref(`${table}.valid_from`)} <= ${effectiveOn}::date and (${sql.ref(`${table}.valid_to`)} is null or ${sql.ref(`${table}.valid_to`)} >= ${effectiveOn}::date)`;
  const [people, sources, teams, roles, posts, assignments, leavers, leavings] = await Promise.all([
    db
      .selectFrom("people")
      .select(["id", "given_name", "family_name", "email", "employee_number", "swe_number", "started_on"])
      .execute(),
    db
      .selectFrom("person_source_ids")
      .select(["person_id", "external_id"])
      .where("source", "=", system)
      .execute(),
    db
      .selectFrom("org_units")
      .innerJoin("org_unit_versions", "org_unit_versions.org_unit_id", "org_units.id")
      .select(["org_units.code", "org_units.id"])
      .where(activeOn("org_unit_versions"))
      .execute(),
    db.selectFrom("job_roles").select(["code", "id"]).execute(),
    db.selectFrom("posts").select(["reference", "id", "org_unit_id"]).where(activeOn("posts")).execute(),
    db
      .selectFrom("assignments")
      .select([
        "id",
        "person_id",
        "org_unit_id",
        "job_role_id",
        "post_id",
        "career_level",
        "contract_type",
        "fte",
        "line_manager_person_id",
        "valid_from",
        "valid_to",
      ])
      .where(activeOn("assignments"))
      .execute(),
    db.selectFrom("feed_possible_leavers").select("person_id").where("status", "=", "open").execute(),
    db
      .selectFrom("leavings")
      .select(["person_id", (eb) => eb.fn.max("left_on").as("left_on")])
      .groupBy("person_id")
      .execute(),
  ]);
  const byAssignee = new Map<string, AssignmentState[]>();
  for (const a of assignments) {
    const list = byAssignee.get(a.person_id);
    const state: AssignmentState = { ...a, fte: Number(a.fte) };
    if (list) list.push(state);
    else byAssignee.set(a.person_id, [state]);
  }
  const peopleById = new Map<string, PersonState>();
  const byEmployeeNumber = new Map<string, string>();
  const bySwe = new Map<string, string>();
  for (const p of people) {
    peopleById.set(p.id, p);
    if (p.employee_number) byEmployeeNumber.set(p.employee_number, p.id);
    if (p.swe_number) bySwe.set(p.swe_number, p.id);
  }
  return {
    effectiveOn,
    people: peopleById,
    bySourceId: new Map(sources.map((s) => [s.external_id, s.person_id])),
    sourceIdOf: new Map(sources.map((s) => [s.person_id, s.external_id])),
    byEmployeeNumber,
    bySwe,
    teams: new Map(teams.map((t) => [t.code, t.id])),
    roles: new Map(roles.map((r) => [r.code, r.id])),
    posts: new Map(posts.map((p) => [p.reference, { id: p.id, orgUnitId: p.org_unit_id }])),
    assignments: byAssignee,
    openPossibleLeavers: new Set(leavers.map((l) => l.person_id)),
    leftOn: new Map(leavings.map((l) => [l.person_id, l.left_on as IsoDate])),
  };
}

// --- writing a plan ------------------------------------------------------------------------------

const personColumnTypes: Record<keyof PersonChanges, string> = {
  given_name: "text",
  family_name: "text",
  email: "text",
  employee_number: "text",
  swe_number: "text",
  started_on: "date",
};

const assignmentColumnTypes: Record<keyof AssignmentChanges, string> = {
  org_unit_id: "uuid",
  job_role_id: "uuid",
  post_id: "uuid",
  contract_type: "text",
  fte: "numeric",
  line_manager_person_id: "uuid",
};

/**
 * One UPDATE ... FROM (VALUES ...) per batch of rows that change the same columns: each row still
 * changes once (one audit row each), but in a handful of statements rather than one a row.
 */
async function bulkUpdate(
  db: TenantDb,
  table: "people" | "assignments",
  types: Record<string, string>,
  rows: { id: string; set: Record<string, unknown> }[],
  extra: Record<string, RawBuilder<unknown>> = {},
): Promise<void> {
  const groups = new Map<string, { columns: string[]; rows: typeof rows }>();
  for (const row of rows) {
    const columns = Object.keys(row.set).sort();
    const key = columns.join(",");
    const group = groups.get(key);
    if (group) group.rows.push(row);
    else groups.set(key, { columns, rows: [row] });
  }
  for (const { columns, rows: groupRows } of groups.values()) {
    for (const batch of chunks(groupRows)) {
      const values = sql.join(
        batch.map(
          (r) =>
            sql`(${sql.join([
              sql`${r.id}::uuid`,
              ...columns.map((c) => sql`${r.set[c] ?? null}::${sql.raw(types[c] ?? "text")}`),
            ])})`,
        ),
      );
      const sets = [
        ...columns.map((c) => sql`${sql.id(c)} = v.${sql.id(c)}`),
        ...Object.entries(extra).map(([c, v]) => sql`${sql.id(c)} = ${v}`),
      ];
      await sql`update ${sql.table(table)} as t set ${sql.join(sets)}
        from (values ${values}) as v(id, ${sql.join(columns.map((c) => sql.id(c)))})
        where t.id = v.id`.execute(db);
    }
  }
}

export interface WriteResult {
  created: Map<string, string>;
}

/** Writes a plan: every insert and update in a few batched statements, in the caller's transaction. */
export async function writePlan(
  db: TenantDb,
  system: string,
  plan: WritePlan,
  context: { runId: string; sourceId: string; now: Date; effectiveOn: IsoDate },
): Promise<WriteResult> {
  const created = new Map<string, string>();
  for (const batch of chunks(plan.creates)) {
    const rows = await db
      .insertInto("people")
      .values(batch.map((c) => ({ ...c.person, updated_at: context.now })))
      .returning(["id", "employee_number"])
      .execute();
    for (const r of rows) if (r.employee_number) created.set(r.employee_number, r.id);
  }
  const links = [
    ...plan.creates.map((c) => ({
      person_id: created.get(c.ext) as string,
      source: system,
      external_id: c.ext,
    })),
    ...plan.links.map((l) => ({ person_id: l.personId, source: system, external_id: l.ext })),
  ];
  for (const batch of chunks(links)) await db.insertInto("person_source_ids").values(batch).execute();

  await bulkUpdate(
    db,
    "people",
    personColumnTypes,
    plan.personUpdates.map((u) => ({ id: u.personId, set: u.set })),
    { updated_at: sql`${context.now}::timestamptz` },
  );

  const resolve = (ref: PersonRef | null | undefined): string | null =>
    ref ? ("id" in ref ? ref.id : (created.get(ref.ext) ?? null)) : null;

  await bulkUpdate(
    db,
    "assignments",
    { valid_to: "date" },
    plan.closes.map((c) => ({ id: c.id, set: { valid_to: c.validTo } })),
  );
  await bulkUpdate(
    db,
    "assignments",
    assignmentColumnTypes,
    plan.assignmentUpdates.map((u) => ({
      id: u.id,
      set: u.manager !== undefined ? { ...u.set, line_manager_person_id: resolve(u.manager) } : u.set,
    })),
  );
  for (const batch of chunks(plan.assignmentInserts)) {
    await db
      .insertInto("assignments")
      .values(
        batch.map((a) => ({
          ...a.values,
          person_id: resolve(a.person) as string,
          line_manager_person_id: resolve(a.manager),
        })),
      )
      .execute();
  }

  for (const batch of chunks(plan.possibleLeavers)) {
    await db
      .insertInto("feed_possible_leavers")
      .values(
        batch.map((l) => ({
          source_id: context.sourceId,
          run_id: context.runId,
          person_id: l.personId,
          external_id: l.ext,
          flagged_on: context.effectiveOn,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["tenant_id", "person_id"]).where(sql<boolean>`status = 'open'`).doNothing(),
      )
      .execute();
  }
  if (plan.reappeared.length) {
    await db
      .updateTable("feed_possible_leavers")
      .set({ status: "reappeared", decided_by: `feed:${context.sourceId}`, decided_at: context.now })
      .where("status", "=", "open")
      .where("person_id", "in", plan.reappeared)
      .execute();
  }
  return { created };
}
