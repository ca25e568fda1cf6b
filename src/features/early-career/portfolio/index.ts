import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { FileStore } from "../../../platform/files/file-store.js";
import { evidenceRoutes } from "./pages/evidence/handlers.js";
import { evidenceFormRoutes } from "./pages/evidence-form/handlers.js";
import { panelRoutes } from "./pages/panel/handlers.js";
import { portfolioRoutes } from "./pages/portfolio/handlers.js";
import { signOffRoutes } from "./pages/sign-off/handlers.js";
import { submitRoutes } from "./pages/submit/handlers.js";
import { anonymiseEvidence } from "./portfolio.repository.js";
import { EarlyCareerPortfolioService } from "./portfolio.service.js";

/**
 * The early career portfolio: evidence tagged to the standards, coverage, the NQSW's submission,
 * the assessor's sign-off and the internal panel with the regional moderation sample. Decorates
 * the app with `earlyCareerPortfolio` for the other areas (coverage for lists).
 */
export const portfolioArea = fp(
  async (app: FastifyInstance) => {
    const files = new FileStore({ maxBytes: app.platform.config.uploadMaxBytes });
    const portfolio = new EarlyCareerPortfolioService(app.platform.data, app.platform.clock, files);
    app.decorate("earlyCareerPortfolio", portfolio);
    app.people.addAnonymiser(anonymiseEvidence);
    const opts = { portfolio };
    await app.register(portfolioRoutes, opts);
    // The fixed path "new" before the item's parameter.
    await app.register(evidenceFormRoutes, opts);
    await app.register(evidenceRoutes, opts);
    await app.register(submitRoutes, opts);
    await app.register(signOffRoutes, opts);
    await app.register(panelRoutes, opts);
  },
  { name: "wa-early-career-portfolio", dependencies: ["wa-people", "wa-learning"] },
);

declare module "fastify" {
  interface FastifyInstance {
    earlyCareerPortfolio: EarlyCareerPortfolioService;
  }
}
