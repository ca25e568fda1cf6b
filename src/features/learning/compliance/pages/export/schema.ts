import { z } from "zod";

/** The full export asks for nothing: everyone in the viewer's scope. */
export const exportForm = z.object({});
