/**
 * The protection an NQSW's template version promises (a protected caseload and protected
 * development time) and the rule that checks a reading against it. Pure: no database, no clock.
 */

/**
 * The caseload target of a team, in children, while there are no team targets: issue 8 (the
 * caseload capability) replaces this constant with the target of the NQSW's team and role. A
 * per-council default, the same for every council until then.
 */
export const DEFAULT_TEAM_CASELOAD_TARGET = 16;

/** The protection fields of a programme template version. */
export interface ProtectionTerms {
  /** A number of children: when set, it is the cap. */
  protectedCaseloadChildren: number | null;
  /** Else a share of the team's caseload target, e.g. 90 (%). */
  protectedCaseloadPercent: number | null;
  /** The least share of the NQSW's time kept for development, e.g. 10 (%). */
  protectedTimePercent: number | null;
}

/** The latest reading of each measure (either may be missing: a check may record only one). */
export interface ProtectionReading {
  caseloadChildren: number | null;
  developmentTimePercent: number | null;
}

export interface ProtectionStatus {
  caseload: { cap: number | null; actual: number | null; breached: boolean };
  developmentTime: { required: number | null; actual: number | null; breached: boolean };
}

/**
 * The caseload cap in children: the template's number of children if it sets one, else its share
 * of the team's caseload target, rounded down (90% of 16 is 14.4 children, so 15 is over and 14
 * is within it); null when the template protects no caseload.
 */
export function caseloadCap(
  terms: ProtectionTerms,
  teamTarget: number = DEFAULT_TEAM_CASELOAD_TARGET,
): number | null {
  if (terms.protectedCaseloadChildren !== null) return terms.protectedCaseloadChildren;
  if (terms.protectedCaseloadPercent === null) return null;
  // Rounded to 2 places first so that 87.5% of 16 (14.000000000000002) stays 14.
  return Math.floor(Math.round(terms.protectedCaseloadPercent * teamTarget) / 100);
}

/**
 * Checks the latest reading against the template version: the caseload is breached when it is
 * over the cap; development time when it is below the protected share. A measure not read yet, or
 * not protected by the template, is never breached.
 */
export function protectionStatus(
  version: ProtectionTerms,
  latestCheck: ProtectionReading | null,
  teamTarget: number = DEFAULT_TEAM_CASELOAD_TARGET,
): ProtectionStatus {
  const cap = caseloadCap(version, teamTarget);
  const children = latestCheck?.caseloadChildren ?? null;
  const required = version.protectedTimePercent;
  const time = latestCheck?.developmentTimePercent ?? null;
  return {
    caseload: { cap, actual: children, breached: cap !== null && children !== null && children > cap },
    developmentTime: {
      required,
      actual: time,
      breached: required !== null && time !== null && time < required,
    },
  };
}

/** Whether either measure is breached. */
export function protectionBreached(status: ProtectionStatus): boolean {
  return status.caseload.breached || status.developmentTime.breached;
}

/** "15 of 14 — over", "12 of 14", "Not recorded", or "" when the template protects no caseload. */
export function caseloadText(status: ProtectionStatus): string {
  const { cap, actual, breached } = status.caseload;
  if (cap === null) return actual === null ? "" : `${actual} children`;
  if (actual === null) return "Not recorded";
  return `${actual} of ${cap}${breached ? " — over" : ""}`;
}

/** "5% (at least 10%) — below", "12% (at least 10%)", "Not recorded". */
export function developmentTimeText(status: ProtectionStatus): string {
  const { required, actual, breached } = status.developmentTime;
  if (actual === null) return "Not recorded";
  const need = required === null ? "" : ` (at least ${percentText(required)})`;
  return `${percentText(actual)}${need}${breached ? " — below" : ""}`;
}

export function percentText(n: number): string {
  return `${Number.isInteger(n) ? n : n.toFixed(2).replace(/0+$/, "").replace(/\.$/, "")}%`;
}
