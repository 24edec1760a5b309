/**
 * Numbers in defaults kept exact. A JavaScript number holds 15–17
 * significant digits, so `Number('9007199254740993')` is 9007199254740992
 * and a `numeric(38, 10)` default loses digits. Defaults are therefore read
 * as text and become numbers only when the number prints back to the same
 * value; otherwise the model keeps the digits as a string literal (which
 * every database converts to the column's numeric type).
 */

const DECIMAL_TEXT = /^\s*([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?\s*$/i;
/** Beyond this exponent a decimal is left as written rather than spelled out digit by digit. */
const MAX_EXPONENT = 400;

/**
 * The one spelling of a decimal number: no exponent, no leading or trailing
 * zeros, no `+`, `0` for any zero; null when `text` is not a decimal number.
 *
 * @example canonicalDecimal('-001.500') // '-1.5'
 * @example canonicalDecimal('1e3') // '1000'
 */
export function canonicalDecimal(text: string): string | null {
  const match = DECIMAL_TEXT.exec(text);
  if (match === null) return null;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  if (whole === '' && fraction === '') return null;
  const exponent = Number(exponentText);
  if (Math.abs(exponent) > MAX_EXPONENT) return text.trim().toLowerCase();
  let digits = `${whole}${fraction}`;
  let point = whole.length + exponent;
  const leading = /^0*/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(leading);
  point -= leading;
  digits = digits.replace(/0+$/, '');
  if (digits === '') return '0';
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = `${digits}${'0'.repeat(point - digits.length)}`;
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign === '-' ? `-${out}` : out;
}

/**
 * A numeric default's value as the model keeps it: a number when the number
 * is exactly the value written, else the canonical decimal text; `text` as
 * it is when it is not a number at all.
 *
 * @example exactNumber('1.50') // 1.5
 * @example exactNumber('9007199254740993') // '9007199254740993'
 */
export function exactNumber(text: string): string | number {
  const canonical = canonicalDecimal(text);
  if (canonical === null) return text;
  const number = Number(canonical);
  return Number.isFinite(number) && canonicalDecimal(String(number)) === canonical ? number : canonical;
}

/** `exactNumber` for a literal already in the model: numbers stay, decimal text is made exact. */
export function exactNumericLiteral(value: string | number | boolean): string | number | boolean {
  return typeof value === 'string' ? exactNumber(value) : value;
}
