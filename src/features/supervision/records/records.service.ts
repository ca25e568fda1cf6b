import { createHash } from "node:crypto";
import type { Clock } from "../../../platform/clock.js";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { Outbox } from "../../../platform/outbox/outbox.js";
import type { DataAccess, TenantContext } from "../../../platform/tenancy/data-access.js";
import { formatDate } from "../../../platform/views/render.js";
import type { ImportReportRow, SupervisionKind, SupervisionStatus } from "../schema.js";
import {
  ImportFileError,
  parseImportDate,
  parseImportDuration,
  parseImportKind,
  readImportFile,
} from "./import-file.js";
import * as repo from "./records.repository.js";

export type { ImportSummary, PersonFacts, SupervisionRow } from "./records.repository.js";

/** What a manager types for a supervision (held or cancelled). */
export interface SupervisionInput {
  supervisorPersonId: string | null;
  kind: SupervisionKind;
  heldOn: IsoDate;
  status: SupervisionStatus;
  cancelledReason: string | null;
  rearrangedOn: IsoDate | null;
  durationMinutes: number | null;
  actions: string | null;
}

export interface ImportOutcome {
  importId: string;
  /** The same file (by its SHA-256) was imported before: nothing was read again. */
  alreadyImported: boolean;
  status: "applied" | "rejected";
  counts: { total: number; added: number; unchanged: number; rejected: number };
}

/** Who records: the actor in the audit trail, and their person (the default supervisor). */
export interface Recorder {
  personId: string | null;
}

/** Kinds a manager records by hand; `case` supervision comes from the case management system. */
export const recordableKinds = ["individual", "group", "reflective", "practice_model_group"] as const;

/**
 * Supervision records: recording (held or cancelled, with a rearranged date), changing (which
 * asks the supervisee to confirm again), the supervisee's confirmation, the reflective note only
 * the supervisee and the supervisor read, and the case supervision import. Access (who reaches
 * whom) is the pages' business; the rules of a record are here, for pages and imports alike.
 */
export class SupervisionRecordsService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  person(ctx: TenantContext, personId: string): Promise<repo.PersonFacts | undefined> {
    return this.data.run(ctx, (db) => repo.personFacts(db, personId));
  }

  /** A person's records, latest first, without notes. */
  records(ctx: TenantContext, personId: string): Promise<repo.SupervisionRow[]> {
    return this.data.run(ctx, (db) => repo.recordsOf(db, personId));
  }

  record(ctx: TenantContext, supervisionId: string): Promise<repo.SupervisionRow | undefined> {
    return this.data.run(ctx, (db) => repo.findRecord(db, supervisionId));
  }

  /** Staff to choose a supervisor from. */
  async supervisorChoices(ctx: TenantContext) {
    const rows = await this.data.run(ctx, (db) => repo.staffChoices(db, this.today()));
    return rows.map((r) => ({ id: r.id, text: `${r.name}, ${r.job_role_name}` }));
  }

  /**
   * Records a supervision of a person and asks them by email to confirm it. A reflective note may
   * come with it only when the recorder is the supervisor (only the two of them may read it).
   */
  async create(
    ctx: TenantContext,
    personId: string,
    input: SupervisionInput,
    recorder: Recorder,
    note: string | null = null,
  ): Promise<string> {
    return this.data.run(ctx, async (db) => {
      const person = await repo.personFacts(db, personId);
      if (!person) throw new RuleError("held_on-day", "The person is not on record");
      await this.#check(db, personId, input);
      if (note !== null && (recorder.personId === null || input.supervisorPersonId !== recorder.personId)) {
        throw new RuleError(
          "note",
          "Only the supervisor can write the reflective note here: leave it empty and they or the supervisee can add it",
        );
      }
      const id = await repo.insertRecord(db, personId, values(input), ctx.actor.id);
      if (note !== null) await repo.saveNote(db, id, note);
      await this.#askToConfirm(db, person, id, input, false);
      return id;
    });
  }

  /** Changes a record: it needs the supervisee's confirmation again. */
  async update(ctx: TenantContext, supervisionId: string, input: SupervisionInput): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const record = await repo.findRecord(db, supervisionId);
      if (!record) throw new RuleError("held_on-day", "The supervision is not on record");
      await this.#check(db, record.personId, input);
      await repo.updateRecord(db, supervisionId, values(input));
      const person = await repo.personFacts(db, record.personId);
      if (person) await this.#askToConfirm(db, person, supervisionId, input, true);
    });
  }

  /** The supervisee confirms the record is right (idempotent: the first date stays). */
  async confirm(ctx: TenantContext, supervisionId: string): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const record = await repo.findRecord(db, supervisionId);
      if (record && record.confirmedOn === null) await repo.confirmRecord(db, supervisionId, this.today());
    });
  }

  /** The reflective note: call only for the supervisee or the record's supervisor. */
  note(ctx: TenantContext, supervisionId: string): Promise<string | null> {
    return this.data.run(ctx, (db) => repo.noteOf(db, supervisionId));
  }

  hasNote(ctx: TenantContext, supervisionId: string): Promise<boolean> {
    return this.data.run(ctx, (db) => repo.hasNote(db, supervisionId));
  }

  /** Saves (or, empty, removes) the reflective note: call only for the supervisee or the supervisor. */
  async saveNote(ctx: TenantContext, supervisionId: string, note: string | null): Promise<void> {
    await this.data.run(ctx, (db) => repo.saveNote(db, supervisionId, note));
  }

  async #check(db: Parameters<typeof repo.personFacts>[0], personId: string, input: SupervisionInput) {
    const today = this.today();
    if (input.status === "held" && input.heldOn > today) {
      throw new RuleError(
        "held_on-day",
        "The date of a supervision that was held must be today or in the past",
      );
    }
    if (input.rearrangedOn !== null && input.rearrangedOn <= input.heldOn) {
      throw new RuleError(
        "rearranged_on-day",
        "The rearranged date must be after the date it was planned for",
      );
    }
    if (input.supervisorPersonId !== null) {
      if (input.supervisorPersonId === personId) {
        throw new RuleError("supervisor_person_id", "Select someone other than the person supervised");
      }
      if (!(await repo.isStaff(db, input.supervisorPersonId))) {
        throw new RuleError("supervisor_person_id", "Select a supervisor from the list");
      }
    }
  }

  async #askToConfirm(
    db: Parameters<typeof repo.personFacts>[0],
    person: repo.PersonFacts,
    supervisionId: string,
    input: SupervisionInput,
    changed: boolean,
  ) {
    if (!person.email || person.anonymisedOn) return;
    const what = input.status === "held" ? "supervision" : "cancelled supervision";
    await this.outbox.enqueue(db, {
      to: person.email,
      subject: changed
        ? "Your supervision record was changed: please confirm it"
        : "Please confirm your supervision record",
      body: [
        `Your ${what} of ${formatDate(input.heldOn, false)} has been ${changed ? "changed" : "recorded"} in Workforce Academy.`,
        `Check the record and confirm it is right: /supervision/records/${supervisionId}`,
      ].join("\n\n"),
      reference: `supervision-confirm:${supervisionId}:${this.clock.now().getTime()}`,
    });
  }

  // ---- case supervision import ----------------------------------------------------------------

  recentImports(ctx: TenantContext, limit = 20): Promise<repo.ImportSummary[]> {
    return this.data.run(ctx, (db) => repo.recentImports(db, limit));
  }

  importReport(ctx: TenantContext, importId: string) {
    return this.data.run(ctx, (db) => repo.findImport(db, importId));
  }

  /**
   * Imports case supervision dates from the case management system, row by row: each row is
   * added, unchanged (already imported: the same person, date and kind) or rejected with the
   * reason. The same file again (by SHA-256) is recognised and not read twice. One transaction.
   */
  async importCsv(
    ctx: TenantContext,
    file: { filename: string; content: Buffer | string; trigger: "upload" | "feed" },
  ): Promise<ImportOutcome> {
    const bytes = typeof file.content === "string" ? Buffer.from(file.content, "utf8") : file.content;
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      const earlier = await repo.importBySha(db, sha256);
      if (earlier) {
        const found = await repo.findImport(db, earlier.id);
        return {
          importId: earlier.id,
          alreadyImported: true,
          status: "applied",
          counts: {
            total: found?.rowsTotal ?? 0,
            added: found?.rowsAdded ?? 0,
            unchanged: found?.rowsUnchanged ?? 0,
            rejected: found?.rowsRejected ?? 0,
          },
        };
      }
      const base = {
        filename: file.filename.slice(0, 200),
        sha256,
        trigger: file.trigger,
        createdBy: ctx.actor.id,
      };
      let lines: ReturnType<typeof readImportFile>;
      try {
        lines = readImportFile(decode(bytes));
      } catch (err) {
        if (!(err instanceof ImportFileError)) throw err;
        const counts = { total: 0, added: 0, unchanged: 0, rejected: 0 };
        const importId = await repo.insertImport(db, {
          ...base,
          status: "rejected",
          counts,
          report: [{ row: 1, outcome: "rejected", message: err.message }],
        });
        return { importId, alreadyImported: false, status: "rejected", counts };
      }
      const matches = await repo.matchPeople(
        db,
        lines.flatMap((l) => [...l.workerKeys, ...l.supervisorKeys]),
      );
      const report: ImportReportRow[] = [];
      const wanted: Array<{
        line: number;
        key: string;
        row: Parameters<typeof repo.insertImported>[1][number];
      }> = [];
      const seen = new Set<string>();
      for (const line of lines) {
        const reject = (message: string) => report.push({ row: line.row, outcome: "rejected", message });
        const person = matchOne(matches, line.workerKeys);
        if (line.workerKeys.length === 0) {
          reject("No worker: give their worker id, employee number or email");
          continue;
        }
        if (person === "ambiguous") {
          reject(`Worker ${line.workerKeys[0]} matches more than one person`);
          continue;
        }
        if (!person) {
          reject(`Unknown worker: ${line.workerKeys.join(", ")}`);
          continue;
        }
        const heldOn = parseImportDate(line.date);
        if (line.date === "") {
          reject("No date");
          continue;
        }
        if (!heldOn) {
          reject(`Bad date: ${line.date} (use dd/mm/yyyy or yyyy-mm-dd)`);
          continue;
        }
        if (heldOn > today) {
          reject(`Future date: ${formatDate(heldOn, false)}`);
          continue;
        }
        const kind = parseImportKind(line.kind);
        if (!kind) {
          reject(`Unknown kind of supervision: ${line.kind}`);
          continue;
        }
        const duration = parseImportDuration(line.duration);
        if (duration === undefined) {
          reject(`Bad duration: ${line.duration} (whole minutes, 1 to 600)`);
          continue;
        }
        let supervisor: string | null = null;
        if (line.supervisorKeys.length > 0) {
          const found = matchOne(matches, line.supervisorKeys);
          if (!found || found === "ambiguous") {
            reject(`Unknown supervisor: ${line.supervisorKeys.join(", ")}`);
            continue;
          }
          if (found === person) {
            reject("The supervisor is the worker themselves");
            continue;
          }
          supervisor = found;
        }
        const key = repo.importKey(person, heldOn, kind);
        if (seen.has(key)) {
          report.push({
            row: line.row,
            outcome: "unchanged",
            message: "The same supervision is on an earlier row",
          });
          continue;
        }
        seen.add(key);
        wanted.push({
          line: line.row,
          key,
          row: {
            person_id: person,
            supervisor_person_id: supervisor,
            kind,
            held_on: heldOn,
            duration_minutes: duration,
          },
        });
      }
      const counts = { total: lines.length, added: 0, unchanged: 0, rejected: 0 };
      const importId = await repo.insertImport(db, { ...base, status: "applied", counts, report: [] });
      const added = await repo.insertImported(
        db,
        wanted.map((w) => w.row),
        importId,
        ctx.actor.id,
      );
      for (const w of wanted) {
        report.push(
          added.has(w.key)
            ? { row: w.line, outcome: "added" }
            : { row: w.line, outcome: "unchanged", message: "Already imported" },
        );
      }
      report.sort((a, b) => a.row - b.row);
      for (const r of report) counts[r.outcome] += 1;
      await repo.setImportCounts(db, importId, counts, report);
      return { importId, alreadyImported: false, status: "applied", counts };
    });
  }
}

function values(input: SupervisionInput): repo.RecordValues {
  const cancelled = input.status === "cancelled";
  return {
    supervisor_person_id: input.supervisorPersonId,
    kind: input.kind,
    held_on: input.heldOn,
    status: input.status,
    cancelled_reason: cancelled ? input.cancelledReason : null,
    rearranged_on: cancelled ? input.rearrangedOn : null,
    duration_minutes: cancelled ? null : input.durationMinutes,
    actions: input.actions,
  };
}

/** The one person the keys name (their id in another system, employee number or email). */
function matchOne(m: repo.PersonMatches, keys: string[]): string | "ambiguous" | null {
  for (const key of keys) {
    const bySource = m.bySourceId.get(key) as Set<string> | undefined;
    if (bySource && bySource.size > 1) return "ambiguous";
    const found =
      (bySource ? [...bySource][0] : undefined) ??
      (m.byEmployeeNumber.get(key) as string | undefined) ??
      (m.byEmail.get(key.toLowerCase()) as string | undefined);
    if (found) return found;
  }
  return null;
}

/** UTF-8 (a byte order mark is dropped by the parser), or Windows-1252 as spreadsheets on Windows save. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}
