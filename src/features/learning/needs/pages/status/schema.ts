import { z } from "zod";
import { statuses } from "../../reference.js";
import type { NeedStatus } from "../../schema.js";
import { text } from "../shared.js";

/** A need's new status: met, withdrawn, or open again. */
export const statusForm = z.object({
  status: text
    .refine((v) => (statuses as readonly string[]).includes(v), "Select what has happened to the need")
    .transform((v) => v as NeedStatus),
});
export type StatusForm = z.output<typeof statusForm>;
