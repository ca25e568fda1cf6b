import type { FastifyInstance, FastifyReply } from "fastify";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { setNotice } from "../../../../platform/http/notice.js";
import { monthEnd, previousMonthEnd } from "../../library/periods.js";
import { performancePermissions } from "../../permissions.js";
import { EntryFileError, parseEntriesCsv, templateCsv } from "../csv.js";
import type { EntriesService, EntryValues } from "../entries.service.js";
import { type ImportFormData, importForm, importRow } from "../schema.js";

const permission = performancePermissions.manage;
const url = "/performance/entries/import";

export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

/**
 * `/performance/entries/import`: a CSV file of values, all or nothing: any row that cannot be
 * recorded (an unknown measure or unit, a unit the importer does not reach, figures that do not
 * agree, a month twice) rejects the whole file with a report naming each row and column. The
 * same rows again change nothing.
 */
export async function importRoutes(app: FastifyInstance, opts: { entries: EntriesService }) {
  const { entries } = opts;
  const form = importForm(app.platform.config.uploadMaxBytes);

  function render(reply: FastifyReply, state: FormState & { problems?: RowProblem[] }) {
    return reply.code(state.errorSummary?.length ? 400 : 200).render("performance/entries/pages/import.njk", {
      pageTitle: "Import entered values",
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
      problems: state.problems ?? [],
    });
  }

  app.get(url, { config: { permission } }, (_request, reply) => render(reply, { values: {}, errors: {} }));

  app.get(`${url}/template.csv`, { config: { permission } }, (_request, reply) =>
    reply
      .header("content-disposition", 'attachment; filename="performance-entries-template.csv"')
      .header("cache-control", "no-store")
      .type("text/csv; charset=utf-8")
      .send(templateCsv(previousMonthEnd(entries.today()))),
  );

  app.post(url, { config: { permission, form } }, async (request, reply) => {
    const result = request.formResult as FormResult<ImportFormData>;
    if (!result.ok)
      return render(reply, { values: {}, errors: result.errors, errorSummary: result.errorSummary });
    const fileError = (message: string) =>
      render(reply, {
        values: {},
        errors: { file: message },
        errorSummary: [{ text: message, href: "#file" }],
      });
    let parsed: ReturnType<typeof parseEntriesCsv>;
    try {
      parsed = parseEntriesCsv(result.data.file.data.toString("utf8"));
    } catch (err) {
      if (err instanceof EntryFileError) return fileError(err.message);
      throw err;
    }
    const ctx = request.tenantContext();
    const scope = request.scope();
    const reach = new Set((await app.people.orgTree(ctx, scope)).rows.map((u) => u.orgUnitId));
    const codes = await entries.unitsByCode(ctx);
    const schema = importRow(monthEnd(entries.today()));
    const problems: RowProblem[] = [];
    const rows: EntryValues[] = [];
    const seen = new Map<string, number>();
    for (const { row, cells } of parsed) {
      const checked = schema.safeParse(cells);
      if (!checked.success) {
        const columns = new Set<string>();
        for (const issue of checked.error.issues) {
          const column = String(issue.path[0] ?? "row");
          if (columns.has(column)) continue;
          columns.add(column);
          problems.push({ row, column, message: issue.message });
        }
        continue;
      }
      const r = checked.data;
      let orgUnitId: string | null = null;
      if (r.unitCode !== "") {
        const id = codes.get(r.unitCode.toLowerCase());
        if (!id || !(scope.tenant || reach.has(id))) {
          problems.push({
            row,
            column: "unit_code",
            message: id
              ? `You cannot enter values for unit ${r.unitCode}`
              : `There is no unit with the code ${r.unitCode}`,
          });
          continue;
        }
        orgUnitId = id;
      } else if (!scope.tenant) {
        problems.push({
          row,
          column: "unit_code",
          message:
            "Enter a unit code: only someone who reaches the whole council imports council-wide values",
        });
        continue;
      }
      const key = `${r.measureKey}|${orgUnitId ?? ""}|${r.periodEnd}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problems.push({
          row,
          column: "period_end",
          message: `Row ${earlier} already has this measure, unit and month`,
        });
        continue;
      }
      seen.set(key, row);
      rows.push({
        measureKey: r.measureKey,
        orgUnitId,
        periodEnd: r.periodEnd,
        value: r.value,
        numerator: r.numerator,
        denominator: r.denominator,
        note: r.note,
      });
    }
    if (problems.length > 0) {
      const text = `The file has ${problems.length} problem${problems.length === 1 ? "" : "s"}: nothing was imported. Correct the rows listed and import the file again`;
      return render(reply, {
        values: {},
        errors: { file: text },
        errorSummary: [
          { text, href: "#file" },
          ...problems
            .slice(0, 10)
            .map((p) => ({ text: `Row ${p.row}, ${p.column}: ${p.message}`, href: "#problems" })),
        ],
        problems,
      });
    }
    const counts = await entries.importRows(ctx, rows);
    setNotice(
      request,
      counts.added + counts.replaced === 0
        ? `No changes: every row in the file (${counts.unchanged}) equals the value held`
        : `File imported: ${counts.added} added, ${counts.replaced} replaced, ${counts.unchanged} unchanged`,
    );
    return reply.redirect("/performance/entries", 303);
  });
}
