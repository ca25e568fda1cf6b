/**
 * Social Work England readiness: the pure rules. No database, no clock: the service and the
 * set-based query in the repository follow these rules (a test proves the query agrees).
 *
 * - The registration year runs 1 December to 30 November and is named by both calendar years
 *   ("2025 to 2026" ends on 30 November 2026). The renewal window is 1 September to 30 November.
 * - A registered social worker meets the year with at least two DIFFERENT, FINAL pieces of CPD
 *   dated (entry_on) in the year, at least one of them with a peer reflection.
 * - "Different": the same piece recorded twice counts once. Two entries are the same piece when
 *   their titles match once trimmed and compared without regard to case, whatever their dates
 *   (a course recorded from the learning record and again by hand, or one piece of reading
 *   written up twice). A piece has a peer reflection if any of its entries has one.
 * - Someone first registered on or after 1 September of the year's end (the last three months of
 *   the year) is not required to record CPD that year.
 * - Only people with a registration number and a status of registered or registered with
 *   conditions are counted. Suspended or removed registrations are shown as such and flagged for
 *   the manager, never counted as "not met". Someone first registered after the year ended was not
 *   registered that year.
 */
import type { IsoDate } from "../../../platform/dates.js";
import type { SweStatus } from "../../people/reference/domain.js";

export interface RegistrationYear {
  /** The calendar year the registration year ends in (30 November). */
  endYear: number;
  startsOn: IsoDate;
  endsOn: IsoDate;
  /** "2025 to 2026". */
  name: string;
  /** The renewal window: 1 September to 30 November. */
  windowOpensOn: IsoDate;
}

export function registrationYearEnding(endYear: number): RegistrationYear {
  return {
    endYear,
    startsOn: `${endYear - 1}-12-01`,
    endsOn: `${endYear}-11-30`,
    name: `${endYear - 1} to ${endYear}`,
    windowOpensOn: `${endYear}-09-01`,
  };
}

/** The registration year a date falls in: December belongs to the next year's. */
export function registrationYearOn(date: IsoDate): RegistrationYear {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return registrationYearEnding(month === 12 ? year + 1 : year);
}

/** Whether a date is in its registration year's renewal window (1 September to 30 November). */
export function inRenewalWindow(date: IsoDate): boolean {
  const year = registrationYearOn(date);
  return date >= year.windowOpensOn && date <= year.endsOn;
}

export interface Registration {
  sweNumber: string | null;
  sweStatus: SweStatus | null;
  firstRegisteredOn: IsoDate | null;
}

export interface CpdPiece {
  id: string;
  title: string;
  entryOn: IsoDate;
  status: "draft" | "final";
  /** A peer reflection is recorded (peer and date). */
  peerReflection: boolean;
}

/** Why an entry of the year does or does not count. */
export type EntryCount = "counted" | "same_piece" | "draft" | "outside_year";

export type ReadinessState = "met" | "not_met" | "not_required" | "not_registered" | "suspended";

export interface Readiness {
  state: ReadinessState;
  year: RegistrationYear;
  /** Different final pieces in the year. */
  pieces: number;
  peerReflection: boolean;
  /** What is still needed, in words: "1 more piece of CPD", "a peer reflection". */
  missing: string[];
  /** Each entry given, and whether it counts. */
  entries: { id: string; count: EntryCount }[];
  /** For suspended: the status held. */
  sweStatus: SweStatus | null;
}

export const PIECES_NEEDED = 2;

/** How two entries are told to be the same piece: the trimmed title, case ignored. */
export function pieceKey(title: string): string {
  return title.trim().toLowerCase();
}

export function isRegistered(r: Registration): boolean {
  return (
    r.sweNumber !== null && (r.sweStatus === "registered" || r.sweStatus === "registered_with_conditions")
  );
}

export function missingText(pieces: number, peerReflection: boolean): string[] {
  const missing: string[] = [];
  const more = Math.max(0, PIECES_NEEDED - pieces);
  if (more > 0) missing.push(`${more} more ${more === 1 ? "piece" : "pieces"} of CPD`);
  if (!peerReflection) missing.push("a peer reflection");
  return missing;
}

/** Where a person stands for a registration year, from their registration and CPD entries. */
export function readiness(
  registration: Registration,
  entries: CpdPiece[],
  year: RegistrationYear,
): Readiness {
  const counted = new Map<string, { peer: boolean }>();
  const counts: { id: string; count: EntryCount }[] = [];
  const sorted = [...entries].sort((a, b) => a.entryOn.localeCompare(b.entryOn) || a.id.localeCompare(b.id));
  for (const e of sorted) {
    if (e.entryOn < year.startsOn || e.entryOn > year.endsOn)
      counts.push({ id: e.id, count: "outside_year" });
    else if (e.status !== "final") counts.push({ id: e.id, count: "draft" });
    else {
      const key = pieceKey(e.title);
      const piece = counted.get(key);
      if (piece) {
        piece.peer ||= e.peerReflection;
        counts.push({ id: e.id, count: "same_piece" });
      } else {
        counted.set(key, { peer: e.peerReflection });
        counts.push({ id: e.id, count: "counted" });
      }
    }
  }
  const pieces = counted.size;
  const peerReflection = [...counted.values()].some((p) => p.peer);
  const base = { year, pieces, peerReflection, entries: counts, sweStatus: registration.sweStatus };
  const state = stateOf(registration, pieces, peerReflection, year);
  return { ...base, state, missing: state === "not_met" ? missingText(pieces, peerReflection) : [] };
}

/** The state from the counts: the rule the repository's query mirrors. */
export function stateOf(
  r: Registration,
  pieces: number,
  peerReflection: boolean,
  year: RegistrationYear,
): ReadinessState {
  if (r.sweNumber === null || r.sweStatus === null) return "not_registered";
  if (r.sweStatus === "suspended" || r.sweStatus === "removed") return "suspended";
  if (r.firstRegisteredOn !== null && r.firstRegisteredOn > year.endsOn) return "not_registered";
  if (r.firstRegisteredOn !== null && r.firstRegisteredOn >= year.windowOpensOn) return "not_required";
  return pieces >= PIECES_NEEDED && peerReflection ? "met" : "not_met";
}

export const stateNames: Record<ReadinessState, string> = {
  met: "Met",
  not_met: "Not met yet",
  not_required: "Not required this year",
  not_registered: "Not registered",
  suspended: "Registration suspended or removed",
};

export const stateColours: Record<ReadinessState, string> = {
  met: "green",
  not_met: "red",
  not_required: "blue",
  not_registered: "grey",
  suspended: "orange",
};

/** The state's name, saying which of suspended or removed. */
export function stateName(state: ReadinessState, sweStatus: SweStatus | null): string {
  if (state === "suspended")
    return sweStatus === "removed" ? "Registration removed" : "Registration suspended";
  return stateNames[state];
}
