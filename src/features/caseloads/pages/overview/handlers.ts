import type { FastifyInstance } from "fastify";
import type { IsoDate } from "../../../../platform/dates.js";
import { subtreeIds } from "../../../people/org-tree.js";
import type { UnitFigureRow } from "../../caseloads.repository.js";
import { caseloadPermissions } from "../../permissions.js";
import { lineChart, shortMonth } from "../chart.js";
import {
  can,
  decimal,
  exportFormat,
  notFound,
  onlySelf,
  PAGE_SIZE,
  type PageOptions,
  pageNumber,
  paginationItems,
  queryString,
  readUnit,
  sendExport,
} from "../shared.js";

const permission = caseloadPermissions.view;

interface Sum {
  children: number;
  fte: number;
  swChildren: number;
  swFte: number;
}

/** Adds each unit's own figures on a date over a set of units (null: every unit). */
function sumOn(rows: readonly UnitFigureRow[], date: IsoDate, unitIds: Set<string> | null): Sum {
  const s: Sum = { children: 0, fte: 0, swChildren: 0, swFte: 0 };
  for (const r of rows) {
    if (r.asAt !== date || (unitIds && !unitIds.has(r.orgUnitId))) continue;
    s.children += r.children;
    s.fte += r.fte;
    s.swChildren += r.swChildren;
    s.swFte += r.swFte;
  }
  return s;
}

const avg = (children: number, fte: number) => (fte > 0 ? children / fte : null);

/**
 * `/caseloads`: for the viewer's unit (`?unit=` drills down; a practitioner goes to their own
 * page), the average caseload against target now and on each of the last 12 snapshot dates (chart
 * and table), the teams or services below it, the DfE average caseload with its inputs, and the
 * workers in scope with their latest caseload against their cap (50 a page).
 */
export async function overviewRoutes(app: FastifyInstance, opts: PageOptions) {
  const { caseloads } = opts;
  app.get<{ Querystring: Record<string, unknown> }>(
    "/caseloads",
    { config: { permission } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const scope = request.scope(permission);
      if (onlySelf(scope)) {
        if (scope.personId) return reply.redirect(`/caseloads/people/${scope.personId}`);
        return notFound(reply);
      }
      const choice = await readUnit(app, ctx, scope, request.query.unit);
      if (!choice) return notFound(reply);
      const { unitId, unit, unitIds } = choice;
      const inUnits = unitIds ? new Set(unitIds) : null;
      const targetUnit =
        unit?.orgUnitId ?? (choice.below.length === 1 ? (choice.below[0]?.orgUnitId ?? null) : null);
      const { dates, rows, line, belowTargets, workers } = await caseloads.overview(ctx, scope, {
        unitIds,
        targetUnitId: targetUnit,
        belowIds: choice.below.map((b) => b.orgUnitId),
      });
      const targets = line;
      const series = dates.map((d) => {
        const s = sumOn(rows, d, inUnits);
        return { asAt: d, ...s, average: avg(s.children, s.fte), target: targets.get(d) ?? null };
      });
      const latest = series.at(-1) ?? null;
      const name = unit?.name ?? (choice.wholeCouncil ? "The whole council" : "Your teams");

      const format = exportFormat(request.query.format);
      if (format && request.query.table === "averages") {
        return sendExport(
          reply,
          format,
          `caseload-averages-${name}`,
          [
            { header: "As at", value: (r: (typeof series)[number]) => r.asAt },
            { header: "Children", value: (r) => Math.round(r.children * 100) / 100 },
            { header: "FTE of case holders", value: (r) => Math.round(r.fte * 100) / 100 },
            {
              header: "Average caseload",
              value: (r) => (r.average === null ? null : Number(decimal(r.average))),
            },
            { header: "Target", value: (r) => r.target },
          ],
          series,
        );
      }

      if (format) {
        const names = new Map(choice.rows.map((r) => [r.orgUnitId, r.name]));
        return sendExport(
          reply,
          format,
          `caseloads-${name}`,
          [
            { header: "Name", value: (w: (typeof workers)[number]) => w.name },
            { header: "Team", value: (w) => names.get(w.orgUnitId) ?? null },
            { header: "Job role", value: (w) => w.jobRoleName },
            { header: "As at", value: (w) => w.asAt },
            { header: "Children", value: (w) => w.children },
            { header: "Weighted load", value: (w) => w.weighted },
            { header: "Cap", value: (w) => w.cap },
            { header: "Over cap", value: (w) => (w.over ? "Yes" : "No") },
          ],
          workers,
        );
      }

      const page = pageNumber(request.query.page);
      const pageCount = Math.max(1, Math.ceil(workers.length / PAGE_SIZE));
      if (page > pageCount) return notFound(reply);
      const href = (p: number) => `/caseloads${queryString({ unit: unitId, page: p > 1 ? p : null })}`;
      const pagination = pageCount > 1 ? paginationItems(page, pageCount, href) : null;
      const unitNames = new Map(choice.rows.map((r) => [r.orgUnitId, r.name]));
      const lastDate = latest?.asAt ?? null;
      const below = choice.below.map((b) => {
        const ids = new Set(subtreeIds(choice.rows, b.orgUnitId));
        const s = lastDate ? sumOn(rows, lastDate, ids) : null;
        const average = s ? avg(s.children, s.fte) : null;
        const target = belowTargets.get(b.orgUnitId) ?? null;
        return {
          name: b.name,
          href: `/caseloads${queryString({ unit: b.orgUnitId })}`,
          average: decimal(average),
          fte: s ? decimal(s.fte) : "",
          target: target ?? "",
          over: average !== null && target !== null && average > target,
        };
      });
      const chart = lineChart(
        series.map((s) => ({ label: shortMonth(s.asAt), average: s.average, target: s.target })),
      );
      const dfe = latest
        ? {
            cases: decimal(latest.swChildren),
            fte: decimal(latest.swFte),
            average: decimal(avg(latest.swChildren, latest.swFte)),
          }
        : null;
      return reply.render("caseloads/pages/overview/view.njk", {
        pageTitle: `Caseloads: ${name}${pageCount > 1 ? ` (page ${page} of ${pageCount})` : ""}`,
        name,
        unitItems: choice.items,
        latest: latest
          ? {
              asAt: latest.asAt,
              average: decimal(latest.average),
              target: latest.target,
              over: latest.average !== null && latest.target !== null && latest.average > latest.target,
            }
          : null,
        series: series.map((s) => ({
          asAt: s.asAt,
          children: decimal(s.children),
          fte: decimal(s.fte),
          average: decimal(s.average),
          target: s.target ?? "",
        })),
        chart,
        below,
        belowKind: unit ? "Units below" : "Units",
        dfe,
        workers: workers.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((w) => ({
          name: w.name,
          href: `/caseloads/people/${w.personId}`,
          team: unitNames.get(w.orgUnitId) ?? "",
          role: w.jobRoleName,
          asAt: w.asAt,
          children: w.children,
          weighted: w.weighted,
          cap: w.cap,
          over: w.over,
        })),
        workerCount: workers.length,
        overCount: workers.filter((w) => w.over).length,
        pagination,
        exportWorkers: `/caseloads${queryString({ unit: unitId })}${unitId ? "&" : "?"}`,
        exportAverages: `/caseloads${queryString({ unit: unitId, table: "averages" })}&`,
        canRecord: can(app, request, caseloadPermissions.record),
        canManage: can(app, request, caseloadPermissions.manage),
      });
    },
  );
}
