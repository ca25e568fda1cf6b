export { pageNumber } from "../../../../platform/http/pagination.js";

import type { FastifyInstance, FastifyRequest } from "fastify";
import { formatDate } from "../../../../platform/views/render.js";
import { learningPermissions } from "../../permissions.js";
import type { ComplianceService } from "../compliance.service.js";
import { statusColours, statusNames } from "../compliance.service.js";
import type { ComplianceStatus } from "../status.js";

export { queryString } from "../../../../platform/http/query-string.js";
export { isUuid } from "../../../../platform/http/request-helpers.js";
export { readAsAt } from "../../../people/pages/shared.js";

export interface PageOptions {
  compliance: ComplianceService;
}

/** A status as a GOV.UK tag. */
export function statusTag(status: string): { text: string; classes: string } {
  const s = status as ComplianceStatus;
  return { text: statusNames[s] ?? status, classes: `govuk-tag--${statusColours[s] ?? "grey"}` };
}

export const dateText = (value: unknown): string => formatDate(value, false);

export const figuresUpdating =
  "The figures are being updated. They show the position when they were last worked out; check again in a few minutes.";

/** The units the viewer may choose for the compliance pages (their scope for viewing records). */
export function viewerScope(request: FastifyRequest) {
  return request.scope(learningPermissions.viewRecords);
}

export type App = FastifyInstance;
