import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { dateInLondon } from "../../../platform/dates.js";
import { listRoutes } from "./pages/list/handlers.js";
import { programmeRoutes } from "./pages/programme/handlers.js";
import { programmeFormRoutes } from "./pages/programme-form/handlers.js";
import { surveyRoutes } from "./pages/survey/handlers.js";
import { surveyReportRoutes } from "./pages/survey-report/handlers.js";
import { ProgrammesService } from "./programmes.service.js";
import { SURVEY_JOB, SurveyService, sendAllSurveyInvitations } from "./survey.js";

/**
 * The early career programmes area: versioned programme templates (`app.earlyCareerProgrammes`),
 * their pages, and the anonymous end-of-programme survey with its daily invitations job.
 */
export const programmesArea = fp(
  async (app: FastifyInstance) => {
    const { platform } = app;
    const programmes = new ProgrammesService(platform.data, app.catalogue);
    const survey = new SurveyService(platform.data);
    app.decorate("earlyCareerProgrammes", programmes);
    app.decorate("earlyCareerSurvey", survey);

    platform.jobs.define({
      name: SURVEY_JOB,
      maxAttempts: 3,
      run: async (ctx) => {
        const sent = await sendAllSurveyInvitations(
          platform.data,
          platform.outbox,
          dateInLondon(platform.clock.now()),
        );
        if (sent > 0) ctx.log.info({ sent }, "Early career survey invitations sent");
      },
    });
    platform.jobs.schedule(SURVEY_JOB, "20 7 * * *");

    const opts = { programmes, survey };
    await app.register(listRoutes, opts);
    await app.register(programmeFormRoutes, opts);
    await app.register(programmeRoutes, opts);
    await app.register(surveyRoutes, opts);
    await app.register(surveyReportRoutes, opts);
  },
  { name: "wa-early-career-programmes", dependencies: ["wa-people", "wa-learning"] },
);

declare module "fastify" {
  interface FastifyInstance {
    earlyCareerProgrammes: ProgrammesService;
    earlyCareerSurvey: SurveyService;
  }
}
