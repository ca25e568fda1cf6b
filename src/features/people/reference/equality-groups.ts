import type { EqualityCharacteristic } from "../equality.repository.js";

/**
 * How the equality profile groups stored values into columns: DfE ethnicity codes into the census
 * groups, dates of birth into age bands on the date, and codes that mean "not known" together.
 */
export const UNKNOWN = "unknown";
const NOT_KNOWN = { value: UNKNOWN, text: "Not known or not recorded" };

export interface Column {
  value: string;
  text: string;
}

export interface Characteristic {
  /** The radio's label and the table's caption ("Staff by service and ..."). */
  label: string;
  /** Lower case, for sentences and the export's file name. */
  name: string;
  columns: Column[];
  /** The column a stored value is counted in. */
  columnOf: (value: string) => string;
}

const ageBands = [
  { value: "under_25", text: "Under 25", below: 25 },
  { value: "25_34", text: "25 to 34", below: 35 },
  { value: "35_44", text: "35 to 44", below: 45 },
  { value: "45_54", text: "45 to 54", below: 55 },
  { value: "55_64", text: "55 to 64", below: 65 },
  { value: "65_over", text: "65 and over", below: Number.POSITIVE_INFINITY },
];

/** Ethnicity codes (DfE census list) by group: the first letter, except Chinese, refused and not obtained. */
function ethnicityGroup(code: string): string {
  if (code === "CHNE" || code === "OOTH") return "other";
  if (code === "REFU") return "refused";
  return { W: "white", M: "mixed", A: "asian", B: "black" }[code.charAt(0)] ?? UNKNOWN;
}

export const characteristics: Record<EqualityCharacteristic, Characteristic> = {
  ethnicity: {
    label: "Ethnic group",
    name: "ethnic group",
    columns: [
      { value: "white", text: "White" },
      { value: "mixed", text: "Mixed or multiple ethnic groups" },
      { value: "asian", text: "Asian or Asian British" },
      { value: "black", text: "Black, Black British, Caribbean or African" },
      { value: "other", text: "Chinese or any other ethnic group" },
      { value: "refused", text: "Prefers not to say" },
      NOT_KNOWN,
    ],
    columnOf: ethnicityGroup,
  },
  disability: {
    label: "Disability",
    name: "disability",
    columns: [
      { value: "yes", text: "Disabled" },
      { value: "no", text: "Not disabled" },
      { value: "not_declared", text: "Prefers not to say" },
      NOT_KNOWN,
    ],
    columnOf: (value) => value,
  },
  gender: {
    label: "Gender",
    name: "gender",
    columns: [
      { value: "2", text: "Female" },
      { value: "1", text: "Male" },
      { value: "9", text: "Not specified" },
      NOT_KNOWN,
    ],
    // DfE code 0 is "Not known".
    columnOf: (value) => (value === "0" ? UNKNOWN : value),
  },
  age: {
    label: "Age on the date",
    name: "age",
    columns: [...ageBands.map(({ value, text }) => ({ value, text })), NOT_KNOWN],
    columnOf: (value) => {
      const age = Number(value);
      return Number.isFinite(age) && age >= 0
        ? (ageBands.find((b) => age < b.below)?.value ?? UNKNOWN)
        : UNKNOWN;
    },
  },
};
