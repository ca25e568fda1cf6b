import { describe, expect, it } from "vitest";
import {
  bookingRoutes,
  deliveries,
  isGroupOf,
  pcfDomains,
  practiceModelStrands,
  type Tier,
  tierGroups,
  tiers,
} from "../reference.js";
import { demoCatalogue, demoCatalogueSource } from "./catalogue.js";

/**
 * Counted by hand from the source (section 8 of the NEL plan), column by column:
 *
 * | tier       | group                  | count | notes                                                  |
 * |------------|------------------------|-------|--------------------------------------------------------|
 * | core       | assessment             |     7 | includes "Practice Standard – Behaviours and Safe ..." |
 * | core       | planning               |     8 |                                                        |
 * | core       | intervention           |    15 | 7 from the Core table + 4 Signs of Safety + 4 RP       |
 * | core       | direct_work            |     7 | 6 from the Core table + 1 Trauma Informed Practice     |
 * | core       | bespoke                |    12 |                                                        |
 * | essential  | assessment             |    11 | "Parenting Assessments" listed twice, kept once        |
 * | essential  | planning               |     7 |                                                        |
 * | essential  | intervention           |     5 |                                                        |
 * | essential  | direct_work            |     4 |                                                        |
 * | essential  | bespoke                |     2 |                                                        |
 * | specialist | assessment             |     4 |                                                        |
 * | specialist | planning               |     0 | empty column                                           |
 * | specialist | intervention           |     3 |                                                        |
 * | specialist | direct_work            |     0 | empty column                                           |
 * | specialist | bespoke                |     0 | no such column                                         |
 * | leadership | practice               |     6 |                                                        |
 * | leadership | people                 |     6 |                                                        |
 * | leadership | performance            |     5 |                                                        |
 * | leadership | supervision            |     5 |                                                        |
 * | accredited | level_2                |     2 |                                                        |
 * | accredited | level_3                |     1 |                                                        |
 * | accredited | level_4                |     2 |                                                        |
 * | accredited | level_5                |     2 |                                                        |
 * | carers     | mandatory              |     8 |                                                        |
 * | carers     | safeguarding           |     2 |                                                        |
 * | carers     | understanding_children |     7 |                                                        |
 * |            | total                  |   131 | core 49, essential 29, specialist 7, leadership 22,    |
 * |            |                        |       | accredited 7, carers 17                                |
 */
const expectedCounts: Record<Tier, Record<string, number>> = {
  core: { assessment: 7, planning: 8, intervention: 15, direct_work: 7, bespoke: 12 },
  essential: { assessment: 11, planning: 7, intervention: 5, direct_work: 4, bespoke: 2 },
  specialist: { assessment: 4, planning: 0, intervention: 3, direct_work: 0, bespoke: 0 },
  leadership: { practice: 6, people: 6, performance: 5, supervision: 5 },
  accredited: { level_2: 2, level_3: 1, level_4: 2, level_5: 2 },
  carers: { mandatory: 8, safeguarding: 2, understanding_children: 7 },
};

describe("demo catalogue", () => {
  it("has the hand-counted number of courses in each tier and group", () => {
    const actual: Record<string, Record<string, number>> = {};
    for (const t of tiers) {
      actual[t] = Object.fromEntries(Object.keys(tierGroups[t]).map((g) => [g, 0]));
    }
    for (const c of demoCatalogue) {
      const groups = actual[c.tier] ?? {};
      groups[c.group] = (groups[c.group] ?? 0) + 1;
    }
    expect(actual).toEqual(expectedCounts);
    expect(demoCatalogue).toHaveLength(131);
  });

  it("has unique codes", () => {
    const codes = demoCatalogue.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("puts every course in a group of its tier", () => {
    for (const c of demoCatalogue) {
      expect(isGroupOf(c.tier, c.group), `${c.code}: ${c.group} in ${c.tier}`).toBe(true);
    }
  });

  it("uses valid PCF domains, one to three per course, without repeats", () => {
    for (const c of demoCatalogue) {
      expect(c.pcfDomains.length, c.code).toBeGreaterThanOrEqual(1);
      expect(c.pcfDomains.length, c.code).toBeLessThanOrEqual(3);
      expect(new Set(c.pcfDomains).size, c.code).toBe(c.pcfDomains.length);
      for (const d of c.pcfDomains) expect(Object.keys(pcfDomains), c.code).toContain(d);
    }
  });

  it("has tidy, non-empty titles", () => {
    for (const c of demoCatalogue) {
      expect(c.title.length, c.code).toBeGreaterThan(0);
      expect(c.title, c.code).toBe(c.title.trim());
      expect(c.title, c.code).not.toMatch(/\t|\s{2}/);
    }
  });

  it("keeps 'Parenting Assessments' once", () => {
    expect(demoCatalogue.filter((c) => c.title === "Parenting Assessments")).toHaveLength(1);
  });

  it("uses valid deliveries, booking routes and strands", () => {
    const expectedRoute: Record<Tier, string> = {
      core: "self",
      essential: "manager",
      specialist: "manager",
      leadership: "learning_team",
      accredited: "learning_team",
      carers: "self",
    };
    for (const c of demoCatalogue) {
      expect(deliveries, c.code).toContain(c.delivery);
      expect(bookingRoutes, c.code).toContain(c.bookingRoute);
      expect(c.bookingRoute, c.code).toBe(expectedRoute[c.tier]);
      if (c.tier === "accredited") expect(c.delivery, c.code).toBe("accredited");
      if (c.strand !== null) {
        expect(practiceModelStrands as readonly string[], c.code).toContain(c.strand);
        expect(c.strandLevel, c.code).not.toBeNull();
        expect(c.tier, c.code).toBe("core");
      } else {
        expect(c.strandLevel, c.code).toBeNull();
      }
      expect(c.cpdHours, c.code).toBe(c.durationHours);
    }
    const strandCounts = Object.fromEntries(
      practiceModelStrands.map((s) => [s, demoCatalogue.filter((c) => c.strand === s).length]),
    );
    expect(strandCounts).toEqual({
      "Signs of Safety": 4,
      "Restorative Practice": 4,
      "Trauma Informed Practice": 1,
    });
  });

  it("marks mandatory for carers only where the source says so", () => {
    expect(
      demoCatalogue
        .filter((c) => c.mandatoryForCarers)
        .map((c) => c.code)
        .sort(),
    ).toEqual(["CAR-MAN-01", "CAR-SAF-02"]);
  });

  it("describes its source", () => {
    expect(demoCatalogueSource).toMatch(/Workforce Development Offer/);
    expect(demoCatalogueSource).toMatch(/section 8/);
  });
});

describe("the demo catalogue in the database", () => {
  it("loads every course once, through the table's own checks", async () => {
    const { buildTestApp } = await import("../../../../test/support/app.js");
    const { seedDemoCatalogue } = await import("./seed.js");
    const t = await buildTestApp();
    try {
      expect(await seedDemoCatalogue(t.app)).toBe(demoCatalogue.length);
      expect(await seedDemoCatalogue(t.app)).toBe(0);
      const rows = await t.database.db.selectFrom("learning_courses").select("code").execute();
      expect(rows).toHaveLength(demoCatalogue.length);
    } finally {
      await t.close();
    }
  });
});
