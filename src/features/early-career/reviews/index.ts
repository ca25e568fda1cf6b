import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { extensionRoutes } from "./pages/extensions/handlers.js";
import { milestoneRoutes } from "./pages/milestone/handlers.js";
import { outcomeRoutes } from "./pages/outcome/handlers.js";
import { progressionRoutes } from "./pages/progression/handlers.js";
import { anonymiseReviews } from "./reviews.repository.js";
import { EarlyCareerReviewsService } from "./reviews.service.js";

export const OVERDUE_JOB = "early-career.overdue-milestones";
export const PROGRESSION_FEED_JOB = "early-career.progression-feed";

/**
 * Milestone reviews and agreements, outcomes, extensions and the HR progression action, with two
 * daily jobs: flag newly overdue milestones to the assessor and co-ordinator, and confirm the
 * progression actions the HR feed already shows. Not encapsulated: `app.earlyCareerReviews` is
 * there for the other areas.
 */
export const reviewsArea = fp(
  async (app: FastifyInstance) => {
    const { platform } = app;
    const reviews = new EarlyCareerReviewsService(platform.data, platform.clock, platform.outbox, app.people);
    app.decorate("earlyCareerReviews", reviews);
    app.people.addAnonymiser(anonymiseReviews);

    /** Runs work in every council in turn, as the job. */
    const everyCouncil = async (
      job: string,
      work: (ctx: { tenantId: string; actor: { id: string } }) => Promise<number>,
    ) => {
      const tenants = await platform.data.system.selectFrom("tenants").select("id").execute();
      let total = 0;
      for (const t of tenants) total += await work({ tenantId: t.id, actor: { id: `job:${job}` } });
      return total;
    };

    platform.jobs.define({
      name: OVERDUE_JOB,
      maxAttempts: 3,
      run: async (ctx) => {
        const flagged = await everyCouncil(OVERDUE_JOB, (c) => reviews.flagOverdue(c));
        if (flagged > 0) ctx.log.info({ flagged }, "Overdue early career milestones flagged");
      },
    });
    platform.jobs.schedule(OVERDUE_JOB, "10 7 * * *");

    platform.jobs.define({
      name: PROGRESSION_FEED_JOB,
      maxAttempts: 3,
      run: async (ctx) => {
        const confirmed = await everyCouncil(PROGRESSION_FEED_JOB, (c) => reviews.confirmFromFeed(c));
        if (confirmed > 0) ctx.log.info({ confirmed }, "Career progression confirmed from the HR feed");
      },
    });
    platform.jobs.schedule(PROGRESSION_FEED_JOB, "20 7 * * *");

    const opts = { reviews };
    await app.register(milestoneRoutes, opts);
    await app.register(outcomeRoutes, opts);
    await app.register(extensionRoutes, opts);
    await app.register(progressionRoutes, opts);
  },
  { name: "wa-early-career-reviews", dependencies: ["wa-people", "wa-learning"] },
);

declare module "fastify" {
  interface FastifyInstance {
    earlyCareerReviews: EarlyCareerReviewsService;
  }
}
