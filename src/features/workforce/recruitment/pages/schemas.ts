import { z } from "zod";
import { isUuid } from "../../../../platform/http/request-helpers.js";
import { dateInput, optionalDateInput, withDateInputs } from "../../../people/pages/date-input.js";
import { checkboxField, everyTime, optionalText, textField } from "../../../people/pages/shared.js";
import { campaignStatuses, recruitmentStages } from "../../schema.js";
import { channels, reasons } from "../codes.js";

const optionalId = textField((s) =>
  s.refine((v) => v === "" || isUuid(v), "Select from the list").transform((v) => (v === "" ? null : v)),
);

const channelList = checkboxField((a) =>
  a
    .min(1, "Select at least one channel the advert uses")
    .refine((list) => list.every((c) => (channels as string[]).includes(c)), "Select channels from the list"),
);

const closesAfterOpens = (
  f: { advert_opens_on?: string | null; advert_closes_on?: string | null },
  ctx: z.RefinementCtx,
) => {
  if (f.advert_opens_on && f.advert_closes_on && f.advert_closes_on < f.advert_opens_on)
    ctx.addIssue({
      code: "custom",
      path: ["advert_closes_on", "day"],
      message: "Closing date must be the same as or after the opening date",
    });
};

/** `/workforce/recruitment/campaigns/new`. */
export const campaignForm = withDateInputs(
  z
    .object({
      reference: textField((s) =>
        s
          .min(1, "Enter a reference for the campaign")
          .max(40, "Reference must be 40 characters or fewer")
          .regex(
            /^[A-Za-z0-9][A-Za-z0-9 ._/-]*$/,
            "Reference must use letters, numbers, spaces and . _ / - only",
          ),
      ),
      title: textField((s) =>
        s.min(1, "Enter the job title advertised").max(200, "Job title must be 200 characters or fewer"),
      ),
      org_unit_id: textField((s) => s.refine((v) => isUuid(v), "Select the team or service the post is in")),
      post_id: optionalId,
      job_role_id: optionalId,
      fte: textField((s) =>
        s
          .min(1, "Enter the FTE of the post")
          .refine(
            (v) => /^\d(\.\d{1,2})?$/.test(v) && Number(v) > 0 && Number(v) <= 1.5,
            "FTE must be a number from 0.01 to 1.5, like 1 or 0.6",
          )
          .transform(Number),
      ),
      advert_opens_on: dateInput({ label: "Date the advert opens" }),
      advert_closes_on: optionalDateInput({ label: "Date the advert closes" }),
      channels: channelList,
    })
    .superRefine(closesAfterOpens, everyTime),
);
export type CampaignFormData = z.output<typeof campaignForm>;

/** `/workforce/recruitment/campaigns/:campaignId/edit`. */
export const campaignEditForm = withDateInputs(
  z
    .object({
      advert_opens_on: dateInput({ label: "Date the advert opens" }),
      advert_closes_on: optionalDateInput({ label: "Date the advert closes" }),
      channels: channelList,
      status: textField((s) =>
        s.refine((v) => (campaignStatuses as readonly string[]).includes(v), "Select the campaign's status"),
      ).transform((v) => v as (typeof campaignStatuses)[number]),
    })
    .superRefine(closesAfterOpens, everyTime),
);
export type CampaignEditFormData = z.output<typeof campaignEditForm>;

/** `/workforce/recruitment/campaigns/:campaignId/applicants/new`. */
export const applicantForm = withDateInputs(
  z.object({
    given_name: textField((s) =>
      s.min(1, "Enter their first name").max(100, "First name must be 100 characters or fewer"),
    ),
    family_name: textField((s) =>
      s.min(1, "Enter their last name").max(100, "Last name must be 100 characters or fewer"),
    ),
    email: optionalText(200, "Email address must be 200 characters or fewer").refine(
      (v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
      "Enter an email address in the correct format, like name@example.com",
    ),
    source: textField((s) =>
      s.refine((v) => (channels as string[]).includes(v), "Select where they heard about the job"),
    ),
    reasons: checkboxField((a) =>
      a.refine(
        (list) => list.every((r) => (reasons as string[]).includes(r)),
        "Select reasons from the list",
      ),
    ),
    applied_on: dateInput({ label: "Date they applied" }),
  }),
);
export type ApplicantFormData = z.output<typeof applicantForm>;

/** `POST /workforce/recruitment/applicants/:applicantId/stage`. */
export const stageForm = withDateInputs(
  z.object({
    stage: textField((s) =>
      s.refine(
        (v) => (recruitmentStages as readonly string[]).includes(v),
        "Select the stage to move them to",
      ),
    ).transform((v) => v as (typeof recruitmentStages)[number]),
    on: dateInput({ label: "Date of the move", enter: "Enter the date they reached the stage" }),
    person_id: optionalId,
  }),
);
export type StageFormData = z.output<typeof stageForm>;

/** `POST /workforce/recruitment/applicants/:applicantId/person`. */
export const personLinkForm = z.object({
  person_id: textField((s) => s.refine((v) => isUuid(v), "Select the person they became")),
});
export type PersonLinkFormData = z.output<typeof personLinkForm>;
