import { z } from "zod";
import { feedFields, mappingProblems } from "../../mapping.js";
import { optionalText, text, yesNo } from "../forms.js";

const mappingFields = Object.fromEntries(
  feedFields.map((f) => [
    `map_${f.key}`,
    optionalText(100, `${f.label} column must be 100 characters or fewer`),
  ]),
);

/** `/people/feeds/sources/:id`: a source's settings and its column mapping. */
export const sourceForm = z
  .object({
    name: text((s) =>
      s.min(1, "Enter a name for the source").max(100, "Name must be 100 characters or fewer"),
    ),
    full_extract: yesNo("Select whether each file lists everyone the HR system holds"),
    create_new_people: yesNo("Select what happens to a row that matches no one"),
    hr_contact_email: text((s) =>
      s
        .max(254, "Email address must be 254 characters or fewer")
        .refine(
          (v) => v === "" || z.email().safeParse(v).success,
          "Enter an email address in the correct format, like name@example.com",
        )
        .transform((v) => (v === "" ? null : v)),
    ),
    folder_name: text((s) =>
      s
        .toLowerCase()
        .refine(
          (v) => v === "" || /^[a-z0-9][a-z0-9_-]{0,62}$/.test(v),
          "Folder name must start with a letter or number and use only letters, numbers, hyphens and underscores",
        )
        .transform((v) => (v === "" ? null : v)),
    ),
    ...mappingFields,
  })
  .superRefine((value, ctx) => {
    const mapping: Record<string, string> = {};
    for (const f of feedFields) {
      const header = (value as Record<string, unknown>)[`map_${f.key}`];
      if (typeof header === "string" && header) mapping[f.key] = header;
    }
    for (const [key, message] of Object.entries(mappingProblems(mapping))) {
      ctx.addIssue({ code: "custom", message, path: [`map_${key}`] });
    }
  })
  .transform((value) => {
    const v = value as Record<string, unknown>;
    return {
      name: value.name,
      full_extract: value.full_extract,
      create_new_people: value.create_new_people,
      hr_contact_email: value.hr_contact_email,
      folder_name: value.folder_name,
      mapping: Object.fromEntries(
        feedFields.flatMap((f) =>
          typeof v[`map_${f.key}`] === "string" ? [[f.key, v[`map_${f.key}`] as string]] : [],
        ),
      ),
    };
  });

export type SourceFormData = z.output<typeof sourceForm>;
