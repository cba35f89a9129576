// A small RFC 4180 CSV reader for the clinic's schedule import: commas, quoted fields with doubled
// quotes and line breaks, CRLF or LF; blank lines are skipped. The first row names the columns.

export type CsvTable = { header: string[]; rows: { line: number; cells: Record<string, string> }[] };

export function parseCsvRows(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== "") rows.push({ line: rowLine, cells });
    cells = [];
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === "") {
      cell = "";
      quoted = true;
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted) throw new Error(`line ${rowLine}: a quoted field is not closed`);
  if (cell !== "" || cells.length > 0) endRow();
  return rows;
}

export function parseCsv(text: string): CsvTable {
  const all = parseCsvRows(text.replace(/^\uFEFF/, ""));
  if (all.length === 0) return { header: [], rows: [] };
  const header = all[0]!.cells.map((h) => h.trim());
  return {
    header,
    rows: all.slice(1).map(({ line, cells }) => ({ line, cells: Object.fromEntries(header.map((h, i) => [h, (cells[i] ?? "").trim()])) })),
  };
}
