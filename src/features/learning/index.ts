import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { bookingsArea } from "./bookings/index.js";
import { CatalogueService } from "./catalogue.service.js";
import { complianceArea } from "./compliance/index.js";
import { elearningArea } from "./elearning/index.js";
import { evaluationArea } from "./evaluation/index.js";
import { needsArea } from "./needs/index.js";
import { learningPages } from "./pages/index.js";
import { learningPermissions } from "./permissions.js";
import { requirementsArea } from "./requirements/index.js";
import { sessionsArea } from "./sessions/index.js";

/**
 * The learning and development offer: the catalogue, mandatory requirements, sessions, bookings
 * and waiting lists, attendance, learning records, e-learning imports and compliance. Each area
 * lives in its own folder and registers its routes and jobs there.
 */
export const learningFeature = fp(
  async (app: FastifyInstance) => {
    const catalogue = new CatalogueService(app.platform.data, app.platform.clock);
    app.decorate("catalogue", catalogue);
    app.platform.navigation.add({
      href: "/learning/courses",
      text: "Courses",
      permission: learningPermissions.view,
    });
    app.platform.navigation.add({
      href: "/learning/my",
      text: "My learning",
      permission: learningPermissions.view,
    });
    app.platform.navigation.add({
      href: "/learning/compliance",
      text: "Compliance",
      permission: learningPermissions.viewRecords,
    });
    await app.register(learningPages, { catalogue });
    await app.register(requirementsArea);
    await app.register(complianceArea);
    await app.register(sessionsArea);
    await app.register(bookingsArea);
    await app.register(elearningArea);
    await app.register(evaluationArea);
    await app.register(needsArea);
  },
  { name: "wa-learning", dependencies: ["wa-people"] },
);

declare module "fastify" {
  interface FastifyInstance {
    catalogue: CatalogueService;
  }
}
