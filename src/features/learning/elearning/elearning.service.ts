import path from "node:path";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../../platform/clock.js";
import { dateInLondon } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext } from "../../../platform/tenancy/data-access.js";
import { CsvFileError, type CsvRecord, decodeCsv, readCsvChunks } from "../../people/feeds/csv.js";
import { claimFile, readClaimed, settleFile, sourceFolder, waitingFiles } from "../../people/feeds/folder.js";
import { type Completion, columnLabels, resolveColumns, rowChecker, titleKey } from "./columns.js";
import * as repo from "./elearning.repository.js";

export const ELEARNING_JOBS = { pollFolder: "learning.elearning.poll-folder" } as const;

/** The folder under `<FEEDS_DIR>/<tenant slug>/` where the platform's files are dropped. */
export const ELEARNING_FOLDER = "elearning";

export type RunTrigger = "upload" | "folder";

export interface RunCounts {
  rows: number;
  imported: number;
  alreadyImported: number;
  unmatchedPeople: number;
  unmappedTitles: number;
  rejected: number;
}

/** A row of a run's report that was not imported, with what identifies it in the file. */
export interface ReportRow {
  row: string;
  kind: "person" | "title" | "rejected" | "file";
  reason: string;
  employee_number: string;
  email: string;
  title: string;
  completed_on: string;
}

export interface ImportInput {
  filename: string;
  file: Buffer;
  trigger: RunTrigger;
  /** When the file was received (the demo's earlier months); now when left out. */
  receivedAt?: Date;
}

export interface Run {
  id: string;
  filename: string;
  trigger: RunTrigger;
  status: "imported" | "failed";
  counts: Partial<RunCounts>;
  created_at: Date;
}

const emptyCounts = (): RunCounts => ({
  rows: 0,
  imported: 0,
  alreadyImported: 0,
  unmatchedPeople: 0,
  unmappedTitles: 0,
  rejected: 0,
});

/**
 * E-learning completions: a platform's CSV file of who completed which course when, its course
 * titles mapped once to catalogue courses, people matched by employee number or email. Each row
 * either becomes a verified learning record (once: the same row again is skipped by its external
 * reference) or a line of the run's report; the records and the run are one transaction.
 */
export class ElearningService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
  ) {}

  /**
   * Reads and imports a file. A file that cannot be read (not CSV, required columns missing, no
   * rows) is refused with a RuleError on "file" and nothing is written.
   */
  async importFile(ctx: TenantContext, input: ImportInput): Promise<{ runId: string; counts: RunCounts }> {
    const now = input.receivedAt ?? this.clock.now();
    const records = await readRecords(input.file);
    const [header, ...rows] = records;
    if (!header) throw new RuleError("file", "The selected file is empty");
    const resolved = resolveColumns(header.cells);
    if (!resolved.ok) throw new RuleError("file", resolved.message);
    if (rows.length === 0) throw new RuleError("file", "The file has no rows below its column headings");

    const check = rowChecker(resolved.columns, dateInLondon(now));
    const counts = emptyCounts();
    counts.rows = rows.length;
    const report: ReportRow[] = [];
    const valid: { row: number; data: Completion }[] = [];
    for (const record of rows) {
      const result = check(record.cells);
      if (result.ok) {
        valid.push({ row: record.row, data: result.data });
      } else {
        counts.rejected += 1;
        report.push({
          row: String(record.row),
          kind: "rejected",
          reason: result.message,
          employee_number: result.cells.employee_number.slice(0, 50),
          email: result.cells.email.slice(0, 254),
          title: result.cells.title.slice(0, 200),
          completed_on: result.cells.completed_on.slice(0, 20),
        });
      }
    }

    return this.data.run(ctx, async (db) => {
      const keys = new Map<string, string>();
      for (const v of valid)
        if (!keys.has(titleKey(v.data.title))) keys.set(titleKey(v.data.title), v.data.title);
      await repo.addTitles(
        db,
        [...keys].map(([title_key, title]) => ({ title_key, title })),
      );
      const titles = new Map((await repo.allTitles(db)).map((t) => [t.title_key, t]));
      const courseIds = [...new Set([...titles.values()].flatMap((t) => (t.course_id ? [t.course_id] : [])))];
      const courses = new Map((await repo.coursesById(db, courseIds)).map((c) => [c.id, c]));

      const lower = (v: string | null) => v?.toLowerCase() ?? null;
      const people = await repo.peopleByKeys(
        db,
        [
          ...new Set(
            valid.flatMap((v) => (v.data.employee_number ? [lower(v.data.employee_number) as string] : [])),
          ),
        ],
        [...new Set(valid.flatMap((v) => (v.data.email ? [lower(v.data.email) as string] : [])))],
      );
      const byNumber = groupBy(people, (p) => p.employee_number);
      const byEmail = groupBy(people, (p) => p.email);

      const toInsert: repo.RecordInput[] = [];
      for (const { row, data } of valid) {
        const line = (kind: ReportRow["kind"], reason: string): ReportRow => ({
          row: String(row),
          kind,
          reason,
          employee_number: data.employee_number ?? "",
          email: data.email ?? "",
          title: data.title,
          completed_on: data.completed_on,
        });
        const number = lower(data.employee_number);
        const email = lower(data.email);
        const found = (number && byNumber.get(number)) || (email && byEmail.get(email)) || [];
        if (found.length !== 1) {
          counts.unmatchedPeople += 1;
          report.push(line("person", found.length > 1 ? ambiguous(data) : noOne(data)));
          continue;
        }
        const key = titleKey(data.title);
        const course = courses.get(titles.get(key)?.course_id ?? "");
        if (!course) {
          counts.unmappedTitles += 1;
          report.push(line("title", `The course title ‘${data.title}’ is not mapped to a catalogue course`));
          continue;
        }
        const personId = (found[0] as repo.PersonKey).id;
        toInsert.push({
          person_id: personId,
          course_id: course.id,
          title: course.title,
          completed_on: data.completed_on,
          hours: data.hours ?? (course.cpd_hours === null ? null : Number(course.cpd_hours)),
          evidence_note: data.score === null ? null : `Score on the e-learning platform: ${data.score}`,
          // Keyed by the person matched, not how the file named them: a completion sent once with an
          // email and again with an employee number is still one record.
          external_ref: `${personId}|${key}|${data.completed_on}`,
        });
      }
      counts.imported = await repo.insertRecords(db, toInsert, ctx.actor.id, now);
      counts.alreadyImported = toInsert.length - counts.imported;
      report.sort((a, b) => Number(a.row) - Number(b.row));
      const runId = await repo.insertRun(db, {
        filename: safeName(input.filename),
        trigger: input.trigger,
        status: "imported",
        counts: { ...counts },
        unmatched: report.map((r) => ({ ...r })),
        created_by: ctx.actor.id,
        created_at: now,
      });
      return { runId, counts };
    });
  }

  /** Records a dropped file that could not be read, so the runs list says why. */
  async recordFailedRun(
    ctx: TenantContext,
    filename: string,
    trigger: RunTrigger,
    reason: string,
  ): Promise<string> {
    return this.data.run(ctx, (db) =>
      repo.insertRun(db, {
        filename: safeName(filename),
        trigger,
        status: "failed",
        counts: {},
        unmatched: [
          { row: "", kind: "file", reason, employee_number: "", email: "", title: "", completed_on: "" },
        ],
        created_by: ctx.actor.id,
        created_at: this.clock.now(),
      }),
    );
  }

  recentRuns(ctx: TenantContext, limit = 100): Promise<Run[]> {
    return this.data.run(ctx, (db) => repo.recentRuns(db, limit)) as Promise<Run[]>;
  }

  /** A run with its report; undefined when there is none in this council. */
  async run(ctx: TenantContext, id: string): Promise<(Run & { report: ReportRow[] }) | undefined> {
    const run = await this.data.run(ctx, (db) => repo.findRun(db, id));
    if (!run) return undefined;
    const { unmatched, ...rest } = run;
    return { ...(rest as Run), report: unmatched as unknown as ReportRow[] };
  }

  // --- title mapping -----------------------------------------------------------------------------

  /** Titles seen in files, not yet mapped first, and the courses they may be mapped to. */
  titles(ctx: TenantContext) {
    return this.data.run(ctx, async (db) => ({
      titles: await repo.titlesWithCourses(db),
      courses: await repo.courseChoices(db),
    }));
  }

  unmappedTitleCount(ctx: TenantContext): Promise<number> {
    return this.data.run(ctx, async (db) => (await repo.allTitles(db)).filter((t) => !t.course_id).length);
  }

  title(ctx: TenantContext, id: string) {
    return this.data.run(ctx, (db) => repo.findTitle(db, id));
  }

  /** Maps a title to a course (null: unmaps it). Rows already imported keep their records. */
  async mapTitle(
    ctx: TenantContext,
    titleId: string,
    courseId: string | null,
  ): Promise<{ title: string; course: string | null }> {
    return this.data.run(ctx, async (db) => {
      const title = await repo.findTitle(db, titleId);
      if (!title) throw new RuleError("course", "Title not found");
      let course: string | null = null;
      if (courseId) {
        const [found] = await repo.coursesById(db, [courseId]);
        if (!found) throw new RuleError(`course-${titleId}`, "Select a course from the list");
        course = found.title;
      }
      await repo.setTitleCourse(db, titleId, courseId);
      return { title: title.title, course };
    });
  }

  /** Records a title (if new) and maps it: how a title is set up without a file (the demo). */
  async ensureTitleMapped(ctx: TenantContext, title: string, courseId: string): Promise<void> {
    await this.data.run(ctx, async (db) => {
      await repo.addTitles(db, [{ title_key: titleKey(title), title: title.trim() }]);
      const row = (await repo.allTitles(db)).find((t) => t.title_key === titleKey(title));
      if (row && row.course_id === null) await repo.setTitleCourse(db, row.id, courseId);
    });
  }

  runFilenames(ctx: TenantContext): Promise<string[]> {
    return this.data.run(ctx, (db) => repo.runFilenames(db));
  }

  // --- dropped files -----------------------------------------------------------------------------

  /**
   * Imports each CSV file waiting in `<root>/<tenant slug>/elearning/` of every council (the
   * scheduled job), then moves it to processed/ or, when it could not be read, failed/.
   */
  async pollFolders(root: string): Promise<{ files: number }> {
    const tenants = await this.data.system.selectFrom("tenants").select(["id", "slug"]).execute();
    let files = 0;
    for (const tenant of tenants) {
      const dir = sourceFolder(root, tenant.slug, ELEARNING_FOLDER);
      const ctx: TenantContext = { tenantId: tenant.id, actor: { id: `job:${ELEARNING_JOBS.pollFolder}` } };
      for (const name of await waitingFiles(dir)) {
        const claimed = await claimFile(dir, name, this.clock.now());
        if (!claimed) continue;
        files += 1;
        let outcome: "processed" | "failed" = "processed";
        try {
          const { runId } = await this.importFile(ctx, {
            filename: name,
            file: await readClaimed(claimed),
            trigger: "folder",
          });
          this.log.info({ runId, tenant: tenant.slug }, "e-learning file from folder");
        } catch (err) {
          if (!(err instanceof RuleError)) throw err;
          outcome = "failed";
          await this.recordFailedRun(ctx, name, "folder", err.message);
          this.log.warn(
            { file: name, tenant: tenant.slug, reason: err.message },
            "e-learning file not imported",
          );
        }
        await settleFile(dir, claimed, outcome);
      }
    }
    return { files };
  }
}

async function readRecords(file: Buffer): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  try {
    for await (const chunk of readCsvChunks(decodeCsv(file))) records.push(...chunk);
  } catch (err) {
    if (err instanceof CsvFileError) throw new RuleError("file", err.message);
    throw err;
  }
  return records;
}

function safeName(filename: string): string {
  return path.basename(filename.replaceAll("\\", "/")).slice(0, 200) || "file.csv";
}

function groupBy<T>(items: T[], key: (item: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    map.set(k, [...(map.get(k) ?? []), item]);
  }
  return map;
}

function identity(data: Completion): string {
  const parts = [
    data.employee_number ? `${columnLabels.employee_number.toLowerCase()} ${data.employee_number}` : null,
    data.email ? `email ${data.email}` : null,
  ].filter(Boolean);
  return parts.join(" or ");
}

const noOne = (data: Completion) => `No one with ${identity(data)}`;
const ambiguous = (data: Completion) => `More than one person has ${identity(data)}`;
