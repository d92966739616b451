// RFC 4180 CSV parser, tolerant as real files need: a UTF-8 BOM is skipped, CRLF, LF or CR end a
// record, quoted fields may hold commas, doubled quotes and line breaks. Pure.

export type CsvRecord = { fields: string[]; /** 1-based line of the file where the record starts. */ line: number };

export class CsvSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

/** `delimiter`: "," (the default), ";" (Excel in some locales) or a tab (Excel's "Unicode text"). */
export function parseCsv(input: string, delimiter = ","): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let fieldStarted = false; // whether the current record has any content yet
  const endField = () => {
    fields.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    // A blank line (one empty field) is not a record.
    if (!(fields.length === 1 && fields[0] === "" && !fieldStarted)) records.push({ fields, line: recordLine });
    fields = [];
    fieldStarted = false;
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== delimiter && next !== "\r" && next !== "\n") {
          throw new CsvSyntaxError(`Line ${line}: text after a closing quote; quotes inside a field must be doubled ("")`, line);
        }
        continue;
      }
      if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (ch === delimiter) {
      fieldStarted = true;
      endField();
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    fieldStarted = true;
    field += ch;
    i++;
  }
  if (quoted) throw new CsvSyntaxError(`Line ${recordLine}: a quoted field is never closed`, recordLine);
  if (fieldStarted || field !== "" || fields.length) endRecord();
  return records;
}
