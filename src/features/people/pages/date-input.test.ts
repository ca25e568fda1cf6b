import { describe, expect, it } from "vitest";
import { z } from "zod";
import { validateForm } from "../../../platform/forms/form.js";
import {
  dateFromQuery,
  dateInput,
  dateInputValues,
  optionalDateInput,
  withDateInputs,
} from "./date-input.js";

const schema = withDateInputs(
  z.object({
    left_on: dateInput({ label: "Leaving date", enter: "Enter their leaving date" }),
    review_on: optionalDateInput({ label: "Review date" }),
  }),
);
const parts = (name: string, day: string, month: string, year: string) => ({
  [`${name}-day`]: day,
  [`${name}-month`]: month,
  [`${name}-year`]: year,
});
const errorsFor = (left: [string, string, string], review: [string, string, string] = ["", "", ""]) => {
  const result = validateForm(schema, { ...parts("left_on", ...left), ...parts("review_on", ...review) });
  return result.ok ? result.data : result.errors;
};

describe("GOV.UK date input", () => {
  it("reads the three fields as an ISO date, and an optional empty date as null", () => {
    expect(errorsFor(["29", "2", "2024"])).toEqual({ left_on: "2024-02-29", review_on: null });
    expect(errorsFor([" 1 ", "04", "2026"], ["3", "March", "2027"])).toEqual({
      left_on: "2026-04-01",
      review_on: "2027-03-03",
    });
    expect(errorsFor(["1", "sept", "2026"])).toEqual({ left_on: "2026-09-01", review_on: null });
  });

  it("asks for a date when nothing is entered, linking to the day", () => {
    expect(errorsFor(["", "", ""])).toEqual({ "left_on-day": "Enter their leaving date" });
    expect(validateForm(schema, {}).ok).toBe(false);
  });

  it("names the missing parts, linking to the first", () => {
    expect(errorsFor(["1", "", "2026"])).toEqual({ "left_on-month": "Leaving date must include a month" });
    expect(errorsFor(["", "", "2026"])).toEqual({
      "left_on-day": "Leaving date must include a day and month",
    });
    expect(errorsFor(["1", "2", ""], ["", "5", ""])).toEqual({
      "left_on-year": "Leaving date must include a year",
      "review_on-day": "Review date must include a day and year",
    });
  });

  it("refuses dates that are not real", () => {
    expect(errorsFor(["30", "2", "2026"])).toEqual({ "left_on-day": "Leaving date must be a real date" });
    expect(errorsFor(["29", "2", "2025"])).toEqual({ "left_on-day": "Leaving date must be a real date" });
    expect(errorsFor(["1", "13", "2026"])).toEqual({ "left_on-month": "Leaving date must be a real date" });
    expect(errorsFor(["x", "1", "2026"])).toEqual({ "left_on-day": "Leaving date must be a real date" });
    expect(errorsFor(["0", "1", "2026"])).toEqual({ "left_on-day": "Leaving date must be a real date" });
    expect(errorsFor(["1", "1", "26"])).toEqual({ "left_on-year": "Year must include 4 numbers" });
  });

  it("fills a date input from a stored date", () => {
    expect(dateInputValues("left_on", "2024-02-09")).toEqual({
      "left_on-day": "9",
      "left_on-month": "2",
      "left_on-year": "2024",
    });
    expect(dateInputValues("left_on", null)).toEqual({});
  });

  it("reads a date from a query string, as ISO or the three fields", () => {
    const options = { label: "Date", enter: "Enter a date" };
    expect(dateFromQuery({}, "asAt", options)).toEqual({ given: false });
    expect(dateFromQuery({ asAt: "2024-03-01" }, "asAt", options)).toEqual({
      given: true,
      ok: true,
      date: "2024-03-01",
      fromParts: false,
    });
    expect(
      dateFromQuery({ "asAt-day": "1", "asAt-month": "3", "asAt-year": "2024" }, "asAt", options),
    ).toEqual({
      given: true,
      ok: true,
      date: "2024-03-01",
      fromParts: true,
    });
    expect(dateFromQuery({ asAt: "2024-02-30" }, "asAt", options)).toMatchObject({
      ok: false,
      field: "asAt-day",
      message: "Date must be a real date",
    });
    expect(dateFromQuery({ asAt: "1/3/2024" }, "asAt", options)).toMatchObject({ ok: false });
  });
});
