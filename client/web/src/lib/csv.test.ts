import { describe, expect, it } from "vitest";
import { parseCsv, parseCsvRows } from "./csv";

describe("parseCsv", () => {
  it("Should read quoted fields with commas, doubled quotes and line breaks, CRLF rows and a BOM", () => {
    const text = '\uFEFFcaseId,note\r\n1,"a, b"\r\n2,"say ""hi""\nthen go"\r\n\r\n3,plain\n';
    expect(parseCsv(text)).toEqual({
      header: ["caseId", "note"],
      rows: [
        { line: 2, cells: { caseId: "1", note: "a, b" } },
        { line: 3, cells: { caseId: "2", note: 'say "hi"\nthen go' } },
        { line: 6, cells: { caseId: "3", note: "plain" } },
      ],
    });
  });

  it("Should fill missing cells with empty strings and keep a last row without a newline", () => {
    expect(parseCsv("a,b,c\n1\n4,5,6").rows.map((r) => r.cells)).toEqual([
      { a: "1", b: "", c: "" },
      { a: "4", b: "5", c: "6" },
    ]);
  });

  it("Should not accept an unclosed quote", () => {
    expect(() => parseCsvRows('a\n"open')).toThrow(/line 2: a quoted field is not closed/);
  });
});
