import multipart, { type MultipartFile } from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { z } from "zod";

/** A file submitted in a form, read into memory within the size limit. */
export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
  /** True when the file was larger than the limit (data is then incomplete). */
  truncated: boolean;
}

/**
 * multipart/form-data forms: fields and the file arrive in `request.body` before the CSRF check
 * and the form schema run, so upload forms validate like any other form (see `uploadedFile`).
 */
export const uploads = fp(
  async (app: FastifyInstance, opts: { maxBytes: number }) => {
    await app.register(multipart, {
      attachFieldsToBody: "keyValues",
      throwFileSizeLimit: false,
      limits: { fileSize: opts.maxBytes, files: 1, fields: 50 },
      async onFile(part: MultipartFile & { value?: unknown }) {
        const data = await part.toBuffer();
        const value: UploadedFile = {
          filename: part.filename,
          mimetype: part.mimetype,
          data,
          truncated: part.file.truncated,
        };
        part.value = value;
      },
    });
  },
  { name: "wa-uploads" },
);

function isUploadedFile(v: unknown): v is UploadedFile {
  return (
    typeof v === "object" &&
    v !== null &&
    "filename" in v &&
    "data" in v &&
    Buffer.isBuffer((v as UploadedFile).data)
  );
}

/** A form field for one file, with the GOV.UK file upload error messages. */
export function uploadedFile(options: { extensions: string[]; typeName: string; maxBytes: number }) {
  const limit =
    options.maxBytes >= 1024 * 1024
      ? `${Math.floor(options.maxBytes / (1024 * 1024))}MB`
      : `${Math.max(1, Math.floor(options.maxBytes / 1024))}KB`;
  return z
    .unknown()
    .superRefine((value, ctx) => {
      if (!isUploadedFile(value) || value.filename === "" || (value.data.length === 0 && !value.truncated)) {
        ctx.addIssue({ code: "custom", message: `Select a ${options.typeName} file` });
        return;
      }
      const ext = value.filename.toLowerCase().split(".").pop() ?? "";
      if (!options.extensions.includes(ext)) {
        ctx.addIssue({ code: "custom", message: `The selected file must be a ${options.typeName}` });
        return;
      }
      if (value.truncated || value.data.length > options.maxBytes) {
        ctx.addIssue({ code: "custom", message: `The selected file must be smaller than ${limit}` });
      }
    })
    .transform((value) => value as UploadedFile);
}
