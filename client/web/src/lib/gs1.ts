// Medicine pack identifiers as scanners and labels give them: a GS1 element string with the GTIN
// (AI 01), serial (21), lot (10) and expiry (17), either human-readable "(01)…(21)…" or raw as a
// 2D barcode reads it (FNC1 as the GS character, optional "]d2" symbology prefix). The GTIN's
// check digit is verified.

export type PackCode = { gtin: string; serial: string; lot?: string; expiry?: string };

const GS = "\u001d";
/** Fixed-length application identifiers (value length); others run to GS or the end. */
const FIXED: Record<string, number> = { "01": 14, "17": 6, "11": 6, "15": 6 };

export function isValidGtin(gtin: string): boolean {
  if (!/^\d{14}$/.test(gtin)) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(gtin[i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(gtin[13]);
}

/** The GTIN padded to 14 digits (GTIN-8/12/13 are left-padded with zeros). */
export function normalizeGtin(value: string): string {
  const digits = value.replace(/\s/g, "");
  return /^\d{8,14}$/.test(digits) ? digits.padStart(14, "0") : digits;
}

export function parsePackCode(input: string): PackCode | null {
  let text = input.trim().replace(/^\]d2|^\]C1|^\]Q3/, "");
  const fields: Record<string, string> = {};
  if (text.startsWith("(")) {
    for (const m of text.matchAll(/\((\d{2,4})\)([^(]*)/g)) fields[m[1]!] = m[2]!.trim();
  } else {
    text = text.replace(/<GS>|\\x1d|\|/gi, GS);
    let i = 0;
    while (i < text.length) {
      if (text[i] === GS) {
        i++;
        continue;
      }
      const ai = text.slice(i, i + 2);
      if (!/^\d{2}$/.test(ai)) return null;
      i += 2;
      const fixed = FIXED[ai];
      if (fixed !== undefined) {
        fields[ai] = text.slice(i, i + fixed);
        i += fixed;
      } else {
        const end = text.indexOf(GS, i);
        fields[ai] = text.slice(i, end === -1 ? text.length : end);
        i = end === -1 ? text.length : end + 1;
      }
    }
  }
  const gtin = fields["01"];
  const serial = fields["21"];
  if (!gtin || !serial || !isValidGtin(gtin)) return null;
  return { gtin, serial, ...(fields["10"] && { lot: fields["10"] }), ...(fields["17"] && { expiry: fields["17"] }) };
}
