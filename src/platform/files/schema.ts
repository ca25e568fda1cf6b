import type { ColumnType, Generated } from "kysely";

export interface StoredFilesTable {
  id: Generated<string>;
  tenant_id: ColumnType<string, string | undefined, never>;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string;
  uploaded_at: Generated<Date>;
}

declare module "../db/schema.js" {
  interface Database {
    stored_files: StoredFilesTable;
  }
}
