import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { CatalogueService } from "./catalogue.service.js";
import { learningPages } from "./pages/index.js";
import { learningPermissions } from "./permissions.js";

/** The learning and development offer: the catalogue of courses (sessions, bookings and compliance follow). */
export const learningFeature = fp(
  async (app: FastifyInstance) => {
    const catalogue = new CatalogueService(app.platform.data, app.platform.clock);
    app.decorate("catalogue", catalogue);
    app.platform.navigation.add({
      href: "/learning/courses",
      text: "Courses",
      permission: learningPermissions.view,
    });
    await app.register(learningPages, { catalogue });
  },
  { name: "wa-learning", dependencies: ["wa-people"] },
);

declare module "fastify" {
  interface FastifyInstance {
    catalogue: CatalogueService;
  }
}
