import type { Clock } from "../../platform/clock.js";
import { RuleError } from "../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext } from "../../platform/tenancy/data-access.js";
import { TenantCache } from "../../platform/tenancy/tenant-cache.js";
import * as repo from "./catalogue.repository.js";
import {
  type BookingRoute,
  bookingRoutes,
  type Delivery,
  deliveries,
  isGroupOf,
  type PcfDomain,
  pcfDomains,
  type Tier,
  tiers,
} from "./reference.js";

export interface CourseInput {
  code: string;
  title: string;
  summary: string | null;
  tier: Tier;
  group: string;
  strand: string | null;
  strandLevel: string | null;
  delivery: Delivery;
  durationHours: number | null;
  cpdHours: number | null;
  provider: string | null;
  costPence: number | null;
  audience: string | null;
  bookingRoute: BookingRoute;
  outcomes: string[];
  pcfDomains: PcfDomain[];
  status: "active" | "withdrawn";
}

/** The catalogue of courses: the one training offer. Rules about a course live here. */
export class CatalogueService {
  readonly #cache: TenantCache;

  constructor(
    private readonly data: DataAccess,
    clock: Clock,
  ) {
    this.#cache = new TenantCache(clock);
  }

  /** A page of courses and the count, as a finder asks; cached until the council's data changes. */
  async find(ctx: TenantContext, filter: repo.CourseFilter, page: number, pageSize: number) {
    return this.data.run(ctx, (db) =>
      this.#cache.get(db, ctx.tenantId, `find:${JSON.stringify([filter, page, pageSize])}`, async () => {
        const [total, rows] = await Promise.all([
          repo.countCourses(db, filter),
          repo.listCourses(db, filter, pageSize, (page - 1) * pageSize),
        ]);
        return { total, rows, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
      }),
    );
  }

  async course(ctx: TenantContext, id: string) {
    return this.data.run(ctx, async (db) => (await repo.findCourse(db, id)) ?? null);
  }

  async create(ctx: TenantContext, input: CourseInput): Promise<string> {
    check(input);
    return this.data.run(ctx, async (db) => {
      if (await repo.findCourseByCode(db, input.code)) {
        throw new RuleError("code", "Another course has this code");
      }
      return repo.insertCourse(db, columns(input));
    });
  }

  async update(ctx: TenantContext, id: string, input: CourseInput): Promise<void> {
    check(input);
    await this.data.run(ctx, async (db) => {
      const clash = await repo.findCourseByCode(db, input.code);
      if (clash && clash.id !== id) throw new RuleError("code", "Another course has this code");
      await repo.updateCourse(db, id, columns(input));
    });
  }
}

function check(input: CourseInput): void {
  if (!tiers.includes(input.tier) || !isGroupOf(input.tier, input.group)) {
    throw new RuleError("tier_group", "Select the tier and group");
  }
  if (!deliveries.includes(input.delivery)) throw new RuleError("delivery", "Select how it is delivered");
  if (!bookingRoutes.includes(input.bookingRoute))
    throw new RuleError("booking_route", "Select how it is booked");
  for (const d of input.pcfDomains) {
    if (!(d in pcfDomains)) throw new RuleError("pcf_domains", "Select PCF domains from the list");
  }
  if (input.cpdHours !== null && input.durationHours !== null && input.cpdHours > input.durationHours) {
    throw new RuleError("cpd_hours", "CPD hours must be no more than the course's length");
  }
}

function columns(input: CourseInput) {
  return {
    code: input.code,
    title: input.title,
    summary: input.summary,
    tier: input.tier,
    group_key: input.group,
    strand: input.strand,
    strand_level: input.strandLevel,
    delivery: input.delivery,
    duration_hours: input.durationHours,
    cpd_hours: input.cpdHours,
    provider: input.provider,
    cost_pence: input.costPence,
    audience: input.audience,
    booking_route: input.bookingRoute,
    outcomes: input.outcomes,
    pcf_domains: input.pcfDomains,
    status: input.status,
  };
}
