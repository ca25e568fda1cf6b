import path from "node:path";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../../platform/clock.js";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { JobRunner } from "../../../platform/jobs/job-runner.js";
import type { Outbox } from "../../../platform/outbox/outbox.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import type { PeopleService } from "../people.service.js";
import { CsvFileError, decodeCsv, estimateRows, readCsvChunks, yieldToEventLoop } from "./csv.js";
import * as repo from "./feeds.repository.js";
import { claimFile, readClaimed, settleFile, sourceFolder, waitingFiles } from "./folder.js";
import { type ColumnMappingInput, mappingProblems, resolveHeaders } from "./mapping.js";
import { type Plan, type PlanOptions, type PlanRow, planImport } from "./planner.js";
import { rowChecker } from "./row-schema.js";
import type { FeedRun, FeedSource, ImportMode, RunCounts, RunTrigger } from "./schema.js";

/** Files up to this size are checked while the upload waits; larger ones by a queued job. */
export const INLINE_PREVIEW_BYTES = 256 * 1024;
/** Runs up to this many rows are imported while the request waits; larger ones by a queued job. */
export const INLINE_IMPORT_ROWS = 2000;
const PROGRESS_EVERY = 2000;

export const FEED_JOBS = {
  preview: "people.feeds.preview",
  import: "people.feeds.import",
  pollFolder: "people.feeds.poll-folder",
  clearRowData: "people.feeds.clear-row-data",
} as const;

/** How long a file's row data (names, contact details) is kept for its report. */
export const ROW_DATA_KEPT_DAYS = 90;

export interface SourceForm {
  name: string;
  full_extract: boolean;
  create_new_people: boolean;
  hr_contact_email: string | null;
  folder_name: string | null;
  mapping: ColumnMappingInput;
}

export interface ImportResult {
  status: FeedRun["status"];
  counts: RunCounts | null;
}

class ChangedSincePreview extends Error {
  constructor(readonly plan: Plan) {
    super("rows rejected at import");
  }
}

/**
 * HR feeds: a file's preview, its import, the match queue and possible leavers. The rules about
 * what a row does are in planner.ts; this service runs them in the right transactions, in chunks
 * that leave the app free to answer other requests, for uploads and for dropped files alike.
 */
export class FeedsService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly people: PeopleService,
    private readonly jobs: JobRunner,
    private readonly outbox: Outbox,
    private readonly log: FastifyBaseLogger,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  // --- sources -----------------------------------------------------------------------------------

  listSources(ctx: TenantContext): Promise<FeedSource[]> {
    return this.data.run(ctx, (db) => repo.listSources(db));
  }

  source(ctx: TenantContext, id: string): Promise<FeedSource | undefined> {
    return this.data.run(ctx, (db) => repo.findSource(db, id));
  }

  /** A source and the headers of its latest file (to help with the mapping). */
  async sourceView(ctx: TenantContext, id: string) {
    return this.data.run(ctx, async (db) => {
      const source = await repo.findSource(db, id);
      return source ? { source, lastHeaders: await repo.lastHeaders(db, id) } : null;
    });
  }

  /** Creates (id null) or changes a source. */
  async saveSource(ctx: TenantContext, id: string | null, form: SourceForm): Promise<string> {
    const problems = Object.entries(mappingProblems(form.mapping));
    if (problems.length) {
      const [field, message] = problems[0] as [string, string];
      throw new RuleError(`map_${field}`, message);
    }
    return this.data.run(ctx, async (db) => {
      if (await repo.sourceClash(db, id, "name", form.name)) {
        throw new RuleError("name", "A source with this name already exists");
      }
      if (form.folder_name && (await repo.sourceClash(db, id, "folder_name", form.folder_name))) {
        throw new RuleError("folder_name", "Another source already reads this folder");
      }
      const input: repo.SourceInput = {
        name: form.name,
        column_mapping: Object.fromEntries(Object.entries(form.mapping).filter(([, v]) => v)),
        full_extract: form.full_extract,
        create_new_people: form.create_new_people,
        hr_contact_email: form.hr_contact_email,
        folder_name: form.folder_name,
      };
      if (id === null) return repo.insertSource(db, input, this.clock.now());
      if (!(await repo.findSource(db, id))) throw new RuleError("name", "Source not found");
      await repo.updateSource(db, id, input, this.clock.now());
      return id;
    });
  }

  /** The feeds page: sources, recent runs, and what waits for HR. */
  async overview(ctx: TenantContext) {
    return this.data.run(ctx, async (db) => {
      const [sources, runs, queue, leavers] = await Promise.all([
        repo.listSources(db),
        repo.recentRuns(db, 20),
        repo.matchQueue(db),
        repo.countOpenPossibleLeavers(db),
      ]);
      return { sources, runs, queueCount: dedupeQueue(queue).length, leaverCount: leavers };
    });
  }

  // --- a run: upload, preview, import ------------------------------------------------------------

  /** Records a file as a new run of a source; it is checked next (previewRun). */
  async startRun(
    ctx: TenantContext,
    input: { sourceId: string; filename: string; file: Buffer; trigger: RunTrigger },
  ): Promise<string> {
    return this.data.run(ctx, async (db) => {
      const source = await repo.findSource(db, input.sourceId);
      if (!source) throw new RuleError("source", "Select where the file comes from");
      return repo.insertRun(db, {
        source_id: source.id,
        filename: path.basename(input.filename.replaceAll("\\", "/")).slice(0, 200) || "file.csv",
        trigger: input.trigger,
        effective_on: this.today(),
        file: input.file,
        created_by: ctx.actor.id,
        created_at: this.clock.now(),
      });
    });
  }

  /**
   * An uploaded file: a small one is checked at once, a large one by a queued job while its page
   * shows progress. Returns the run's id.
   */
  async upload(ctx: TenantContext, sourceId: string, filename: string, file: Buffer): Promise<string> {
    const runId = await this.startRun(ctx, { sourceId, filename, file, trigger: "upload" });
    if (file.length <= INLINE_PREVIEW_BYTES) {
      await this.previewRun(ctx, runId);
    } else {
      await this.jobs.enqueue(FEED_JOBS.preview, { runId, actor: ctx.actor.id }, { tenantId: ctx.tenantId });
    }
    return runId;
  }

  /**
   * Checks every row of a run's file and works out what importing it would do, without changing
   * anyone: rows are read and checked in chunks, progress is saved as it goes, and the outcome of
   * each row is stored for the preview. A file that cannot be read fails the run with a reason.
   */
  async previewRun(ctx: TenantContext, runId: string): Promise<void> {
    const loaded = await this.data.run(ctx, async (db) => {
      const run = await repo.findRun(db, runId);
      if (run?.status !== "checking") return null;
      const source = await repo.findSource(db, run.source_id);
      const file = await repo.runFile(db, runId);
      // A job restarted after a crash starts again from the top.
      await db.deleteFrom("feed_run_rows").where("run_id", "=", runId).execute();
      return source && file ? { run, source, file } : null;
    });
    if (!loaded) return;
    const { run, source, file } = loaded;
    const started = performance.now();
    try {
      const text = decodeCsv(file);
      const estimate = estimateRows(text);
      const rows: PlanRow[] = [];
      let checker: ReturnType<typeof rowChecker> | null = null;
      let lastProgress = 0;
      for await (const chunk of readCsvChunks(text)) {
        for (const record of chunk) {
          if (!checker) {
            const resolved = resolveHeaders(source.column_mapping, record.cells);
            if (!resolved.ok) {
              const names = resolved.missing.map((h) => `‘${h}’`).join(", ");
              throw new CsvFileError(
                `The file has no ${resolved.missing.length === 1 ? "column" : "columns"} called ${names}. Check the file, or change the column mapping for ${source.name}`,
              );
            }
            checker = rowChecker(resolved.columns);
            const headers = record.cells;
            await this.data.run(ctx, (db) => repo.setHeaders(db, runId, headers, estimate));
            continue;
          }
          if (record.cells.every((c) => c === "")) continue;
          const check = checker(record.cells);
          rows.push(
            check.ok
              ? {
                  row: record.row,
                  externalId: String(check.data.employee_id),
                  data: check.data,
                  errors: null,
                }
              : { row: record.row, externalId: check.externalId, data: null, errors: check.errors },
          );
        }
        if (rows.length - lastProgress >= PROGRESS_EVERY) {
          lastProgress = rows.length;
          await this.data.run(ctx, (db) =>
            repo.setProgress(db, runId, {
              stage: "reading",
              done: rows.length,
              total: Math.max(estimate, rows.length),
            }),
          );
        }
      }
      if (!checker) throw new CsvFileError("The file is empty");
      if (rows.length === 0) throw new CsvFileError("The file has a header row but no rows of data");

      const read = performance.now();
      const plan = await this.data.run(ctx, async (db) => {
        const snapshot = await repo.loadSnapshot(db, source.system, run.effective_on);
        return planImport(snapshot, rows, this.planOptions(source));
      });
      const planned = performance.now();
      await yieldToEventLoop();

      const dataByRow = new Map(rows.map((r) => [r.row, r.data]));
      const toSave: repo.NewRunRow[] = plan.outcomes.map((o) => ({
        row_number: o.row,
        external_id: o.externalId,
        action: o.action,
        person_id: o.personId,
        changes: o.changes,
        errors: o.errors,
        data: dataByRow.get(o.row) ?? null,
      }));
      for (let i = 0; i < toSave.length; i += PROGRESS_EVERY) {
        const batch = toSave.slice(i, i + PROGRESS_EVERY);
        await this.data.run(ctx, async (db) => {
          await repo.insertRunRows(db, runId, batch);
          await repo.setProgress(db, runId, {
            stage: "saving",
            done: i + batch.length,
            total: toSave.length,
          });
        });
        await yieldToEventLoop();
      }
      await this.data.run(ctx, (db) =>
        repo.finishPreview(
          db,
          runId,
          { ...plan.counts, possibleLeavers: plan.writes.possibleLeavers.length },
          rows.length,
        ),
      );
      this.log.info(
        {
          runId,
          rows: rows.length,
          readMs: ms(read - started),
          planMs: ms(planned - read),
          saveMs: ms(performance.now() - planned),
        },
        "feed run checked",
      );
    } catch (err) {
      await this.#fail(ctx, run, source, err);
    }
  }

  /**
   * Imports a previewed run: "all" only when no row is rejected, or "valid_only" leaving rejected
   * rows out. Large runs go to a queued job (the page shows progress); small ones are done now.
   */
  async requestImport(ctx: TenantContext, runId: string, mode: ImportMode): Promise<ImportResult | "queued"> {
    const run = await this.data.run(ctx, (db) => repo.findRun(db, runId));
    if (!run) throw new RuleError("mode", "File not found");
    this.#checkImportable(run, mode);
    if (run.row_count <= INLINE_IMPORT_ROWS) return this.importRun(ctx, runId, mode);
    const claimed = await this.data.run(ctx, (db) => repo.claimImport(db, runId, mode, run.row_count));
    if (!claimed) throw new RuleError("mode", "This file is already being imported");
    await this.jobs.enqueue(
      FEED_JOBS.import,
      { runId, mode, actor: ctx.actor.id, claimed: true },
      { tenantId: ctx.tenantId },
    );
    return "queued";
  }

  /**
   * Imports a previewed run now, in ONE transaction: everything it writes commits together or not
   * at all. The rows are planned again against the data as it stands, so an import never acts on
   * a stale preview; with mode "all", a row that can no longer be imported stops the whole import.
   */
  async importRun(
    ctx: TenantContext,
    runId: string,
    mode: ImportMode,
    options: { claimed?: boolean } = {},
  ): Promise<ImportResult> {
    const loaded = await this.data.run(ctx, async (db) => {
      const run = await repo.findRun(db, runId);
      const source = run ? await repo.findSource(db, run.source_id) : undefined;
      return run && source ? { run, source } : null;
    });
    if (!loaded) throw new RuleError("mode", "File not found");
    const { run, source } = loaded;
    if (!options.claimed) {
      this.#checkImportable(run, mode);
      const claimed = await this.data.run(ctx, (db) => repo.claimImport(db, runId, mode, run.row_count));
      if (!claimed) throw new RuleError("mode", "This file is already being imported");
    }
    const started = performance.now();
    try {
      const stored = await this.data.run(ctx, (db) => repo.runRowsForImport(db, runId));
      await yieldToEventLoop();
      const rows: PlanRow[] = stored.map((r) => ({
        row: r.row_number,
        externalId: r.external_id,
        data: r.data,
        errors: r.data ? null : (r.errors ?? []),
      }));
      const storedByRow = new Map(stored.map((r) => [r.row_number, r]));
      const counts = await this.data.run(ctx, async (db) => {
        await repo.lockSource(db, source.id);
        const snapshot = await repo.loadSnapshot(db, source.system, run.effective_on);
        const plan = planImport(snapshot, rows, this.planOptions(source));
        if (mode === "all" && plan.counts.reject > 0) throw new ChangedSincePreview(plan);
        const planned = performance.now();
        await repo.writePlan(db, source.system, plan.writes, {
          runId,
          sourceId: source.id,
          now: this.clock.now(),
          effectiveOn: run.effective_on,
        });
        await repo.saveOutcomes(db, runId, storedByRow, plan.outcomes);
        const counts: RunCounts = { ...plan.counts, possibleLeavers: plan.writes.possibleLeavers.length };
        await repo.setStatus(db, runId, "imported", {
          counts,
          imported_by: ctx.actor.id,
          imported_at: this.clock.now(),
        });
        if (run.trigger === "folder" && counts.reject > 0)
          await this.#emailContact(db, source, run, counts, null);
        this.log.info(
          { runId, mode, ...counts, planMs: ms(planned - started), writeMs: ms(performance.now() - planned) },
          "feed run imported",
        );
        return counts;
      });
      return { status: "imported", counts };
    } catch (err) {
      if (err instanceof ChangedSincePreview) {
        const { plan } = err;
        await this.data.run(ctx, async (db) => {
          const stored = await repo.runRowsForImport(db, runId);
          await repo.saveOutcomes(db, runId, new Map(stored.map((r) => [r.row_number, r])), plan.outcomes);
          await repo.setStatus(db, runId, "previewed", {
            counts: { ...plan.counts, possibleLeavers: plan.writes.possibleLeavers.length },
          });
        });
        throw new RuleError(
          "mode",
          "Some rows can no longer be imported because the data has changed since the preview: check the rejected rows",
        );
      }
      await this.#fail(ctx, run, source, err);
      return { status: "failed", counts: null };
    }
  }

  #checkImportable(run: FeedRun, mode: ImportMode): void {
    if (run.status === "importing" || run.status === "imported") {
      throw new RuleError("mode", "This file has already been imported");
    }
    if (run.status !== "previewed") throw new RuleError("mode", "This file cannot be imported");
    const counts = run.counts;
    if (mode === "all" && counts && counts.reject > 0) {
      throw new RuleError(
        "mode",
        "Some rows are rejected: correct them in the file and upload it again, or import the valid rows only",
      );
    }
    if (counts && counts.reject === run.row_count) throw new RuleError("mode", "Every row is rejected");
  }

  planOptions(source: FeedSource): PlanOptions {
    return {
      mapping: source.column_mapping,
      createNewPeople: source.create_new_people,
      fullExtract: source.full_extract,
    };
  }

  /** Marks a run failed with a reason people can act on; a folder run emails its HR contact. */
  async #fail(ctx: TenantContext, run: FeedRun, source: FeedSource, err: unknown): Promise<void> {
    const message =
      err instanceof CsvFileError || err instanceof RuleError
        ? err.message
        : "The import stopped because of an error, and nothing was changed. Try again, or contact support";
    if (!(err instanceof CsvFileError)) {
      // Never the error's text: a database error can quote a row's values.
      const e = err as { name?: string; code?: string; constraint?: string };
      this.log.error(
        { runId: run.id, error: e?.name, code: e?.code, constraint: e?.constraint },
        "feed run failed",
      );
    }
    await this.data.run(ctx, async (db) => {
      await repo.failRun(db, run.id, message);
      if (run.trigger === "folder") await this.#emailContact(db, source, run, null, message);
    });
  }

  async #emailContact(
    db: TenantDb,
    source: FeedSource,
    run: FeedRun,
    counts: RunCounts | null,
    failure: string | null,
  ): Promise<void> {
    if (!source.hr_contact_email) return;
    const tenant = await db.selectFrom("tenants").select(["hostnames"]).executeTakeFirst();
    const host = tenant?.hostnames[0];
    const where = host
      ? `https://${host}/people/feeds/runs/${run.id}`
      : `People > HR feeds > ${run.filename} (/people/feeds/runs/${run.id})`;
    const lines = failure
      ? [
          `The file ${run.filename} from ${source.name} could not be imported, so nothing in it was changed.`,
          "",
          failure,
        ]
      : [
          `The file ${run.filename} from ${source.name} was imported, but ${plural(counts?.reject ?? 0, "row was", "rows were")} rejected and left out.`,
          "",
          `Created: ${counts?.create ?? 0}. Updated: ${counts?.update ?? 0}. Unchanged: ${counts?.unchanged ?? 0}. Waiting to be matched: ${counts?.unmatched ?? 0}.`,
        ];
    await this.outbox.enqueue(db, {
      to: source.hr_contact_email,
      subject: failure
        ? `HR file not imported: ${run.filename}`
        : `HR file imported with errors: ${run.filename}`,
      body: [...lines, "", `See the report for each row, column and error: ${where}`].join("\n"),
      reference: `feed-run-${run.id}`,
    });
  }

  /** A run and what to show about it. */
  async runView(ctx: TenantContext, runId: string, limit = 200) {
    return this.data.run(ctx, async (db) => {
      const run = await repo.findRun(db, runId);
      if (!run) return null;
      const source = await repo.findSource(db, run.source_id);
      const show = run.status === "previewed" || run.status === "imported";
      const [rejected, changed, unmatched] = show
        ? await Promise.all([
            repo.runRows(db, runId, ["reject"], limit),
            repo.runRows(db, runId, ["create", "update"], limit),
            repo.runRows(db, runId, ["unmatched"], limit),
          ])
        : [[], [], []];
      return { run, source: source ?? null, rejected, changed, unmatched };
    });
  }

  /** A run's rejected rows, or null when there is no such run (in this council). */
  rejectedRows(ctx: TenantContext, runId: string) {
    return this.data.run(ctx, async (db) =>
      (await repo.findRun(db, runId)) ? repo.rejectedRows(db, runId) : null,
    );
  }

  // --- the match queue ---------------------------------------------------------------------------

  async matchQueue(ctx: TenantContext) {
    return this.data.run(ctx, async (db) => dedupeQueue(await repo.matchQueue(db)));
  }

  async matchItem(ctx: TenantContext, runId: string, rowNumber: number, q?: string) {
    return this.data.run(ctx, async (db) => {
      const item = await repo.queueRow(db, runId, rowNumber);
      if (item?.action !== "unmatched") return null;
      const source = await repo.findSource(db, item.source_id);
      if (!source) return null;
      const data = item.data ?? {};
      const candidates = await repo.candidates(db, source.system, {
        given: String(data.given_name ?? ""),
        family: String(data.family_name ?? ""),
        email: data.email ? String(data.email) : null,
        q: q?.trim() || undefined,
      });
      return { item, source, data, candidates };
    });
  }

  /**
   * A match-queue decision: this row is an existing person (their HR id is linked, so every later
   * file finds them) or a new one (created from the row). The row's data is applied at once.
   */
  async decideMatch(
    ctx: TenantContext,
    runId: string,
    rowNumber: number,
    decision: { personId: string } | "create",
  ): Promise<string> {
    return this.data.run(ctx, async (db) => {
      const item = await repo.queueRow(db, runId, rowNumber);
      if (item?.action !== "unmatched" || !item.external_id || !item.data) {
        throw new RuleError("decision", "This row is not waiting to be matched");
      }
      if (item.resolution) throw new RuleError("decision", "This row has already been matched");
      const source = await repo.findSource(db, item.source_id);
      if (!source) throw new RuleError("decision", "Source not found");
      await repo.lockSource(db, source.id);
      const ext = item.external_id;
      const linked = await db
        .selectFrom("person_source_ids")
        .select("person_id")
        .where("source", "=", source.system)
        .where("external_id", "=", ext)
        .executeTakeFirst();
      if (linked) throw new RuleError("decision", `Employee ID ${ext} is already linked to someone`);
      if (decision !== "create") {
        if (!(await repo.personExists(db, decision.personId)))
          throw new RuleError("decision", "Select a person");
        const other = await db
          .selectFrom("person_source_ids")
          .select("external_id")
          .where("source", "=", source.system)
          .where("person_id", "=", decision.personId)
          .executeTakeFirst();
        if (other) {
          throw new RuleError(
            "decision",
            `That person is already linked to employee ID ${other.external_id}`,
          );
        }
        await db
          .insertInto("person_source_ids")
          .values({ person_id: decision.personId, source: source.system, external_id: ext })
          .execute();
      }
      const snapshot = await repo.loadSnapshot(db, source.system, this.today());
      const plan = planImport(
        snapshot,
        [{ row: item.row_number, externalId: ext, data: item.data, errors: null }],
        {
          ...this.planOptions(source),
          fullExtract: false,
          forceCreate: new Set(decision === "create" ? [ext] : []),
        },
      );
      const outcome = plan.outcomes[0];
      if (!outcome || outcome.action === "reject" || outcome.action === "unmatched") {
        const message =
          outcome?.errors?.map((e) => `${e.column}: ${e.message}`).join(". ") ?? "The row cannot be imported";
        throw new RuleError("decision", message);
      }
      const { created } = await repo.writePlan(db, source.system, plan.writes, {
        runId: item.run_id,
        sourceId: source.id,
        now: this.clock.now(),
        effectiveOn: this.today(),
      });
      const personId = outcome.personId ?? created.get(ext);
      if (!personId) throw new RuleError("decision", "The person could not be created");
      await repo.resolveQueued(
        db,
        source.system,
        ext,
        decision === "create" ? "created" : "linked",
        personId,
        ctx.actor.id,
        this.clock.now(),
      );
      return personId;
    });
  }

  // --- possible leavers --------------------------------------------------------------------------

  /** Open possible leavers (the first 500 by name) and how many there are. */
  possibleLeavers(ctx: TenantContext) {
    return this.data.run(ctx, (db) => repo.openPossibleLeavers(db));
  }

  countPossibleLeavers(ctx: TenantContext) {
    return this.data.run(ctx, (db) => repo.countOpenPossibleLeavers(db));
  }

  possibleLeaver(ctx: TenantContext, id: string) {
    return this.data.run(ctx, (db) => repo.possibleLeaver(db, id));
  }

  /** HR confirms the person left: recorded through the people service's own rule. */
  async confirmLeaver(
    ctx: TenantContext,
    id: string,
    leaving: { left_on: IsoDate; reason_code: number },
  ): Promise<void> {
    const item = await this.possibleLeaver(ctx, id);
    if (item?.status !== "open") throw new RuleError("decision", "This person is not waiting for a decision");
    await this.people.recordLeaver(ctx, item.person_id, leaving);
    await this.data.run(ctx, (db) =>
      repo.decidePossibleLeaver(db, id, "confirmed", ctx.actor.id, this.clock.now()),
    );
  }

  /** HR says the person has not left (they are missing from the file for another reason). */
  async dismissLeaver(ctx: TenantContext, id: string): Promise<void> {
    const done = await this.data.run(ctx, (db) =>
      repo.decidePossibleLeaver(db, id, "dismissed", ctx.actor.id, this.clock.now()),
    );
    if (!done) throw new RuleError("decision", "This person is not waiting for a decision");
  }

  /** The date a confirmed leaver is suggested to have left: the day before the file that missed them. */
  suggestedLeavingDate(flaggedOn: IsoDate): IsoDate {
    return addDays(flaggedOn, -1);
  }

  /** Clears row data older than ROW_DATA_KEPT_DAYS in every tenant (a nightly job). */
  async clearOldRowData(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - ROW_DATA_KEPT_DAYS * 24 * 60 * 60_000);
    const tenants = await this.data.system.selectFrom("tenants").select(["id"]).execute();
    let cleared = 0;
    for (const tenant of tenants) {
      const ctx: TenantContext = { tenantId: tenant.id, actor: { id: `job:${FEED_JOBS.clearRowData}` } };
      cleared += await this.data.run(ctx, (db) => repo.clearOldRowData(db, before));
    }
    return cleared;
  }

  // --- dropped files -----------------------------------------------------------------------------

  /**
   * Imports every CSV file waiting in each source's folder (the scheduled job): checked, then the
   * valid rows imported, then the file moved to processed/ or failed/. Errors email the source's
   * HR contact in the same transaction as the run's record.
   */
  async pollFolders(root: string): Promise<{ files: number }> {
    const tenants = await this.data.system.selectFrom("tenants").select(["id", "slug"]).execute();
    let files = 0;
    for (const tenant of tenants) {
      const jobCtx: TenantContext = { tenantId: tenant.id, actor: { id: `job:${FEED_JOBS.pollFolder}` } };
      const sources = (await this.listSources(jobCtx)).filter((s) => s.folder_name);
      for (const source of sources) {
        const dir = sourceFolder(root, tenant.slug, source.folder_name as string);
        for (const name of await waitingFiles(dir)) {
          const claimed = await claimFile(dir, name, this.clock.now());
          if (!claimed) continue;
          files += 1;
          const ctx: TenantContext = { tenantId: tenant.id, actor: { id: `feed:${source.id}` } };
          const runId = await this.startRun(ctx, {
            sourceId: source.id,
            filename: name,
            file: await readClaimed(claimed),
            trigger: "folder",
          });
          await this.previewRun(ctx, runId);
          const checked = await this.data.run(ctx, (db) => repo.findRun(db, runId));
          if (checked?.status === "previewed") {
            const everyRowRejected = checked.counts !== null && checked.counts.reject === checked.row_count;
            if (everyRowRejected) {
              await this.#fail(ctx, checked, source, new CsvFileError("Every row of the file is rejected"));
            } else {
              await this.importRun(ctx, runId, "valid_only").catch((err: unknown) =>
                this.#fail(ctx, checked, source, err),
              );
            }
          }
          const final = await this.data.run(ctx, (db) => repo.findRun(db, runId));
          await settleFile(dir, claimed, final?.status === "imported" ? "processed" : "failed");
          this.log.info({ runId, source: source.id, status: final?.status }, "feed file from folder");
        }
      }
    }
    return { files };
  }
}

const ms = (n: number) => Math.round(n);

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/** One queue entry per employee id of a system: its newest row. */
function dedupeQueue<T extends { system: string; external_id: string | null }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.system}\u0000${r.external_id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
