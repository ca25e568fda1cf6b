import type { AccessScope } from "../../../platform/auth/principal.js";
import type { Clock } from "../../../platform/clock.js";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import { type Cell, suppressTable } from "../../../platform/privacy/suppression.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import type { PeopleService } from "../../people/people.service.js";
import { peopleScope } from "../../people/people-scope.js";
import { type ObservationTheme, observationThemes, type QualityGrade, qualityGrades } from "../schema.js";
import * as repo from "./observations.repository.js";

export type { Observation, ObservationRow } from "./observations.repository.js";

export interface ObservationInput {
  supervisionId: string | null;
  supervisorPersonId: string;
  observerPersonId: string | null;
  observedOn: IsoDate;
  themes: ObservationTheme[];
  rating: QualityGrade | null;
  strengths: string | null;
  development: string | null;
}

/** Who is asking: the `observe` scope and their own person (observations they made). */
export interface Viewer {
  scope: AccessScope;
  personId: string | null;
}

/** One service's line of the themes report: counts with small numbers hidden. */
export interface ServiceLine {
  serviceId: string | null;
  name: string;
  themes: Cell[];
  ratings: Cell[];
  themesTotal: Cell;
  ratingsTotal: Cell;
}

export interface ThemesReport {
  from: IsoDate;
  to: IsoDate;
  observations: number;
  /** Across the viewer's reach: observations per theme, and by rating (not suppressed). */
  byTheme: Array<{ theme: ObservationTheme; total: number; ratings: number[]; notRated: number }>;
  ratings: number[];
  notRated: number;
  /** By the supervisor's service on the day, small numbers (1 to 4) hidden. */
  services: ServiceLine[];
  themeTotals: Cell[];
  ratingTotals: Cell[];
}

/**
 * Observations of supervision (quality assurance): the observer records themes, a rating and
 * feedback for the supervisor; the themes are reported by service with small numbers hidden.
 */
export class SupervisionObservationsService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly people: PeopleService,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  async #reach(db: TenantDb, viewer: Viewer): Promise<repo.ObservationReach> {
    const on = this.today();
    return { scope: await peopleScope(db, viewer.scope, on), observerPersonId: viewer.personId, on };
  }

  async observation(ctx: TenantContext, observationId: string) {
    return this.data.run(ctx, (db) => repo.observation(db, observationId));
  }

  async list(ctx: TenantContext, viewer: Viewer, from: IsoDate, to: IsoDate) {
    return this.data.run(ctx, async (db) => repo.list(db, await this.#reach(db, viewer), from, to));
  }

  /** Observations of a supervisor's own supervision, latest first (for their home page: "Feedback on your supervision"). */
  async ofSupervisor(ctx: TenantContext, supervisorPersonId: string) {
    return this.data.run(ctx, (db) => repo.ofSupervisor(db, supervisorPersonId));
  }

  /** The choices for the form: supervisors in the viewer's scope, and staff who may observe. */
  async formChoices(ctx: TenantContext, viewer: Viewer) {
    return this.data.run(ctx, async (db) => {
      const reach = await this.#reach(db, viewer);
      const [supervisors, observers] = await Promise.all([
        repo.supervisorChoices(db, reach.scope, reach.on),
        repo.staffChoices(db, reach.on),
      ]);
      return { supervisors, observers };
    });
  }

  /** A supervision record to observe (its supervisor prefills the form). */
  async supervision(ctx: TenantContext, supervisionId: string) {
    return this.data.run(ctx, (db) => repo.supervision(db, supervisionId));
  }

  async record(ctx: TenantContext, viewer: Viewer, input: ObservationInput): Promise<string> {
    if (input.observedOn > this.today())
      throw new RuleError("observed_on-day", "Date observed must be today or in the past");
    return this.data.run(ctx, async (db) => {
      const reach = await this.#reach(db, viewer);
      const supervisors = await repo.supervisorChoices(db, reach.scope, reach.on);
      const inScope =
        supervisors.some((s) => s.id === input.supervisorPersonId) ||
        (reach.scope === undefined && (await repo.personExists(db, input.supervisorPersonId)));
      if (!inScope) throw new RuleError("supervisor_person_id", "Select the supervisor from the list");
      if (input.observerPersonId && !(await repo.personExists(db, input.observerPersonId)))
        throw new RuleError("observer_person_id", "Select the observer from the list");
      if (input.supervisionId) {
        const s = await repo.supervision(db, input.supervisionId);
        if (!s || s.supervisor_person_id !== input.supervisorPersonId)
          throw new RuleError(
            "supervisor_person_id",
            "The supervision record linked is not one this supervisor held",
          );
      }
      return repo.insert(db, { ...input, recordedBy: ctx.actor.id });
    });
  }

  /** Counts of observations by theme and rating, overall and by service (small numbers hidden). */
  async themesReport(ctx: TenantContext, viewer: Viewer, from: IsoDate, to: IsoDate): Promise<ThemesReport> {
    const rows = await this.data.run(ctx, async (db) =>
      repo.reportRows(db, await this.#reach(db, viewer), from, to),
    );
    const { units } = await this.people.choices(ctx, to);
    const byId = new Map(units.map((u) => [u.orgUnitId, u]));
    const serviceOf = (unitId: string | null): string | null => {
      let u = unitId ? byId.get(unitId) : undefined;
      for (let depth = 0; u && depth < 30; depth += 1) {
        if (u.unitType === "service") return u.orgUnitId;
        u = u.parentId ? byId.get(u.parentId) : undefined;
      }
      return null;
    };
    const gradeIndex = (g: QualityGrade | null) => (g ? qualityGrades.indexOf(g) : -1);
    const byTheme = observationThemes.map((theme) => ({
      theme,
      total: 0,
      ratings: qualityGrades.map(() => 0),
      notRated: 0,
    }));
    const ratings = qualityGrades.map(() => 0);
    let notRated = 0;
    const services = new Map<string | null, { themes: number[]; ratings: number[] }>();
    for (const r of rows) {
      const g = gradeIndex(r.rating);
      if (g >= 0) ratings[g] = (ratings[g] ?? 0) + 1;
      else notRated += 1;
      const key = serviceOf(r.unit_id);
      let s = services.get(key);
      if (!s) {
        s = { themes: observationThemes.map(() => 0), ratings: qualityGrades.map(() => 0) };
        services.set(key, s);
      }
      if (g >= 0) s.ratings[g] = (s.ratings[g] ?? 0) + 1;
      for (const theme of r.themes) {
        const i = observationThemes.indexOf(theme);
        const line = byTheme[i];
        if (!line) continue;
        line.total += 1;
        if (g >= 0) line.ratings[g] = (line.ratings[g] ?? 0) + 1;
        else line.notRated += 1;
        s.themes[i] = (s.themes[i] ?? 0) + 1;
      }
    }
    const keys = [...services.keys()].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
    function nameOf(key: string | null) {
      return key ? (byId.get(key)?.name ?? "A former service") : "Not in a service";
    }
    const themeTable = suppressTable(keys.map((k) => services.get(k)?.themes ?? []));
    const ratingTable = suppressTable(keys.map((k) => services.get(k)?.ratings ?? []));
    const hidden: Cell = { value: null, suppressed: true, reason: "secondary" };
    return {
      from,
      to,
      observations: rows.length,
      byTheme,
      ratings,
      notRated,
      services: keys.map((k, i) => ({
        serviceId: k,
        name: nameOf(k),
        themes: themeTable.cells[i] ?? [],
        ratings: ratingTable.cells[i] ?? [],
        themesTotal: themeTable.rowTotals[i] ?? hidden,
        ratingsTotal: ratingTable.rowTotals[i] ?? hidden,
      })),
      themeTotals: themeTable.columnTotals,
      ratingTotals: ratingTable.columnTotals,
    };
  }
}
