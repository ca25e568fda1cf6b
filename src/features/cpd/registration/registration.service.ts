import { parse } from "csv-parse/sync";
import type { AccessScope } from "../../../platform/auth/principal.js";
import type { Clock } from "../../../platform/clock.js";
import { dateInLondon, type IsoDate, isIsoDate } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { TenantCache } from "../../../platform/tenancy/tenant-cache.js";
import { subtreeIds } from "../../people/org-tree.js";
import type { PeopleService } from "../../people/people.service.js";
import { SWE_NUMBER, type SweStatus, sweStatuses } from "../../people/reference/domain.js";
import type { PeopleScope } from "../../people/scope.repository.js";
import {
  type Readiness,
  type ReadinessState,
  type RegistrationYear,
  readiness,
  registrationYearEnding,
  registrationYearOn,
} from "./readiness.js";
import * as repo from "./registration.repository.js";
import type { CheckSource } from "./schema.js";

export interface UnitChoice {
  orgUnitId: string;
  name: string;
  parentId: string | null;
  depth: number;
}

export interface CheckInput {
  status: SweStatus;
  checkedOn: IsoDate;
  sweNumber: string;
  note: string | null;
}

export interface FeedReport {
  rows: number;
  applied: number;
  unchanged: number;
  refused: { line: number; reason: string }[];
}

/** The units a unit choice stands for: itself and everything below it. */
export function subtree(units: UnitChoice[], unitId: string): string[] {
  return subtreeIds(units, unitId);
}

/**
 * Social Work England readiness and registration: where each person stands for a registration
 * year (the rules in readiness.ts), the people in a viewer's scope, the year's CPD for download,
 * and register checks (by hand or from a feed), which keep the person's status up to date.
 */
export class RegistrationService {
  readonly #cache: TenantCache;

  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly people: PeopleService,
  ) {
    this.#cache = new TenantCache(clock);
  }

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  currentYear(): RegistrationYear {
    return registrationYearOn(this.today());
  }

  /** The units the viewer may choose (their scope), as at today. */
  async unitChoices(ctx: TenantContext, scope: AccessScope): Promise<UnitChoice[]> {
    const tree = await this.people.orgTree(ctx, scope);
    return tree.rows.map((r) => ({
      orgUnitId: r.orgUnitId,
      name: r.name,
      parentId: r.parentId,
      depth: r.depth,
    }));
  }

  /** The scope as people: undefined for the whole council; unit ids with every unit below them. */
  async peopleScope(ctx: TenantContext, scope: AccessScope): Promise<PeopleScope | undefined> {
    if (scope.tenant) return undefined;
    let unitIds: string[] = [];
    if (scope.unitIds.length > 0) {
      const tree = await this.people.orgTree(ctx, { ...scope, personId: null, reportsOf: null });
      unitIds = tree.rows.map((r) => r.orgUnitId);
    }
    return { personId: scope.personId, reportsOf: scope.reportsOf, unitIds };
  }

  /** Where one person stands for a year, with that year's entries (any status). */
  async personReadiness(ctx: TenantContext, personId: string, year: RegistrationYear = this.currentYear()) {
    return this.data.run(ctx, async (db) => {
      const person = await repo.personRegistration(db, personId);
      if (!person) return null;
      const entries = await repo.entriesInYear(db, personId, year);
      const result: Readiness = readiness(
        {
          sweNumber: person.swe_number,
          sweStatus: person.swe_status,
          firstRegisteredOn: person.swe_first_registered_on,
        },
        entries.map((e) => ({
          id: e.id,
          title: e.title,
          entryOn: e.entry_on,
          status: e.status,
          peerReflection: e.peer_name !== null,
        })),
        year,
      );
      return { person, entries, readiness: result };
    });
  }

  /** Readiness for the year of the people in scope (optionally a team and a state), a page at a time. */
  async teamReadiness(
    ctx: TenantContext,
    scope: AccessScope,
    options: { unitIds: string[] | null; state: ReadinessState | null; page: number; pageSize: number },
    year: RegistrationYear = this.currentYear(),
  ) {
    const filter = {
      today: this.today(),
      scope: await this.peopleScope(ctx, scope),
      unitIds: options.unitIds,
    };
    return this.data.run(ctx, async (db) => {
      // Everyone's readiness in the filter, worked out once and remembered until the council's
      // data changes: each page, state filter and count is then read from it.
      const all = await this.#cache.get(
        db,
        ctx.tenantId,
        JSON.stringify(["readiness", year.endYear, filter]),
        () => repo.readinessAll(db, year, filter, null),
      );
      const counts: Record<string, number> = {};
      for (const r of all) counts[r.state] = (counts[r.state] ?? 0) + 1;
      const chosen = options.state ? all.filter((r) => r.state === options.state) : all;
      const offset = (options.page - 1) * options.pageSize;
      return { rows: chosen.slice(offset, offset + options.pageSize), total: chosen.length, counts };
    });
  }

  /** Every row of the team readiness, for an export. */
  async teamReadinessAll(
    ctx: TenantContext,
    scope: AccessScope,
    options: { unitIds: string[] | null; state: ReadinessState | null },
    year: RegistrationYear = this.currentYear(),
  ) {
    const filter = {
      today: this.today(),
      scope: await this.peopleScope(ctx, scope),
      unitIds: options.unitIds,
    };
    return this.data.run(ctx, (db) => repo.readinessAll(db, year, filter, options.state));
  }

  /** The registration year the register check looks back on: the one that ended last. */
  yearJustEnded(): RegistrationYear {
    return registrationYearEnding(this.currentYear().endYear - 1);
  }

  /** People in scope whose registration lapsed or changed since the deadline, or who are not yet checked. */
  async registerCheck(
    ctx: TenantContext,
    scope: AccessScope,
    options: { unitIds: string[] | null; page: number; pageSize: number },
  ) {
    const deadline = this.yearJustEnded().endsOn;
    const filter = {
      today: this.today(),
      scope: await this.peopleScope(ctx, scope),
      unitIds: options.unitIds,
    };
    return this.data.run(ctx, (db) =>
      repo.registerCheckPage(db, deadline, filter, options.pageSize, (options.page - 1) * options.pageSize),
    );
  }

  /** A person's registration and their latest checks (for the check form). */
  async registrationOf(ctx: TenantContext, personId: string) {
    return this.data.run(ctx, async (db) => {
      const person = await repo.personRegistration(db, personId);
      return person ? { person, checks: await repo.checksOf(db, personId) } : null;
    });
  }

  /** Records a register check by hand: the check, and the person's status, in one transaction. */
  async recordCheck(ctx: TenantContext, personId: string, input: CheckInput): Promise<void> {
    if (input.checkedOn > this.today())
      throw new RuleError("checked_on-day", "Date checked must be today or in the past");
    await this.data.run(ctx, async (db) => {
      const clash = await db
        .selectFrom("people")
        .select("id")
        .where("swe_number", "=", input.sweNumber)
        .where("id", "<>", personId)
        .executeTakeFirst();
      if (clash) throw new RuleError("swe_number", "Another person has this registration number");
      await this.#apply(db, ctx, personId, input, "manual");
    });
  }

  /**
   * Inserts a check (the same person, date and status again is no change) and, when it is the
   * latest, sets the person's status, number and date last checked. Returns whether it was new.
   */
  async #apply(
    db: TenantDb,
    ctx: TenantContext,
    personId: string,
    input: CheckInput,
    source: CheckSource,
  ): Promise<boolean> {
    const added = await db
      .insertInto("cpd_register_checks")
      .values({
        person_id: personId,
        checked_on: input.checkedOn,
        status: input.status,
        swe_number: input.sweNumber,
        source,
        recorded_by: ctx.actor.id,
        note: input.note,
      })
      .onConflict((oc) => oc.columns(["tenant_id", "person_id", "checked_on", "status"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!added) return false;
    await db
      .updateTable("people")
      .set({
        swe_status: input.status,
        swe_number: input.sweNumber,
        swe_last_checked_on: input.checkedOn,
        updated_at: new Date(),
      })
      .where("id", "=", personId)
      .where((eb) =>
        eb.or([eb("swe_last_checked_on", "is", null), eb("swe_last_checked_on", "<=", input.checkedOn)]),
      )
      .execute();
    return true;
  }

  /**
   * A register feed (CSV: employee_number or swe_number, status, checked_on), applied row by row
   * for the people the uploader reaches; rows it cannot apply are reported, not applied. Sending
   * the same file again changes nothing: each check is already recorded.
   */
  async applyFeed(ctx: TenantContext, scope: AccessScope, file: Buffer): Promise<FeedReport> {
    let records: Record<string, string>[];
    try {
      records = parse(file, {
        columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
        skip_empty_lines: true,
        trim: true,
        bom: true,
      }) as Record<string, string>[];
    } catch {
      throw new RuleError("file", "The selected file could not be read as CSV");
    }
    const first = records[0];
    if (!first) throw new RuleError("file", "The selected file has no rows");
    const heads = Object.keys(first);
    if (!heads.includes("status") || !heads.includes("checked_on")) {
      throw new RuleError("file", "The selected file must have the columns status and checked_on");
    }
    if (!heads.includes("employee_number") && !heads.includes("swe_number")) {
      throw new RuleError("file", "The selected file must have a column employee_number or swe_number");
    }
    const today = this.today();
    const filter = { today, scope: await this.peopleScope(ctx, scope), unitIds: null };
    return this.data.run(ctx, async (db) => {
      const people = await repo.feedPeople(db, filter);
      const byEmployee = new Map(people.filter((p) => p.employee_number).map((p) => [p.employee_number, p]));
      const bySwe = new Map(people.filter((p) => p.swe_number).map((p) => [p.swe_number, p]));
      const report: FeedReport = { rows: records.length, applied: 0, unchanged: 0, refused: [] };
      for (const [index, row] of records.entries()) {
        const line = index + 2;
        const refuse = (reason: string) => report.refused.push({ line, reason });
        const employee = row.employee_number ?? "";
        const swe = (row.swe_number ?? "").toUpperCase();
        const status = (row.status ?? "").toLowerCase().replace(/ /g, "_");
        const checkedOn = toIsoDate(row.checked_on ?? "");
        if (!employee && !swe) {
          refuse("No employee number or registration number");
          continue;
        }
        if (swe && !SWE_NUMBER.test(swe)) {
          refuse(`${swe} is not a Social Work England registration number`);
          continue;
        }
        const person = employee ? byEmployee.get(employee) : bySwe.get(swe);
        if (!person) {
          refuse(`No person with ${employee ? `employee number ${employee}` : `registration number ${swe}`}`);
          continue;
        }
        if (!(sweStatuses as readonly string[]).includes(status)) {
          refuse(`Unknown status "${row.status ?? ""}"`);
          continue;
        }
        if (!checkedOn) {
          refuse(`The date checked "${row.checked_on ?? ""}" is not a real date`);
          continue;
        }
        if (checkedOn > today) {
          refuse("The date checked is in the future");
          continue;
        }
        const number = swe || person.swe_number;
        if (!number) {
          refuse("No registration number for this person");
          continue;
        }
        const holder = swe ? bySwe.get(swe) : undefined;
        if (holder && holder.id !== person.id) {
          refuse(`Registration number ${swe} belongs to another person`);
          continue;
        }
        if (swe && person.swe_number && employee && swe !== person.swe_number) {
          refuse(`The registration number does not match the one recorded (${person.swe_number})`);
          continue;
        }
        const added = await this.#apply(
          db,
          ctx,
          person.id,
          { status: status as SweStatus, checkedOn, sweNumber: number, note: null },
          "feed",
        );
        if (added) report.applied += 1;
        else report.unchanged += 1;
      }
      return report;
    });
  }
}

/** yyyy-mm-dd or dd/mm/yyyy, as HR systems write dates. */
function toIsoDate(value: string): IsoDate | null {
  const v = value.trim();
  if (isIsoDate(v)) return v;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (!m) return null;
  const iso = `${m[3]}-${String(m[2]).padStart(2, "0")}-${String(m[1]).padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}
