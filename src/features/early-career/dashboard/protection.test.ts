import { describe, expect, it } from "vitest";
import {
  caseloadCap,
  caseloadText,
  DEFAULT_TEAM_CASELOAD_TARGET,
  developmentTimeText,
  type ProtectionTerms,
  protectionBreached,
  protectionStatus,
} from "./protection.js";

const asye: ProtectionTerms = {
  protectedCaseloadChildren: null,
  protectedCaseloadPercent: 90,
  protectedTimePercent: 10,
};

describe("protectionStatus", () => {
  it("takes 90% of the default target of 16 as a cap of 14 children (14.4 rounded down)", () => {
    expect(DEFAULT_TEAM_CASELOAD_TARGET).toBe(16);
    expect(caseloadCap(asye)).toBe(14);
    expect(caseloadCap({ ...asye, protectedCaseloadPercent: 87.5 })).toBe(14);
    expect(caseloadCap({ ...asye, protectedCaseloadPercent: 50 })).toBe(8);
  });

  it("uses the template's number of children when it sets one, whatever the share", () => {
    expect(caseloadCap({ ...asye, protectedCaseloadChildren: 12 })).toBe(12);
    expect(caseloadCap({ ...asye, protectedCaseloadChildren: 0 })).toBe(0);
  });

  it("has no cap when the template protects no caseload", () => {
    const none = {
      protectedCaseloadChildren: null,
      protectedCaseloadPercent: null,
      protectedTimePercent: null,
    };
    const s = protectionStatus(none, { caseloadChildren: 30, developmentTimePercent: 0 });
    expect(s).toEqual({
      caseload: { cap: null, actual: 30, breached: false },
      developmentTime: { required: null, actual: 0, breached: false },
    });
    expect(protectionBreached(s)).toBe(false);
  });

  it("is within the cap at 14 children and breached at 15", () => {
    expect(protectionStatus(asye, { caseloadChildren: 14, developmentTimePercent: 10 })).toEqual({
      caseload: { cap: 14, actual: 14, breached: false },
      developmentTime: { required: 10, actual: 10, breached: false },
    });
    const over = protectionStatus(asye, { caseloadChildren: 15, developmentTimePercent: 10 });
    expect(over.caseload).toEqual({ cap: 14, actual: 15, breached: true });
    expect(protectionBreached(over)).toBe(true);
    expect(caseloadText(over)).toBe("15 of 14 — over");
  });

  it("flags development time below the protected share, not at it", () => {
    const low = protectionStatus(asye, { caseloadChildren: 10, developmentTimePercent: 5 });
    expect(low.developmentTime).toEqual({ required: 10, actual: 5, breached: true });
    expect(low.caseload.breached).toBe(false);
    expect(developmentTimeText(low)).toBe("5% (at least 10%) — below");
    expect(
      protectionStatus(asye, { caseloadChildren: null, developmentTimePercent: 9.99 }).developmentTime
        .breached,
    ).toBe(true);
    expect(
      protectionStatus(asye, { caseloadChildren: null, developmentTimePercent: 12.5 }).developmentTime
        .breached,
    ).toBe(false);
  });

  it("is never breached before anything is recorded", () => {
    const s = protectionStatus(asye, null);
    expect(s).toEqual({
      caseload: { cap: 14, actual: null, breached: false },
      developmentTime: { required: 10, actual: null, breached: false },
    });
    expect(caseloadText(s)).toBe("Not recorded");
    expect(developmentTimeText(s)).toBe("Not recorded");
  });

  it("takes another team target when one is given (the caseload capability's, later)", () => {
    expect(
      protectionStatus(asye, { caseloadChildren: 18, developmentTimePercent: null }, 20).caseload,
    ).toEqual({
      cap: 18,
      actual: 18,
      breached: false,
    });
  });
});
