// Domain checks with no state: GS1 GTIN check digits, US NPI Luhn digits, text bounds.
/** GTIN-14 with a valid GS1 mod-10 check digit (shorter GTINs are zero-padded to 14). */
export function isValidGtin(gtin: string): boolean {
  if (!/^\d{14}$/.test(gtin)) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(gtin[i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(gtin[13]);
}

/** A 10-digit US NPI whose last digit is the Luhn check digit of "80840" + its first nine. */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi.slice(0, 9)}`;
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === Number(npi[9]);
}

/** Serials and lots: GS1 AI (21)/(10) style, 1 to 20 printable characters without spaces. */
export function isValidSerial(s: string): boolean {
  return /^[A-Za-z0-9!"%&'()*+,\-./:;<=>?_]{1,20}$/.test(s);
}

/** Short human codes (procedures, complications, specialties, jurisdictions). */
export function isValidCode(s: string, max = 64): boolean {
  return s.length > 0 && s.length <= max && s.trim() === s;
}

export function hasDuplicates<T>(items: T[], key: (t: T) => string = String): boolean {
  return new Set(items.map(key)).size !== items.length;
}
