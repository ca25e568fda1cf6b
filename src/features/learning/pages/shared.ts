import {
  type BookingRoute,
  bookingRouteNames,
  type Delivery,
  deliveryNames,
  type PcfDomain,
  pcfDomains,
  type Tier,
  tierGroups,
  tierNames,
} from "../reference.js";
import type { Course } from "../schema.js";

export { isUuid } from "../../../platform/http/request-helpers.js";

export function tierGroupName(tier: string, group: string): string {
  const t = tierNames[tier as Tier] ?? tier;
  const g = tierGroups[tier as Tier]?.[group] ?? group;
  return `${t}: ${g}`;
}

export const deliveryName = (d: string) => deliveryNames[d as Delivery] ?? d;
export const bookingRouteName = (b: string) => bookingRouteNames[b as BookingRoute] ?? b;
export const pcfDomainName = (d: string) => pcfDomains[d as PcfDomain] ?? d;

export function hoursText(value: string | number | null): string | null {
  if (value === null) return null;
  const n = Number(value);
  return `${n} ${n === 1 ? "hour" : "hours"}`;
}

export function poundsText(pence: number | null): string | null {
  if (pence === null) return null;
  return pence === 0 ? "Free" : `£${(pence / 100).toFixed(2).replace(/\.00$/, "")}`;
}

/** The course's values as the form shows them. */
export function formValues(c: Course): Record<string, unknown> {
  return {
    code: c.code,
    title: c.title,
    summary: c.summary ?? "",
    tier_group: `${c.tier}:${c.group_key}`,
    strand: c.strand ?? "",
    strand_level: c.strand_level ?? "",
    delivery: c.delivery,
    duration_hours: c.duration_hours === null ? "" : String(Number(c.duration_hours)),
    cpd_hours: c.cpd_hours === null ? "" : String(Number(c.cpd_hours)),
    provider: c.provider ?? "",
    cost: c.cost_pence === null ? "" : (c.cost_pence / 100).toFixed(2),
    audience: c.audience ?? "",
    booking_route: c.booking_route,
    outcomes: c.outcomes.join("\n"),
    pcf_domains: c.pcf_domains,
    status: c.status,
  };
}
