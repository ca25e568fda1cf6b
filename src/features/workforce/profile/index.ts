import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { profilePageRoutes } from "./pages/handlers.js";
import { WorkforceProfileService } from "./profile.service.js";

/** The workforce profile: headcount, FTE, contracts, vacancies and cover, length of service, equality (HR). */
export const profileArea = fp(
  async (app: FastifyInstance) => {
    app.decorate("workforceProfile", new WorkforceProfileService(app.platform.data, app.platform.clock));
    await app.register(profilePageRoutes);
  },
  { name: "wa-workforce-profile", dependencies: ["wa-people"] },
);

declare module "fastify" {
  interface FastifyInstance {
    workforceProfile: WorkforceProfileService;
  }
}
