import { z } from "zod";
import { bookingRoutes, deliveries, pcfDomains, tierGroups, type tiers } from "../../reference.js";

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .transform((v) => v || null);

const hours = (label: string) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === "") return null;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0 || n > 2000 || Math.round(n * 100) !== n * 100) {
        ctx.addIssue({ code: "custom", message: `${label} must be a number of hours, like 6 or 3.5` });
        return z.NEVER;
      }
      return n;
    });

const tierGroup = Object.entries(tierGroups).flatMap(([tier, groups]) =>
  Object.keys(groups).map((g) => `${tier}:${g}`),
);

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

export const courseForm = z.object({
  title: z.string().trim().min(1, "Enter the course title").max(200, "Title must be 200 characters or fewer"),
  code: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(
      z
        .string()
        .min(1, "Enter a course code")
        .regex(
          /^[A-Z0-9][A-Z0-9-]{0,39}$/,
          "Course code must be letters, numbers and hyphens, like CORE-ASS-01",
        ),
    ),
  summary: optionalText(2000, "Summary"),
  tier_group: z.string().refine((v) => tierGroup.includes(v), "Select the tier and group"),
  strand: optionalText(100, "Practice model strand"),
  strand_level: optionalText(100, "Level"),
  delivery: z.enum(deliveries, { error: "Select how it is delivered" }),
  duration_hours: hours("Length"),
  cpd_hours: hours("CPD hours"),
  provider: optionalText(200, "Provider"),
  cost: z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === "") return null;
      const cleaned = v.replace(/^£/, "").replace(/,/g, "");
      if (!/^\d{1,7}(\.\d{1,2})?$/.test(cleaned)) {
        ctx.addIssue({ code: "custom", message: "Cost must be an amount in pounds, like 150 or 49.50" });
        return z.NEVER;
      }
      return Math.round(Number(cleaned) * 100);
    }),
  audience: optionalText(500, "Who it is for"),
  booking_route: z.enum(bookingRoutes, { error: "Select how a place is booked" }),
  outcomes: z
    .string()
    .max(4000, "Learning outcomes must be 4,000 characters or fewer")
    .transform((v) =>
      v
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  pcf_domains: list.pipe(
    z.array(z.string().refine((d) => d in pcfDomains, "Select PCF domains from the list")),
  ),
  status: z.enum(["active", "withdrawn"], { error: "Select whether the course is offered" }),
});
export type CourseForm = z.output<typeof courseForm>;

export function tierOf(tierGroupValue: string): { tier: (typeof tiers)[number]; group: string } {
  const [tier = "", group = ""] = tierGroupValue.split(":");
  return { tier: tier as (typeof tiers)[number], group };
}
