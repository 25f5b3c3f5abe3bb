/**
 * Unit and scale words that follow a number: "48GB" → "forty-eight gigabytes",
 * "70B" → "seventy billion". Kept apart so the number reader and the lint agree on them.
 */

export interface Unit {
  one: string;
  many: string;
  /** Whether "48 GB" (with a space) is read as a unit; short or ambiguous ones must touch the number. */
  spaced: boolean;
}

function u(one: string, many = `${one}s`, spaced = true): Unit {
  return { one, many, spaced };
}

export const UNITS: Record<string, Unit> = {
  KB: u('kilobyte'), MB: u('megabyte'), GB: u('gigabyte'), TB: u('terabyte'), PB: u('petabyte'), EB: u('exabyte'),
  KiB: u('kibibyte'), MiB: u('mebibyte'), GiB: u('gibibyte'), TiB: u('tebibyte'),
  'KB/s': u('kilobyte per second', 'kilobytes per second'),
  'MB/s': u('megabyte per second', 'megabytes per second'),
  'GB/s': u('gigabyte per second', 'gigabytes per second'),
  'TB/s': u('terabyte per second', 'terabytes per second'),
  Kbps: u('kilobit per second', 'kilobits per second'),
  Mbps: u('megabit per second', 'megabits per second'),
  Gbps: u('gigabit per second', 'gigabits per second'),
  Tbps: u('terabit per second', 'terabits per second'),
  'Gb/s': u('gigabit per second', 'gigabits per second'),
  'tok/s': u('token per second', 'tokens per second'),
  Hz: u('hertz', 'hertz'), kHz: u('kilohertz', 'kilohertz'), MHz: u('megahertz', 'megahertz'),
  GHz: u('gigahertz', 'gigahertz'),
  W: u('watt', 'watts', false), kW: u('kilowatt'), MW: u('megawatt'), GW: u('gigawatt'),
  kWh: u('kilowatt hour'), MWh: u('megawatt hour'), GWh: u('gigawatt hour'), TWh: u('terawatt hour'),
  GFLOPS: u('gigaflops', 'gigaflops'), TFLOPS: u('teraflops', 'teraflops'), PFLOPS: u('petaflops', 'petaflops'),
  EFLOPS: u('exaflops', 'exaflops'),
  ms: u('millisecond'), 'µs': u('microsecond'), 'μs': u('microsecond'), ns: u('nanosecond'),
  s: u('second', 'seconds', false), sec: u('second'), secs: u('second'),
  min: u('minute'), mins: u('minute'), hr: u('hour'), hrs: u('hour'),
  nm: u('nanometer'), mm: u('millimeter'), cm: u('centimeter'), km: u('kilometer'),
  kg: u('kilogram'), lb: u('pound'), lbs: u('pound'),
  '°C': u('degree Celsius', 'degrees Celsius'), '°F': u('degree Fahrenheit', 'degrees Fahrenheit'),
  '°': u('degree', 'degrees', false),
  pp: u('percentage point', 'percentage points', false),
  am: u('ay em', 'ay em', false), pm: u('pee em', 'pee em', false),
};

/** Scale letters after a number: "70B", "1.5T", "$4.6M", "128K". */
export const SCALES: Record<string, string> = {
  K: 'thousand', k: 'thousand', M: 'million', B: 'billion', b: 'billion', bn: 'billion', T: 'trillion', tn: 'trillion',
};

export const CURRENCIES: Record<string, { one: string; many: string; cent: string; cents: string }> = {
  $: { one: 'dollar', many: 'dollars', cent: 'cent', cents: 'cents' },
  '€': { one: 'euro', many: 'euros', cent: 'cent', cents: 'cents' },
  '£': { one: 'pound', many: 'pounds', cent: 'penny', cents: 'pence' },
};

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function alternation(keys: string[]): string {
  return [...keys].sort((a, b) => b.length - a.length).map(escape).join('|');
}

export const UNIT_PATTERN = alternation(Object.keys(UNITS));
export const SPACED_UNIT_PATTERN = alternation(Object.keys(UNITS).filter((k) => UNITS[k]!.spaced));
export const SCALE_PATTERN = alternation(Object.keys(SCALES));
