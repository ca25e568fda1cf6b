import { sql } from "kysely";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { formatDate } from "../../../platform/views/render.js";
import { HR_SOURCE } from "../../people/people.service.js";
import type { FeedReportRow } from "../schema.js";
import type { FeedCsvRow } from "./csv.js";
import { type AbsenceRow, type absenceColumns, absenceRow, checkRow } from "./rows.js";

export type AbsenceKey = (typeof absenceColumns)[number]["key"];

const BATCH = 500;

interface Stored {
  from: string;
  to: string;
  days: number;
}

/**
 * Applies HR's sickness absence row by row, in the caller's transaction: each row is matched to a
 * person by HR's employee ID (person_source_ids source 'hr', else the employee number). A period
 * already held for the person with the same figure is unchanged; with another figure it is
 * replaced; a period overlapping a different one held for them is refused (it would count days
 * twice). Writes in batches.
 */
export async function applyAbsenceRows(
  db: TenantDb,
  rows: FeedCsvRow<AbsenceKey>[],
  runId: string,
): Promise<FeedReportRow[]> {
  const [links, numbers] = await Promise.all([
    db
      .selectFrom("person_source_ids")
      .select(["person_id", "external_id"])
      .where("source", "=", HR_SOURCE)
      .execute(),
    db
      .selectFrom("people")
      .select(["id", "employee_number"])
      .where("employee_number", "is not", null)
      .execute(),
  ]);
  const byEmployee = new Map(numbers.map((p) => [p.employee_number as string, p.id]));
  for (const l of links) byEmployee.set(l.external_id, l.person_id);

  const checked: { row: number; personId: string; data: AbsenceRow }[] = [];
  const report: FeedReportRow[] = [];
  for (const r of rows) {
    const check = checkRow(absenceRow, r.cells);
    if (!check.ok) {
      report.push({ row: r.row, outcome: "rejected", message: check.message });
      continue;
    }
    const personId = byEmployee.get(check.data.employee_id);
    if (!personId) {
      report.push({
        row: r.row,
        outcome: "rejected",
        message: `No one has the employee ID ${check.data.employee_id}`,
      });
      continue;
    }
    checked.push({ row: r.row, personId, data: check.data });
  }

  const stored = new Map<string, Stored[]>();
  const personIds = [...new Set(checked.map((c) => c.personId))];
  for (let i = 0; i < personIds.length; i += BATCH) {
    const held = await db
      .selectFrom("sickness_absences")
      .select(["person_id", "period_from", "period_to", "working_days_lost"])
      .where("person_id", "in", personIds.slice(i, i + BATCH))
      .execute();
    for (const h of held) {
      const list = stored.get(h.person_id) ?? [];
      list.push({ from: h.period_from, to: h.period_to, days: Number(h.working_days_lost) });
      stored.set(h.person_id, list);
    }
  }

  const writes: { person_id: string; period_from: string; period_to: string; working_days_lost: number }[] =
    [];
  const seen = new Map<string, number>();
  for (const c of checked) {
    const { period_start: from, period_end: to, days_lost: days } = c.data;
    const key = `${c.personId}|${from}|${to}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      report.push({
        row: c.row,
        outcome: "rejected",
        message: `The same person and period are on row ${earlier}`,
      });
      continue;
    }
    const held = stored.get(c.personId) ?? [];
    const same = held.find((h) => h.from === from && h.to === to);
    const overlap = held.find((h) => h !== same && h.from <= to && h.to >= from);
    if (overlap) {
      report.push({
        row: c.row,
        outcome: "rejected",
        message: `The period overlaps the period ${formatDate(overlap.from, false)} to ${formatDate(overlap.to, false)} already recorded for this person`,
      });
      continue;
    }
    seen.set(key, c.row);
    if (same && Math.round(same.days * 100) === Math.round(days * 100)) {
      report.push({ row: c.row, outcome: "unchanged" });
      continue;
    }
    if (same) same.days = days;
    else held.push({ from, to, days });
    stored.set(c.personId, held);
    writes.push({ person_id: c.personId, period_from: from, period_to: to, working_days_lost: days });
    report.push({ row: c.row, outcome: "applied" });
  }

  for (let i = 0; i < writes.length; i += BATCH) {
    await db
      .insertInto("sickness_absences")
      .values(writes.slice(i, i + BATCH).map((w) => ({ ...w, feed_run_id: runId })))
      .onConflict((oc) =>
        oc.columns(["tenant_id", "person_id", "period_from", "period_to"]).doUpdateSet({
          working_days_lost: sql`excluded.working_days_lost`,
          feed_run_id: sql`excluded.feed_run_id`,
        }),
      )
      .execute();
  }
  return report.sort((a, b) => a.row - b.row);
}
