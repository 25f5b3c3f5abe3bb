/**
 * Numbers as people say them in figures: 70B, 1.4T, 5.9 × 10²³, 31.4 GB, 16%.
 *
 * @example formatCount(1.4e12) === '1.4T'; formatPower(5.88e23) === '5.9 × 10²³'
 */

const SUFFIXES: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** Made once: toLocaleString with options builds a new formatter on every call, and figures format thousands of numbers. */
const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** At most three significant digits, without trailing zeros. */
export function formatNumber(value: number, digits = 3): string {
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return GROUPED.format(Number(value.toFixed(Math.min(decimals, 6))));
}

/** 70e9 → "70B", 1.4e12 → "1.4T", 1500 → "1.5K"; beyond a thousand trillion, powers of ten. */
export function formatCount(value: number): string {
  if (Math.abs(value) >= 1e15) return formatPower(value);
  for (const [size, suffix] of SUFFIXES) {
    if (Math.abs(value) >= size) return `${formatNumber(value / size)}${suffix}`;
  }
  return formatNumber(value);
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** 5.88e23 → "5.9 × 10²³" (two significant digits). */
export function formatPower(value: number, digits = 2): string {
  if (value === 0) return '0';
  let exponent = Math.floor(Math.log10(Math.abs(value)));
  let mantissa = Number((value / 10 ** exponent).toFixed(digits - 1));
  if (Math.abs(mantissa) >= 10) {
    mantissa /= 10;
    exponent += 1;
  }
  const power = `10${String(exponent).replace('-', '⁻').replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]!)}`;
  return mantissa === 1 ? power : `${mantissa} × ${power}`;
}

/** Bytes in gigabytes as the papers count them (10⁹ bytes), e.g. "31.4 GB". */
export function formatGigabytes(bytes: number): string {
  const gb = bytes / 1e9;
  if (gb >= 1000) return `${formatNumber(gb / 1000)} TB`;
  return `${gb >= 10 ? formatNumber(gb) : formatNumber(Number(gb.toFixed(1)), 2)} GB`;
}

/** 0.1579 → "15.8%". */
export function formatPercent(share: number): string {
  return `${formatNumber(share * 100)}%`;
}
