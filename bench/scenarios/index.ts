import type { Scenario } from "../scenario.js";
import { caseloadsPage } from "./caseloads-page.js";
import { catalogue } from "./catalogue.js";
import { complianceMatrix } from "./compliance-matrix.js";
import { complianceService } from "./compliance-service.js";
import { cpdReadiness } from "./cpd-readiness.js";
import { health } from "./health.js";
import { needsAnalysis } from "./needs-analysis.js";
import { orgTree } from "./org-tree.js";
import { peopleList } from "./people-list.js";
import {
  homeAsye,
  homeDirector,
  homeHr,
  homeLearning,
  homeManager,
  homePractitioner,
  performanceMeasure,
  performanceScorecard,
} from "./performance.js";
import { profile } from "./profile.js";
import { reference } from "./reference.js";
import { supervisionDashboard } from "./supervision-dashboard.js";
import { teamPage } from "./team-page.js";
import { workforceCensusNational, workforceMeasuresNational } from "./workforce-national.js";

/** Every scenario, by name. `reference` always runs first; the rest run in the order asked for. */
export const scenarios: readonly Scenario[] = [
  reference,
  health,
  peopleList,
  profile,
  teamPage,
  orgTree,
  catalogue,
  complianceService,
  complianceMatrix,
  cpdReadiness,
  needsAnalysis,
  supervisionDashboard,
  caseloadsPage,
  workforceMeasuresNational,
  workforceCensusNational,
  performanceScorecard,
  performanceMeasure,
  homePractitioner,
  homeManager,
  homeLearning,
  homeAsye,
  homeHr,
  homeDirector,
];
