import type { FastifyInstance } from "fastify";
import { can, canCouncilWide } from "../../../platform/http/request-helpers.js";
import { workforcePermissions } from "../permissions.js";

const viewLinks = [
  {
    href: "/workforce/profile",
    text: "Workforce profile",
    hint: "Headcount, FTE, contracts, vacancies and agency cover",
  },
  {
    href: "/workforce/measures",
    text: "DfE measures",
    hint: "Turnover, vacancy, agency and caseload rates by census year",
  },
  {
    href: "/workforce/starters-and-leavers",
    text: "Starters and leavers",
    hint: "By month and year, reasons, destinations and exit themes",
  },
  {
    href: "/workforce/benchmarking",
    text: "Benchmarking",
    hint: "The authority beside England, its region and chosen authorities",
  },
  {
    href: "/workforce/forecast",
    text: "Forecast",
    hint: "Permanent FTE and agency need over the next 12 to 24 months",
  },
] as const;

/** `/workforce`: the workforce pages the viewer may open, in one list. */
export async function hubRoutes(app: FastifyInstance) {
  app.get("/workforce", { config: { permission: workforcePermissions.view } }, async (request, reply) => {
    const links = [
      ...viewLinks,
      can(app, request, workforcePermissions.stay)
        ? { href: "/workforce/stay-conversations", text: "Stay conversations", hint: "Talk before you walk" }
        : null,
      can(app, request, workforcePermissions.recruit)
        ? {
            href: "/workforce/recruitment",
            text: "Recruitment",
            hint: "Campaigns, applicants and the pipeline",
          }
        : null,
      canCouncilWide(app, request, workforcePermissions.manage)
        ? {
            href: "/workforce/census",
            text: "Census return",
            hint: "The DfE's workforce census as at 30 September",
          }
        : null,
      canCouncilWide(app, request, workforcePermissions.manage)
        ? {
            href: "/workforce/feeds",
            text: "Workforce feeds",
            hint: "Agency placements, sickness absence and stability",
          }
        : null,
      canCouncilWide(app, request, workforcePermissions.manage)
        ? {
            href: "/workforce/settings",
            text: "Workforce settings",
            hint: "The authority's DfE codes and comparators",
          }
        : null,
    ].filter((l) => l !== null);
    return reply.render("workforce/hub/view.njk", { pageTitle: "Workforce", links });
  });
}
