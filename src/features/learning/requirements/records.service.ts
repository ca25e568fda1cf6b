import type { Clock } from "../../../platform/clock.js";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import type { PauseReason, Verification } from "../schema.js";
import "../schema.js";

export const pauseReasons = ["maternity_or_adoption", "long_sickness", "other"] as const;
export const pauseReasonNames: Record<PauseReason, string> = {
  maternity_or_adoption: "Maternity, paternity, adoption or shared parental leave",
  long_sickness: "Long-term sickness",
  other: "Something else",
};

export interface ExemptionInput {
  requirementId: string;
  reason: string;
  approvedBy: string;
  from: IsoDate;
  to: IsoDate | null;
}

export interface PauseInput {
  reason: PauseReason;
  from: IsoDate;
  to: IsoDate | null;
  note: string | null;
}

export interface RecordInput {
  /** prior_learning: accepted by L&D as they enter it. external: awaits L&D's verification. */
  source: "prior_learning" | "external";
  courseId: string | null;
  /** The learning's title; the course's title when left out. */
  title: string | null;
  completedOn: IsoDate;
  hours: number | null;
  provider: string | null;
  evidenceNote: string | null;
  expiresOn: IsoDate | null;
}

/**
 * A person's learning record-keeping: exemptions from requirements, pauses (maternity leave, long
 * sickness), prior learning accepted from a previous employer, and external learning, which L&D
 * verify. Who may reach which person is the pages' business; these check the facts.
 */
export class LearningRecordsService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  /** The person's name and kind, or null if there is no such person in the council. */
  async person(ctx: TenantContext, personId: string) {
    return this.data.run(ctx, (db) => findPerson(db, personId));
  }

  async addExemption(ctx: TenantContext, personId: string, input: ExemptionInput): Promise<string> {
    if (input.to !== null && input.to < input.from) {
      throw new RuleError("to_on-day", "End date must be the same as or after the start date");
    }
    return this.data.run(ctx, async (db) => {
      await mustFindPerson(db, personId);
      const requirement = await db
        .selectFrom("learning_requirements")
        .select("id")
        .where("id", "=", input.requirementId)
        .executeTakeFirst();
      if (!requirement) throw new RuleError("requirement_id", "Select the requirement");
      const row = await db
        .insertInto("learning_exemptions")
        .values({
          person_id: personId,
          requirement_id: input.requirementId,
          from_on: input.from,
          to_on: input.to,
          reason: input.reason,
          approved_by: input.approvedBy,
          created_by: ctx.actor.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    });
  }

  async addPause(ctx: TenantContext, personId: string, input: PauseInput): Promise<string> {
    if (!pauseReasons.includes(input.reason)) throw new RuleError("reason", "Select why learning is paused");
    if (input.to !== null && input.to < input.from) {
      throw new RuleError("to_on-day", "End date must be the same as or after the start date");
    }
    return this.data.run(ctx, async (db) => {
      await mustFindPerson(db, personId);
      const row = await db
        .insertInto("learning_pauses")
        .values({
          person_id: personId,
          from_on: input.from,
          to_on: input.to,
          reason: input.reason,
          note: input.note,
          created_by: ctx.actor.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    });
  }

  /** Prior learning (verified as entered) or external learning (awaiting verification). */
  async addRecord(ctx: TenantContext, personId: string, input: RecordInput): Promise<string> {
    if (input.completedOn > this.today()) {
      throw new RuleError("completed_on-day", "Date completed must be today or in the past");
    }
    if (input.expiresOn !== null && input.expiresOn <= input.completedOn) {
      throw new RuleError("expires_on-day", "Expiry date must be after the date completed");
    }
    if (input.hours !== null && (input.hours < 0 || input.hours > 2000)) {
      throw new RuleError("hours", "Hours must be a number from 0 to 2000");
    }
    const now = this.clock.now();
    return this.data.run(ctx, async (db) => {
      await mustFindPerson(db, personId);
      let title = input.title;
      if (input.courseId !== null) {
        const course = await db
          .selectFrom("learning_courses")
          .select(["id", "title"])
          .where("id", "=", input.courseId)
          .executeTakeFirst();
        if (!course) throw new RuleError("course_id", "Select a course from the catalogue");
        title = title ?? course.title;
      }
      if (!title) throw new RuleError("title", "Select a course or enter the learning's title");
      const verified = input.source === "prior_learning";
      const row = await db
        .insertInto("learning_records")
        .values({
          person_id: personId,
          course_id: input.courseId,
          title,
          completed_on: input.completedOn,
          source: input.source,
          hours: input.hours,
          provider: input.provider,
          evidence_note: input.evidenceNote,
          expires_on: input.expiresOn,
          verification: verified ? "verified" : "awaiting",
          verified_by: verified ? ctx.actor.id : null,
          verified_at: verified ? now : null,
          created_by: ctx.actor.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    });
  }

  /** External learning awaiting L&D's verification, oldest first, with the person's name. */
  async awaiting(ctx: TenantContext) {
    return this.data.run(ctx, (db) =>
      db
        .selectFrom("learning_records as r")
        .innerJoin("people as p", "p.id", "r.person_id")
        .leftJoin("learning_courses as c", "c.id", "r.course_id")
        .select([
          "r.id",
          "r.person_id as personId",
          "p.given_name as givenName",
          "p.family_name as familyName",
          "p.preferred_name as preferredName",
          "r.title",
          "c.code as courseCode",
          "r.completed_on as completedOn",
          "r.hours",
          "r.provider",
          "r.evidence_note as evidenceNote",
          "r.expires_on as expiresOn",
          "r.created_at as createdAt",
        ])
        .where("r.verification", "=", "awaiting")
        .where("r.source", "=", "external")
        .orderBy("r.created_at")
        .orderBy("r.id")
        .execute(),
    );
  }

  /** The record's person and verification, or null if there is no such record. */
  async record(ctx: TenantContext, recordId: string) {
    return this.data.run(ctx, (db) =>
      db
        .selectFrom("learning_records")
        .select(["id", "person_id as personId", "title", "source", "verification"])
        .where("id", "=", recordId)
        .executeTakeFirst()
        .then((r) => r ?? null),
    );
  }

  /**
   * L&D's decision on external learning. False when it was not awaiting a decision (already
   * decided, or not external learning).
   */
  async verify(ctx: TenantContext, recordId: string, decision: Exclude<Verification, "awaiting">) {
    const now = this.clock.now();
    return this.data.run(ctx, async (db) => {
      const result = await db
        .updateTable("learning_records")
        .set({ verification: decision, verified_by: ctx.actor.id, verified_at: now })
        .where("id", "=", recordId)
        .where("verification", "=", "awaiting")
        .where("source", "=", "external")
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
  }
}

async function findPerson(db: TenantDb, personId: string) {
  const p = await db
    .selectFrom("people")
    .select(["id", "given_name", "family_name", "preferred_name", "kind", "anonymised_on"])
    .where("id", "=", personId)
    .executeTakeFirst();
  if (!p) return null;
  return { id: p.id, name: personName(p), kind: p.kind, anonymised: p.anonymised_on !== null };
}

async function mustFindPerson(db: TenantDb, personId: string) {
  const p = await findPerson(db, personId);
  if (!p) throw new RuleError("person", "There is no such person");
  return p;
}

export function personName(p: { given_name: string; family_name: string; preferred_name: string | null }) {
  return `${p.preferred_name || p.given_name} ${p.family_name}`;
}
