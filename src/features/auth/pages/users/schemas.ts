import { z } from "zod";

const unit = z
  .string()
  .trim()
  .transform((v) => (v === "" || v === "council" ? null : v))
  .pipe(z.string().uuid("Select where the role applies").nullable());

const role = z.string().trim().min(1, "Select a role");

export const newUserForm = z.object({
  display_name: z.string().trim().min(1, "Enter their name").max(200, "Name must be 200 characters or fewer"),
  email: z
    .string()
    .trim()
    .min(1, "Enter their work email address")
    .max(320, "Email address must be 320 characters or fewer")
    .email("Enter an email address in the correct format, like name@example.com"),
  person_reference: z
    .string()
    .trim()
    .max(320, "Reference must be 320 characters or fewer")
    .transform((v) => v || null),
  role,
  unit_id: unit,
  send_link: z
    .union([z.literal("yes"), z.array(z.string())])
    .optional()
    .transform((v) => v !== undefined),
});
export type NewUserForm = z.output<typeof newUserForm>;

export const addRoleForm = z.object({ role, unit_id: unit });
export const removeRoleForm = z.object({ role_id: z.string().uuid("Select a role to remove") });
export const statusForm = z.object({
  status: z.enum(["active", "disabled"], { error: "Select whether the account can be used" }),
});
export const passwordLinkForm = z.object({});
