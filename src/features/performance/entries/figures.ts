import { type IsoDate, isIsoDate } from "../../../platform/dates.js";
import { type MeasureKey, measureDefinitions } from "../library/definitions.js";
import { isPeriodEnd, monthEnd } from "../library/periods.js";

export interface EntryFigures {
  value: number;
  numerator: number | null;
  denominator: number | null;
}

const COUNT = /^\d{1,9}(\.\d{1,2})?$/;
const VALUE = /^-?\d{1,9}(\.\d)?$/;

/** Rounds to one decimal place, as percentages are held. */
export function oneDecimal(n: number): number {
  return Math.round(n * 10 + (n >= 0 ? Number.EPSILON : -Number.EPSILON)) / 10;
}

/**
 * Checks an entered value with its numerator and denominator (texts as typed or read from a
 * file): both or neither of numerator and denominator; a percentage from 0 to 100 to one decimal;
 * when both are given the value must be numerator / denominator x 100 to one decimal, or is
 * worked out from them when left blank. Returns the figures or a message per field.
 */
export function readFigures(
  measureKey: MeasureKey,
  texts: { value?: string | undefined; numerator?: string | undefined; denominator?: string | undefined },
):
  | { ok: true; figures: EntryFigures }
  | { ok: false; errors: Record<"value" | "numerator" | "denominator", string | undefined> } {
  const percent = measureDefinitions[measureKey].format === "percent";
  const errors: Record<"value" | "numerator" | "denominator", string | undefined> = {
    value: undefined,
    numerator: undefined,
    denominator: undefined,
  };
  const clean = (t: string | undefined) => (t ?? "").trim().replace(/,/g, "");
  const num = clean(texts.numerator);
  const den = clean(texts.denominator);
  const val = clean(texts.value).replace(/%$/, "").trim();
  let numerator: number | null = null;
  let denominator: number | null = null;
  if (num !== "") {
    if (!COUNT.test(num)) errors.numerator = "Numerator must be a number, like 187";
    else numerator = Number(num);
  }
  if (den !== "") {
    if (!COUNT.test(den)) errors.denominator = "Denominator must be a number, like 200";
    else if (Number(den) <= 0) errors.denominator = "Denominator must be more than 0";
    else denominator = Number(den);
  }
  if (num !== "" && den === "") errors.denominator = "Enter the denominator as well as the numerator";
  if (den !== "" && num === "") errors.numerator = "Enter the numerator as well as the denominator";
  if (percent && numerator !== null && denominator !== null && numerator > denominator)
    errors.numerator = "Numerator must not be more than the denominator";
  const worked =
    numerator !== null && denominator !== null ? oneDecimal((numerator / denominator) * 100) : null;
  let value: number | null = null;
  if (val === "") {
    if (worked === null && !errors.numerator && !errors.denominator)
      errors.value = "Enter the value, or the numerator and denominator";
    value = worked;
  } else if (!VALUE.test(val)) {
    errors.value = percent
      ? "Value must be a percentage from 0 to 100, to one decimal place, like 93.5"
      : "Value must be a number, to one decimal place, like 14.5";
  } else {
    value = Number(val);
    if (percent && (value < 0 || value > 100)) errors.value = "Value must be a percentage from 0 to 100";
    else if (value < 0) errors.value = "Value must be 0 or more";
    else if (worked !== null && oneDecimal(value) !== worked)
      errors.value = `Value must equal the numerator divided by the denominator, as a percentage (${worked}), or be left blank`;
  }
  if (errors.value || errors.numerator || errors.denominator || value === null) return { ok: false, errors };
  return { ok: true, figures: { value, numerator, denominator } };
}

/** A month from a file: `period_end` as the month's last day (yyyy-mm-dd) or `month` as yyyy-mm. */
export function readPeriod(
  periodEnd: string,
  month: string,
): { ok: true; periodEnd: IsoDate } | { ok: false; field: "period_end" | "month"; message: string } {
  const p = periodEnd.trim();
  const m = month.trim();
  if (p !== "") {
    const bad = (message: string) => ({ ok: false as const, field: "period_end" as const, message });
    if (!isIsoDate(p)) return bad("period_end must be a date written yyyy-mm-dd, like 2026-10-31");
    if (!isPeriodEnd(p)) return bad(`period_end must be the last day of the month (${monthEnd(p)})`);
    if (m !== "" && m !== p.slice(0, 7)) return bad("period_end and month name different months");
    return { ok: true, periodEnd: p };
  }
  const bad = (message: string) => ({ ok: false as const, field: "month" as const, message });
  if (m === "") return bad("Enter the month in period_end (yyyy-mm-dd) or month (yyyy-mm)");
  if (!/^\d{4}-\d{2}$/.test(m) || !isIsoDate(`${m}-01`))
    return bad("month must be written yyyy-mm, like 2026-10");
  return { ok: true, periodEnd: monthEnd(`${m}-01`) };
}
