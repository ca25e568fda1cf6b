import type { MatrixCell } from "../../compliance.service.js";
import { dateText, statusTag } from "../shared.js";

const NOT_APPLICABLE =
  '<td class="govuk-table__cell"><span class="govuk-visually-hidden">Does not apply </span>–</td>';

/**
 * A matrix page is 50 people by up to 40 requirements, and most cells repeat (a status and a due
 * date), so each distinct cell's HTML is written once and remembered. It is built from fixed
 * status names and dates only, never text anyone typed. The memory is bounded: it starts again
 * when it has grown past a few years of dates for every status.
 */
const written = new Map<string, string>();
const MAX_REMEMBERED = 20_000;

export function cellHtml(cell: MatrixCell | null): string {
  if (cell === null) return NOT_APPLICABLE;
  const key = `${cell.status}|${cell.dueOn ?? ""}`;
  let html = written.get(key);
  if (html === undefined) {
    const tag = statusTag(cell.status);
    // The table's class (app-compliance-matrix) sets the due date's span small, on its own line.
    const due = cell.dueOn ? `<span>Due ${dateText(cell.dueOn)}</span>` : "";
    html = `<td class="govuk-table__cell"><strong class="govuk-tag ${tag.classes}">${tag.text}</strong>${due ? ` ${due}` : ""}</td>`;
    if (written.size >= MAX_REMEMBERED) written.clear();
    written.set(key, html);
  }
  return html;
}

/**
 * A person's row of cells as one string of HTML, remembered for as long as the row itself is
 * (the service keeps a page's rows until the council's data changes).
 */
const rows = new WeakMap<ReadonlyArray<MatrixCell | null>, string>();

export function rowCellsHtml(cells: ReadonlyArray<MatrixCell | null>): string {
  let html = rows.get(cells);
  if (html === undefined) {
    html = "";
    for (const c of cells) html += cellHtml(c);
    rows.set(cells, html);
  }
  return html;
}
