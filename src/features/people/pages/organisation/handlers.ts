import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../platform/exports/exports.js";
import { peoplePermissions } from "../../permissions.js";
import { formatFte, type Query, queryString, readAsAt, takeNotice, unitTypeNames } from "../shared.js";

interface TreeRow {
  id: string;
  code: string;
  name: string;
  type: string;
  depth: number;
  parentName: string | null;
  managerName: string | null;
  headcount: number;
  fte: number;
  totalHeadcount: number;
  totalFte: number;
  hasChildren: boolean;
}

/** Rendered organisation tables by tree (the service's cached object) and link query. */
const renderedTables = new WeakMap<object, Map<string, string>>();

/** GOV.UK spacing units for each level of indentation (0, 20, 40 and 60 pixels). */
const INDENT = [0, 4, 7, 9, 9];

/** `/organisation?asAt=`: the organisation tree on a date, with headcount and FTE per unit. */
export async function organisationRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    "/organisation",
    { config: { permission: peoplePermissions.viewOrganisation } },
    async (request, reply) => {
      const query = request.query as Query;
      const asAt = readAsAt(query, app.people.today());
      if (asAt.fromParts && asAt.errorSummary.length === 0) {
        return reply.redirect(`/organisation${queryString({ asAt: asAt.param })}`);
      }
      const tree = await app.people.orgTree(request.tenantContext(), request.scope(), asAt.asAt);
      const format = exportFormat(query.format);
      const linkQuery = queryString({ asAt: asAt.param });
      const page = {
        pageTitle: "Organisation",
        asAt: asAt.asAt,
        asAtView: asAt,
        errorSummary: asAt.errorSummary,
        notification: takeNotice(request),
        exportBase: `/organisation${queryString({ asAt: asAt.param })}${asAt.param ? "&" : "?"}`,
      };
      // The service returns the same tree object while the tenant's data is unchanged, so the table
      // (hundreds of rows for a large council) is rendered once and reused.
      const cachedTable = format ? undefined : renderedTables.get(tree)?.get(linkQuery);
      if (cachedTable !== undefined) {
        return reply.code(asAt.errorSummary.length ? 400 : 200).render("people/pages/organisation/view.njk", {
          ...page,
          hasRows: tree.rows.length > 0,
          tableHtml: cachedTable,
        });
      }
      const names = new Map(tree.rows.map((r) => [r.orgUnitId, r.name]));

      const rows: TreeRow[] = tree.rows.map((r) => ({
        id: r.orgUnitId,
        code: r.code,
        name: r.name,
        type: unitTypeNames[r.unitType] ?? r.unitType,
        depth: r.depth,
        parentName: r.parentId ? (names.get(r.parentId) ?? null) : null,
        managerName: r.managerName,
        headcount: r.headcount,
        fte: r.fte,
        totalHeadcount: r.totalHeadcount,
        totalFte: r.totalFte,
        hasChildren: r.children.length > 0,
      }));

      if (format) {
        return sendExport(
          reply,
          format,
          `organisation-${asAt.asAt}`,
          [
            { header: "Unit", value: (r: TreeRow) => r.name },
            { header: "Code", value: (r) => r.code },
            { header: "Type", value: (r) => r.type },
            { header: "Part of", value: (r) => r.parentName },
            { header: "Manager", value: (r) => r.managerName },
            { header: "Headcount", value: (r) => r.headcount },
            { header: "FTE in post", value: (r) => Number(formatFte(r.fte)) },
            { header: "Headcount including units below", value: (r) => r.totalHeadcount },
            { header: "FTE in post including units below", value: (r) => Number(formatFte(r.totalFte)) },
          ],
          rows,
        );
      }

      const tableHtml = app.views.render("people/pages/organisation/table.njk", {
        asAt: asAt.asAt,
        rows: rows.map((r) => ({
          ...r,
          href: `/organisation/units/${r.id}${linkQuery}`,
          indentClass: `govuk-!-padding-left-${INDENT[Math.min(r.depth, INDENT.length - 1)]}`,
          fteText: formatFte(r.fte),
          totalFteText: formatFte(r.totalFte),
        })),
      });
      const forTree = renderedTables.get(tree) ?? new Map<string, string>();
      forTree.set(linkQuery, tableHtml);
      renderedTables.set(tree, forTree);
      return reply.code(asAt.errorSummary.length ? 400 : 200).render("people/pages/organisation/view.njk", {
        ...page,
        hasRows: rows.length > 0,
        tableHtml,
      });
    },
  );
}
