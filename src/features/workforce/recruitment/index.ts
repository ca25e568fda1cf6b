import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { applicantNewRoutes } from "./pages/applicant-new/handlers.js";
import { boardRoutes } from "./pages/board/handlers.js";
import { campaignFormRoutes } from "./pages/campaign-form/handlers.js";
import { campaignsRoutes } from "./pages/campaigns/handlers.js";
import { RecruitmentService } from "./recruitment.service.js";

/** Recruitment: campaigns, applicants, stages, time to hire, the pipeline board. */
export const recruitmentArea = fp(
  async (app: FastifyInstance) => {
    const recruitment = new RecruitmentService(app.platform.data, app.platform.clock, app.people);
    app.decorate("recruitment", recruitment);
    const opts = { recruitment };
    await app.register(campaignsRoutes, opts);
    await app.register(campaignFormRoutes, opts);
    await app.register(boardRoutes, opts);
    await app.register(applicantNewRoutes, opts);
  },
  { name: "wa-workforce-recruitment", dependencies: ["wa-people"] },
);

declare module "fastify" {
  interface FastifyInstance {
    recruitment: RecruitmentService;
  }
}
