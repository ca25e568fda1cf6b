import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../platform/exports/exports.js";
import { type Cell, cellText, suppressTable } from "../../../../platform/privacy/suppression.js";
import {
  type EqualityCharacteristic,
  type EqualityCount,
  equalityCharacteristics,
} from "../../equality.repository.js";
import { peoplePermissions } from "../../permissions.js";
import { type Characteristic, characteristics, UNKNOWN } from "../../reference/equality-groups.js";
import { checkedItems, type Query, queryString, queryText, readAsAt } from "../shared.js";

const DEFAULT: EqualityCharacteristic = "ethnicity";

function readCharacteristic(query: Query): EqualityCharacteristic {
  const given = queryText(query, "characteristic");
  return (equalityCharacteristics as readonly string[]).includes(given)
    ? (given as EqualityCharacteristic)
    : DEFAULT;
}

/** Raw counts as a table: one row per service, one column per value, unknown values last. */
function countTable(rowIds: string[], counts: EqualityCount[], c: Characteristic): number[][] {
  const rowIndex = new Map(rowIds.map((id, i) => [id, i]));
  const colIndex = new Map(c.columns.map((col, i) => [col.value, i]));
  const table = rowIds.map(() => c.columns.map(() => 0));
  for (const count of counts) {
    const r = rowIndex.get(count.serviceId);
    const col = colIndex.get(count.value === null ? UNKNOWN : c.columnOf(count.value));
    const row = r === undefined ? undefined : table[r];
    const k = col ?? colIndex.get(UNKNOWN);
    if (row && k !== undefined) row[k] = (row[k] ?? 0) + count.count;
  }
  return table;
}

interface ExportRow {
  name: string;
  cells: Cell[];
  total: Cell;
}

/**
 * `/people/equality?asAt=&characteristic=`: staff on a date by service and one equality
 * characteristic. Aggregate figures only, with small numbers suppressed (and others hidden so they
 * cannot be worked out), on the page and in the export alike.
 */
export async function equalityReportRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    "/people/equality",
    { config: { permission: peoplePermissions.reportEquality } },
    async (request, reply) => {
      const query = request.query as Query;
      const asAt = readAsAt(query, app.people.today());
      const characteristic = readCharacteristic(query);
      const params = { asAt: asAt.param, characteristic: characteristic === DEFAULT ? "" : characteristic };
      if (asAt.fromParts && asAt.errorSummary.length === 0) {
        return reply.redirect(`/people/equality${queryString(params)}`);
      }
      const c = characteristics[characteristic];
      const profile = await app.people.equalityProfile(
        request.tenantContext(),
        request.scope(),
        asAt.asAt,
        characteristic,
      );
      const counted = new Set(profile.counts.filter((n) => n.count > 0).map((n) => n.serviceId));
      // Services the viewer's scope covers, and any unit where someone in scope is counted.
      const services = profile.services
        .filter((s) => (s.inScope && !s.top) || counted.has(s.id))
        .map((s) => ({ id: s.id, name: s.top ? `${s.name} (not in a service)` : s.name }));
      const table = suppressTable(
        countTable(
          services.map((s) => s.id),
          profile.counts,
          c,
        ),
      );
      const rows: ExportRow[] = services.map((s, i) => ({
        name: s.name,
        cells: table.cells[i] ?? [],
        total: table.rowTotals[i] as Cell,
      }));
      const totalRow: ExportRow = { name: "Total", cells: table.columnTotals, total: table.grandTotal };

      const format = exportFormat(query.format);
      if (format) {
        // Suppressed cells go out as the same words as on the page, never the number.
        const value = (cell: Cell | undefined) =>
          cell === undefined ? null : cell.suppressed ? cellText(cell) : cell.value;
        return sendExport(
          reply,
          format,
          `equality-profile-${characteristic}-${asAt.asAt}`,
          [
            { header: "Service", value: (r: ExportRow) => r.name },
            ...c.columns.map((col, k) => ({ header: col.text, value: (r: ExportRow) => value(r.cells[k]) })),
            { header: "Total", value: (r: ExportRow) => value(r.total) },
          ],
          [...rows, totalRow],
        );
      }

      const view = (r: ExportRow) => ({
        name: r.name,
        cells: r.cells.map((cell) => ({ text: cellText(cell), suppressed: cell.suppressed })),
        total: { text: cellText(r.total), suppressed: r.total.suppressed },
      });
      const allCells = [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.grandTotal];
      const link = queryString(params);
      return reply
        .code(asAt.errorSummary.length ? 400 : 200)
        .render("people/pages/equality-report/view.njk", {
          pageTitle: `Equality profile by ${c.name}`,
          asAt: asAt.asAt,
          asAtView: asAt,
          errorSummary: asAt.errorSummary,
          characteristic: c,
          characteristicItems: checkedItems(
            equalityCharacteristics.map((k) => ({ value: k, text: characteristics[k].label })),
            characteristic,
          ),
          columns: c.columns,
          rows: rows.map(view),
          totalRow: view(totalRow),
          hasRows: rows.length > 0,
          anySmall: allCells.some((cell) => cell.suppressed && cell.reason === "small"),
          anyHidden: allCells.some((cell) => cell.suppressed && cell.reason === "secondary"),
          exportBase: `/people/equality${link}${link ? "&" : "?"}`,
        });
    },
  );
}
