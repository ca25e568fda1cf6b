import { RuleError } from "../../../platform/forms/rule-error.js";
import { isUuid } from "../../../platform/http/request-helpers.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import type { CatalogueService } from "../../learning/catalogue.service.js";
import {
  contentProblems,
  PROGRAMME_CODE,
  type ProgrammeContent,
  type ProgrammeDefinition,
} from "./definition.js";
import * as repo from "./programmes.repository.js";
import { shippedProgrammes } from "./shipped.js";

export type {
  ProgrammeListItem,
  ProgrammeRow,
  ProgrammeVersion,
  VersionSummary,
} from "./programmes.repository.js";

/** Who made a version, when it was the platform itself. */
export const SHIPPED_BY = "Shipped with Workforce Academy";

/** JSON with object keys sorted (jsonb gives keys back in its own order). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)),
        )
      : v,
  );
}

const sameContent = (a: ProgrammeContent, b: ProgrammeContent) => {
  const pick = (c: ProgrammeContent) =>
    canonical([
      c.lengthMonths,
      c.maxMonths,
      c.milestones,
      c.standards,
      c.minEvidence,
      c.supervisionRhythm,
      c.protectedCaseloadPercent,
      c.protectedCaseloadChildren,
      c.protectedTimePercent,
      [...c.coreCourseIds].sort(),
    ]);
  return pick(a) === pick(b);
};

/**
 * Programme templates, versioned: the co-ordinator edits a programme's shape (length, milestones,
 * standards, evidence, supervision, protection, core courses) and each save makes the next
 * version. An enrolment stores the version it started on (programme_version_id), so a change
 * reaches new enrolments only.
 */
export class ProgrammesService {
  constructor(
    private readonly data: DataAccess,
    private readonly catalogue: Pick<CatalogueService, "course">,
  ) {}

  async list(ctx: TenantContext) {
    return this.data.run(ctx, (db) => repo.listProgrammes(db));
  }

  /** A programme with its current version and every version, newest first; null if none. */
  async get(ctx: TenantContext, programmeId: string) {
    return this.data.run(ctx, async (db) => {
      const programme = await repo.findProgramme(db, programmeId);
      if (!programme) return null;
      const current = await repo.currentVersion(db, programmeId);
      if (!current) return null;
      return { programme, current, history: await repo.versionHistory(db, programmeId) };
    });
  }

  /** The version new enrolments get: the programme's latest. Takes a transaction or a context. */
  async currentVersion(from: TenantDb | TenantContext, programmeId: string) {
    if (isContext(from))
      return this.data.run(from, async (db) => (await repo.currentVersion(db, programmeId)) ?? null);
    return (await repo.currentVersion(from, programmeId)) ?? null;
  }

  /** A version by its id (an enrolment's programme_version_id). Takes a transaction or a context. */
  async version(from: TenantDb | TenantContext, versionId: string) {
    if (isContext(from))
      return this.data.run(from, async (db) => (await repo.findVersion(db, versionId)) ?? null);
    return (await repo.findVersion(from, versionId)) ?? null;
  }

  /** A new programme and its version 1. */
  async create(
    ctx: TenantContext,
    input: ProgrammeDefinition,
    createdBy: string = ctx.actor.id,
  ): Promise<string> {
    const code = input.code.trim().toUpperCase();
    if (!PROGRAMME_CODE.test(code))
      throw new RuleError("code", "The code must be 1 to 40 capital letters, numbers or hyphens, like ASYE");
    checkName(input.name);
    await this.checkContent(ctx, input);
    return this.data.run(ctx, async (db) => {
      if (await repo.findProgrammeByCode(db, code))
        throw new RuleError("code", "Another programme has this code");
      const id = await repo.insertProgramme(db, code, input.name.trim());
      await repo.insertVersion(db, id, 1, input, createdBy);
      return id;
    });
  }

  /**
   * Saves an edit as the next version (the name is the programme's, not versioned). Returns the
   * new version's number, or null when nothing but the name changed (no version is made).
   */
  async saveNewVersion(
    ctx: TenantContext,
    programmeId: string,
    input: ProgrammeContent & { name?: string },
    createdBy: string = ctx.actor.id,
  ): Promise<number | null> {
    if (input.name !== undefined) checkName(input.name);
    await this.checkContent(ctx, input);
    return this.data.run(ctx, async (db) => {
      if (!(await repo.lockProgramme(db, programmeId)))
        throw new RuleError("form", "There is no such programme");
      if (input.name !== undefined) await repo.renameProgramme(db, programmeId, input.name.trim());
      const current = await repo.currentVersion(db, programmeId);
      if (current && sameContent(current, input)) return null;
      const version = (current?.version ?? 0) + 1;
      await repo.insertVersion(db, programmeId, version, input, createdBy);
      return version;
    });
  }

  /** Adds the shipped templates a council does not have (by code). Returns how many were added. */
  async ensureShipped(ctx: TenantContext): Promise<number> {
    return this.data.run(ctx, async (db) => {
      let added = 0;
      for (const p of shippedProgrammes) {
        if (await repo.findProgrammeByCode(db, p.code)) continue;
        const id = await repo.insertProgramme(db, p.code, p.name);
        await repo.insertVersion(db, id, 1, p, SHIPPED_BY);
        added += 1;
      }
      return added;
    });
  }

  private async checkContent(ctx: TenantContext, c: ProgrammeContent): Promise<void> {
    const first = contentProblems(c)[0];
    if (first) throw new RuleError(first.field, first.message);
    for (const id of new Set(c.coreCourseIds)) {
      if (!isUuid(id) || !(await this.catalogue.course(ctx, id)))
        throw new RuleError("core_courses", "Select core courses from the catalogue");
    }
  }
}

function checkName(name: string): void {
  const n = name.trim();
  if (n === "" || n.length > 200) throw new RuleError("name", "Enter a name of up to 200 characters");
}

function isContext(from: TenantDb | TenantContext): from is TenantContext {
  return typeof (from as TenantContext).tenantId === "string" && "actor" in from;
}
