import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { anonymiseEnrolments } from "./enrolments.repository.js";
import { EarlyCareerEnrolmentsService } from "./enrolments.service.js";
import { cohortRoutes } from "./pages/cohort/handlers.js";
import { cohortNewRoutes } from "./pages/cohort-new/handlers.js";
import { cohortsRoutes } from "./pages/cohorts/handlers.js";
import { enrolRoutes } from "./pages/enrol/handlers.js";
import { enrolmentRoutes } from "./pages/enrolment/handlers.js";
import { enrolmentEditRoutes } from "./pages/enrolment-edit/handlers.js";
import { homeRoutes } from "./pages/home/handlers.js";
import { pausesRoutes } from "./pages/pauses/handlers.js";

/**
 * The early career enrolments area: cohorts, enrolment (milestones from the template version,
 * core training booked through the learning offer), pauses, and the `/early-career` home page.
 * Not encapsulated, so `app.earlyCareerEnrolments` is there for the other areas.
 */
export const enrolmentsArea = fp(
  async (app: FastifyInstance) => {
    const enrolments = new EarlyCareerEnrolmentsService(app.platform.data, app.platform.clock, {
      sessions: app.sessions,
      bookings: app.bookings,
    });
    app.decorate("earlyCareerEnrolments", enrolments);
    app.people.addAnonymiser(anonymiseEnrolments);
    const opts = { enrolments };
    await app.register(homeRoutes, opts);
    await app.register(cohortsRoutes, opts);
    await app.register(cohortNewRoutes, opts);
    await app.register(cohortRoutes, opts);
    await app.register(enrolRoutes, opts);
    await app.register(enrolmentRoutes, opts);
    await app.register(enrolmentEditRoutes, opts);
    await app.register(pausesRoutes, opts);
  },
  { name: "wa-early-career-enrolments", dependencies: ["wa-people", "wa-learning"] },
);

declare module "fastify" {
  interface FastifyInstance {
    earlyCareerEnrolments: EarlyCareerEnrolmentsService;
  }
}
