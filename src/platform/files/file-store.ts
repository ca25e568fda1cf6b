import { createHash } from "node:crypto";
import { RuleError } from "../forms/rule-error.js";
import type { TenantDb } from "../tenancy/data-access.js";
import "./schema.js";

/** The largest file the stored_files table takes (its check constraint): 20MB. */
export const STORED_FILE_MAX_BYTES = 20 * 1024 * 1024;

/** The kinds of file that may be stored, by extension, with the content type they are stored as. */
export const storedFileTypes = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  txt: "text/plain; charset=utf-8",
} as const;
export type StoredFileExtension = keyof typeof storedFileTypes;
export const storedFileExtensions = Object.keys(storedFileTypes) as StoredFileExtension[];

/** How the allowed types read in messages and hints. */
export const storedFileTypeName = "PDF, Word document (.docx), PNG or JPEG image, or plain text file";

export interface NewStoredFile {
  filename: string;
  /** What the browser said; the stored type is decided from the name and the content. */
  contentType: string;
  data: Buffer;
  uploadedBy: string;
}

export interface StoredFile {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
  uploadedBy: string;
  uploadedAt: Date;
}

const startsWith = (data: Buffer, bytes: number[]) => bytes.every((b, i) => data[i] === b);

/** Whether the content is what its extension says (magic numbers; text must be UTF-8 without NULs). */
function contentMatches(ext: StoredFileExtension, data: Buffer): boolean {
  switch (ext) {
    case "pdf":
      return data.subarray(0, 5).toString("latin1") === "%PDF-";
    case "docx":
      // A .docx is a zip (Office Open XML); the zip's local header starts PK\x03\x04.
      return startsWith(data, [0x50, 0x4b, 0x03, 0x04]);
    case "png":
      return startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case "jpg":
    case "jpeg":
      return startsWith(data, [0xff, 0xd8, 0xff]);
    case "txt":
      if (data.includes(0)) return false;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(data);
        return true;
      } catch {
        return false;
      }
  }
}

/** A file name safe to keep and to send back: no path, no control characters, at most 255 long. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  if (cleaned.length <= 255) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 ? cleaned.slice(dot) : "";
  return cleaned.slice(0, 255 - ext.length) + ext;
}

/**
 * Files kept in the database (stored_files): evidence attached to records. Saving checks the size
 * (the app's upload limit, and never more than the table takes), that the type is one allowed and
 * that the content really is that type, and records a SHA-256 of the content. Refusals are
 * RuleErrors against the form's `file` field. Runs inside the caller's tenant transaction, so the
 * file and the record that links it commit together.
 */
export class FileStore {
  readonly maxBytes: number;

  constructor(options: { maxBytes: number }) {
    this.maxBytes = Math.min(options.maxBytes, STORED_FILE_MAX_BYTES);
  }

  /** "20MB", "512KB": the limit as the GOV.UK file upload messages give it. */
  get limitText(): string {
    return this.maxBytes >= 1024 * 1024
      ? `${Math.floor(this.maxBytes / (1024 * 1024))}MB`
      : `${Math.max(1, Math.floor(this.maxBytes / 1024))}KB`;
  }

  /** The stored type for a file, or a RuleError saying why it may not be stored. */
  check(file: { filename: string; data: Buffer }, field = "file"): { filename: string; contentType: string } {
    const filename = cleanFilename(file.filename);
    if (filename === "" || file.data.length === 0) throw new RuleError(field, "The selected file is empty");
    if (file.data.length > this.maxBytes) {
      throw new RuleError(field, `The selected file must be smaller than ${this.limitText}`);
    }
    const ext = (filename.includes(".") ? filename.split(".").pop() : "")?.toLowerCase() ?? "";
    if (!(ext in storedFileTypes) || !contentMatches(ext as StoredFileExtension, file.data)) {
      throw new RuleError(field, `The selected file must be a ${storedFileTypeName}`);
    }
    return { filename, contentType: storedFileTypes[ext as StoredFileExtension] };
  }

  /** Stores a file; returns its id. */
  async save(db: TenantDb, file: NewStoredFile, field = "file"): Promise<string> {
    const { filename, contentType } = this.check(file, field);
    const row = await db
      .insertInto("stored_files")
      .values({
        filename,
        content_type: contentType,
        size_bytes: file.data.length,
        sha256: createHash("sha256").update(file.data).digest("hex"),
        content: file.data,
        uploaded_by: file.uploadedBy,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A stored file with its content, or null (none in this council). */
  async get(db: TenantDb, id: string): Promise<StoredFile | null> {
    const row = await db
      .selectFrom("stored_files")
      .select([
        "id",
        "filename",
        "content_type",
        "size_bytes",
        "sha256",
        "content",
        "uploaded_by",
        "uploaded_at",
      ])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      filename: row.filename,
      contentType: row.content_type,
      sizeBytes: row.size_bytes,
      sha256: row.sha256,
      content: Buffer.from(row.content),
      uploadedBy: row.uploaded_by,
      uploadedAt: row.uploaded_at,
    };
  }

  /** Removes a stored file (its links go with it: they cascade). */
  async remove(db: TenantDb, id: string): Promise<void> {
    await db.deleteFrom("stored_files").where("id", "=", id).execute();
  }
}
