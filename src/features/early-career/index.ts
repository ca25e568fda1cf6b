import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { dashboardArea } from "./dashboard/index.js";
import { enrolmentsArea } from "./enrolments/index.js";
import { earlyCareerPermissions } from "./permissions.js";
import { portfolioArea } from "./portfolio/index.js";
import { programmesArea } from "./programmes/index.js";
import { reviewsArea } from "./reviews/index.js";

/**
 * The ASYE and the early career programme, end to end: templates, cohorts and enrolment,
 * milestones and reviews, the portfolio, outcomes and the HR action, protection, the
 * co-ordinator's dashboard and the end-of-programme survey. Each area registers its own routes.
 */
export const earlyCareerFeature = fp(
  async (app: FastifyInstance) => {
    app.platform.navigation.add({
      href: "/early-career",
      text: "Early career",
      permission: earlyCareerPermissions.view,
    });
    await app.register(programmesArea);
    await app.register(enrolmentsArea);
    await app.register(reviewsArea);
    await app.register(portfolioArea);
    await app.register(dashboardArea);
  },
  { name: "wa-early-career", dependencies: ["wa-people", "wa-learning", "wa-cpd"] },
);
