import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { learningPermissions } from "../permissions.js";
import { NeedsService } from "./needs.service.js";
import { analysisRoutes } from "./pages/analysis/handlers.js";
import { mineRoutes } from "./pages/mine/handlers.js";
import { personRoutes } from "./pages/person/handlers.js";
import { planRoutes } from "./pages/plan/handlers.js";
import { statusRoutes } from "./pages/status/handlers.js";
import { teamRoutes } from "./pages/team/handlers.js";
import { uploadRoutes } from "./pages/upload/handlers.js";
import "./schema.js";

/**
 * The learning needs analysis: needs per person (recorded with their manager, fed from
 * appraisals and quality findings, and registered interest), the places planned per course and
 * year, and the analysis against them. Decorates the app with `learningNeeds`.
 */
export const needsArea = fp(
  async (app: FastifyInstance) => {
    const needs = new NeedsService(app.platform.data, app.platform.clock, app.people);
    app.decorate("learningNeeds", needs);
    app.platform.navigation.add({
      href: "/learning/needs/team",
      text: "Learning needs",
      permission: learningPermissions.recordNeeds,
    });
    const opts = { needs };
    await app.register(mineRoutes, opts);
    await app.register(teamRoutes, opts);
    await app.register(uploadRoutes, opts);
    await app.register(planRoutes, opts);
    await app.register(analysisRoutes, opts);
    await app.register(personRoutes, opts);
    await app.register(statusRoutes, opts);
  },
  { name: "wa-learning-needs" },
);

declare module "fastify" {
  interface FastifyInstance {
    learningNeeds: NeedsService;
  }
}
