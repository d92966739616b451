// Column definitions shared by the CSV and XLSX writers.
export type ColumnType = "text" | "number" | "date";

export type Column<Row> = {
  /** The header, exactly as it appears in the file (and as the importer reads it). */
  header: string;
  type: ColumnType;
  value: (row: Row) => string | number | null;
  /** XLSX column width in characters. */
  width?: number;
};

export type CellValue = string | number | null;
