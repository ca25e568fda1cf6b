import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { anonymiseAnswers } from "./evaluation.repository.js";
import { EVALUATION_JOBS, EvaluationService } from "./evaluation.service.js";
import { commentsRoutes } from "./pages/comments/handlers.js";
import { evaluationFormRoutes } from "./pages/evaluation-form/handlers.js";
import { followUpFormRoutes } from "./pages/follow-up-form/handlers.js";
import { listRoutes } from "./pages/list/handlers.js";
import { reportRoutes } from "./pages/reports/handlers.js";

/**
 * Evaluation of learning after attendance, the 3-month follow-up, and the reports. A database
 * trigger on learning records makes a request when attendance is completed; jobs email the
 * invitations (every 15 minutes) and the follow-ups as they fall due (daily) through the outbox.
 * Not encapsulated, so `app.evaluations` is there for every area.
 */
export const evaluationArea = fp(
  async (app: FastifyInstance) => {
    const { platform } = app;
    const evaluations = new EvaluationService(platform.data, platform.clock, platform.outbox);
    app.decorate("evaluations", evaluations);
    app.people.addAnonymiser(anonymiseAnswers);

    platform.jobs.define({
      name: EVALUATION_JOBS.invitations,
      maxAttempts: 3,
      run: async (ctx) => {
        const tally = await evaluations.sendAllEmails("invitations");
        if (tally.sent + tally.notSent > 0) ctx.log.info(tally, "evaluation invitations");
      },
    });
    platform.jobs.schedule(EVALUATION_JOBS.invitations, "*/15 * * * *");

    platform.jobs.define({
      name: EVALUATION_JOBS.followUps,
      maxAttempts: 3,
      run: async (ctx) => {
        const tally = await evaluations.sendAllEmails("followUps");
        if (tally.sent + tally.notSent > 0) ctx.log.info(tally, "evaluation follow-ups");
      },
    });
    platform.jobs.schedule(EVALUATION_JOBS.followUps, "0 7 * * *");

    const opts = { evaluations };
    await app.register(listRoutes, opts);
    await app.register(reportRoutes, opts);
    await app.register(commentsRoutes, opts);
    await app.register(evaluationFormRoutes, opts);
    await app.register(followUpFormRoutes, opts);
  },
  { name: "wa-learning-evaluation" },
);

declare module "fastify" {
  interface FastifyInstance {
    evaluations: EvaluationService;
  }
}
