import type { Clock } from "../../../platform/clock.js";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { FileStore, StoredFile } from "../../../platform/files/file-store.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext } from "../../../platform/tenancy/data-access.js";
import { pcfDomains } from "../../learning/reference.js";
import type { CpdCategory, CpdKind } from "../schema.js";
import * as repo from "./cpd-log.repository.js";
import {
  cpdCategories,
  defaultCategory,
  kssStatements,
  type RegistrationYear,
  registrationYear,
  registrationYearOf,
} from "./reference.js";

export type { CompletedLearning, CpdEntry, EvidenceRow } from "./cpd-log.repository.js";

/** An entry as the person gives it. `category` null: the usual one for the kind. */
export interface CpdEntryInput {
  entryOn: IsoDate;
  title: string;
  kind: CpdKind;
  category: CpdCategory | null;
  hours: number;
  learnt: string | null;
  impact: string | null;
  sweStandards: number[];
  pcfDomains: string[];
  kssStatements: string[];
  learningRecordId: string | null;
  peer: { name: string; on: IsoDate; notes: string } | null;
  status: "draft" | "final";
  sharedWithSupervisor: boolean;
}

/** Hours by 70:20:10 category, and each one's share of the total (0 to 100, whole numbers). */
export interface CategoryMix {
  hours: Record<CpdCategory, number>;
  total: number;
  percent: Record<CpdCategory, number>;
  entries: number;
}

export interface TeamMemberMix {
  personId: string;
  name: string;
  team: string | null;
  mix: CategoryMix;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Whole-number shares that add up to 100 (largest remainder), or all 0 with nothing recorded. */
export function shares(hours: Record<CpdCategory, number>): Record<CpdCategory, number> {
  const total = cpdCategories.reduce((a, c) => a + hours[c], 0);
  const out = { experience: 0, others: 0, formal: 0 };
  if (total <= 0) return out;
  const raw = cpdCategories.map((c) => ({ c, v: (hours[c] / total) * 100 }));
  for (const r of raw) out[r.c] = Math.floor(r.v);
  let left = 100 - cpdCategories.reduce((a, c) => a + out[c], 0);
  for (const r of [...raw].sort((a, b) => b.v - Math.floor(b.v) - (a.v - Math.floor(a.v)))) {
    if (left <= 0) break;
    out[r.c] += 1;
    left -= 1;
  }
  return out;
}

export function mixOf(rows: { category: CpdCategory; hours: number; entries: number }[]): CategoryMix {
  const hours = { experience: 0, others: 0, formal: 0 };
  let entries = 0;
  for (const r of rows) {
    hours[r.category] = round2(hours[r.category] + r.hours);
    entries += r.entries;
  }
  const total = round2(cpdCategories.reduce((a, c) => a + hours[c], 0));
  return { hours, total, percent: shares(hours), entries };
}

/**
 * Each person's CPD log: entries (one may come from a learning record), their peer reflection,
 * evidence files, sharing with the supervisor and the 70:20:10 mix of the hours recorded. Who may
 * reach which person is the pages' business; these check the facts and the rules.
 */
export class CpdLogService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly files: FileStore,
  ) {}

  /** The largest evidence file accepted. */
  get maxFileBytes(): number {
    return this.files.maxBytes;
  }

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  /** The registration year today falls in. */
  currentYear(): RegistrationYear {
    return registrationYear(registrationYearOf(this.today()));
  }

  /** A person's entries, newest first; `sharedOnly` for their supervisor and managers. */
  async entries(ctx: TenantContext, personId: string, options: { sharedOnly?: boolean } = {}) {
    return this.data.run(ctx, (db) => repo.entriesOf(db, personId, options));
  }

  /** An entry with its evidence, or null. */
  async entry(ctx: TenantContext, entryId: string) {
    return this.data.run(ctx, async (db) => {
      const entry = await repo.findEntry(db, entryId);
      if (!entry) return null;
      return { ...entry, evidence: await repo.evidenceOf(db, entryId) };
    });
  }

  /** The person's completed learning not yet recorded as CPD ("Record as CPD"). */
  async unrecordedLearning(ctx: TenantContext, personId: string) {
    return this.data.run(ctx, (db) => repo.unrecordedLearning(db, personId));
  }

  /** One of the person's learning records, to start an entry from; null if not theirs. */
  async learningRecord(ctx: TenantContext, personId: string, recordId: string) {
    return this.data.run(ctx, async (db) => (await repo.learningRecordOf(db, personId, recordId)) ?? null);
  }

  async create(ctx: TenantContext, personId: string, input: CpdEntryInput): Promise<string> {
    const values = this.#values(input);
    return this.data.run(ctx, async (db) => {
      await this.#checkLearningRecord(db, personId, input, null);
      return repo.insertEntry(db, personId, ctx.actor.id, values);
    });
  }

  async update(ctx: TenantContext, entryId: string, input: CpdEntryInput): Promise<void> {
    const values = this.#values(input);
    await this.data.run(ctx, async (db) => {
      const entry = await repo.findEntry(db, entryId);
      if (!entry) throw new RuleError("entry", "There is no such entry");
      await this.#checkLearningRecord(db, entry.personId, input, entryId);
      await repo.updateEntry(db, entryId, values);
    });
  }

  /** Deletes an entry with its evidence files. */
  async remove(ctx: TenantContext, entryId: string): Promise<void> {
    await this.data.run(ctx, (db) => repo.deleteEntry(db, entryId));
  }

  /** Stores a file and links it to the entry as evidence; RuleError ("file") if it is refused. */
  async addEvidence(
    ctx: TenantContext,
    entryId: string,
    file: { filename: string; contentType: string; data: Buffer },
    description: string | null,
  ): Promise<string> {
    if (description !== null && description.length > 500) {
      throw new RuleError("description", "Description must be 500 characters or fewer");
    }
    this.files.check(file);
    return this.data.run(ctx, async (db) => {
      const entry = await repo.findEntry(db, entryId);
      if (!entry) throw new RuleError("entry", "There is no such entry");
      const storedFileId = await this.files.save(db, { ...file, uploadedBy: ctx.actor.id });
      return repo.insertEvidence(db, entryId, storedFileId, description, ctx.actor.id);
    });
  }

  async evidence(ctx: TenantContext, entryId: string, evidenceId: string) {
    return this.data.run(ctx, async (db) => (await repo.findEvidence(db, entryId, evidenceId)) ?? null);
  }

  /** An evidence file's content, for download; null if it is not this entry's. */
  async evidenceFile(
    ctx: TenantContext,
    entryId: string,
    evidenceId: string,
  ): Promise<{ description: string | null; file: StoredFile } | null> {
    return this.data.run(ctx, async (db) => {
      const evidence = await repo.findEvidence(db, entryId, evidenceId);
      if (!evidence) return null;
      const file = await this.files.get(db, evidence.storedFileId);
      return file ? { description: evidence.description, file } : null;
    });
  }

  async removeEvidence(ctx: TenantContext, entryId: string, evidenceId: string): Promise<boolean> {
    return this.data.run(ctx, async (db) => {
      const evidence = await repo.findEvidence(db, entryId, evidenceId);
      if (!evidence) return false;
      await this.files.remove(db, evidence.storedFileId);
      return true;
    });
  }

  /** The 70:20:10 mix of a person's final entries in a registration year (hours). */
  async mix(ctx: TenantContext, personId: string, year: RegistrationYear): Promise<CategoryMix> {
    return this.data.run(ctx, async (db) => mixOf(await repo.finalHours(db, [personId], year.from, year.to)));
  }

  /**
   * Each person's 70:20:10 mix (all their final entries, shared or not: figures only) and the
   * team's, with how many people recorded any hours (the team figure is shown only for 5 or more).
   */
  async teamMix(
    ctx: TenantContext,
    people: { personId: string; name: string; team: string | null }[],
    year: RegistrationYear,
  ): Promise<{ members: TeamMemberMix[]; team: CategoryMix; contributors: number }> {
    const rows = await this.data.run(ctx, (db) =>
      repo.finalHours(
        db,
        people.map((p) => p.personId),
        year.from,
        year.to,
      ),
    );
    const byPerson = new Map<string, typeof rows>();
    for (const r of rows) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r]);
    const members = people.map((p) => ({ ...p, mix: mixOf(byPerson.get(p.personId) ?? []) }));
    return {
      members,
      team: mixOf(rows),
      contributors: members.filter((m) => m.mix.total > 0).length,
    };
  }

  #values(input: CpdEntryInput): repo.CpdEntryValues {
    if (input.entryOn > this.today()) {
      throw new RuleError("entry_on-day", "The date of the learning must be today or in the past");
    }
    if (input.peer && input.peer.on > this.today()) {
      throw new RuleError("peer_on-day", "The date of the peer reflection must be today or in the past");
    }
    if (input.sweStandards.some((s) => !Number.isInteger(s) || s < 1 || s > 6)) {
      throw new RuleError("swe_standards", "Select professional standards from the list");
    }
    if (input.pcfDomains.some((d) => !(d in pcfDomains))) {
      throw new RuleError("pcf_domains", "Select PCF domains from the list");
    }
    if (input.kssStatements.some((k) => !(k in kssStatements))) {
      throw new RuleError("kss_statements", "Select knowledge and skills statements from the list");
    }
    if (!(input.hours > 0 && input.hours <= 1000)) {
      throw new RuleError("hours", "Hours must be more than 0 and no more than 1000");
    }
    return {
      entry_on: input.entryOn,
      title: input.title,
      kind: input.kind,
      category: input.category ?? defaultCategory[input.kind],
      hours: input.hours,
      learnt: input.learnt,
      impact: input.impact,
      swe_standards: [...new Set(input.sweStandards)].sort((a, b) => a - b),
      pcf_domains: [...new Set(input.pcfDomains)],
      kss_statements: [...new Set(input.kssStatements)],
      learning_record_id: input.learningRecordId,
      peer_name: input.peer?.name ?? null,
      peer_on: input.peer?.on ?? null,
      peer_notes: input.peer?.notes ?? null,
      status: input.status,
      shared_with_supervisor: input.sharedWithSupervisor,
    };
  }

  async #checkLearningRecord(
    db: Parameters<Parameters<DataAccess["run"]>[1]>[0],
    personId: string,
    input: CpdEntryInput,
    entryId: string | null,
  ) {
    if (!input.learningRecordId) return;
    const record = await repo.learningRecordOf(db, personId, input.learningRecordId);
    if (!record) throw new RuleError("title", "Choose learning from your own learning record");
    if (await repo.learningRecordUsed(db, input.learningRecordId, entryId)) {
      throw new RuleError("title", "That learning is already recorded as CPD");
    }
    if (input.kind !== "course") {
      throw new RuleError("kind", "Learning from your learning record is a course: select Course");
    }
  }
}
