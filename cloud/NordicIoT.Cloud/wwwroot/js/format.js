// Numbers, units and times as people read them.

/** How each SenML unit from the API is shown: symbol, and a factor from the API's value (pressure in hPa). */
const UNITS = {
  Cel: { symbol: '°C', factor: 1, decimals: 2 },
  '%RH': { symbol: '% RH', factor: 1, decimals: 2 },
  Pa: { symbol: 'hPa', factor: 0.01, decimals: 2 },
  V: { symbol: 'V', factor: 1, decimals: 3 },
  dBm: { symbol: 'dBm', factor: 1, decimals: 0 },
  lat: { symbol: '°', factor: 1, decimals: 6 },
  lon: { symbol: '°', factor: 1, decimals: 6 },
  m: { symbol: 'm', factor: 1, decimals: 1 },
  'm/s': { symbol: 'm/s', factor: 1, decimals: 2 },
  deg: { symbol: '°', factor: 1, decimals: 1 },
};

const LABELS = {
  temperature: 'Temperature', humidity: 'Humidity', pressure: 'Air pressure', battery: 'Battery', signal: 'Signal', gps: 'Position',
};

/** A sensor's display name ("sensor-40" stays as it is). */
export function sensorLabel(name) {
  return LABELS[name] ?? name;
}

/** The display unit of a SenML unit ('' for none). */
export function unitSymbol(unit) {
  return UNITS[unit]?.symbol ?? '';
}

/** A value from the API in display units, as a number. */
export function scaled(value, unit) {
  return Number(value) * (UNITS[unit]?.factor ?? 1);
}

/** "21.37 °C": a value from the API with its display unit and the unit's usual decimals. */
export function quantity(value, unit) {
  if (value === null || value === undefined) return '—';
  const spec = UNITS[unit];
  const number = scaled(value, unit);
  const text = spec ? number.toFixed(spec.decimals) : String(number);
  return spec ? `${text} ${spec.symbol}` : text;
}

/** A number with a display unit's decimals, no symbol (axis labels). */
export function number(value, unit, extraDecimals = 0) {
  const spec = UNITS[unit];
  return spec ? Number(value).toFixed(Math.max(0, spec.decimals + extraDecimals)) : String(Math.round(value * 100) / 100);
}

/** "2 min ago", "in 3 h", "just now": a time relative to now. */
export function relative(time, now = Date.now()) {
  if (!time) return 'never';
  const seconds = Math.round((new Date(time).getTime() - now) / 1000);
  const size = Math.abs(seconds);
  if (size < 5) return 'just now';
  const amount = size < 60 ? `${size} s` : size < 3600 ? `${Math.floor(size / 60)} min` : size < 86400 ? `${Math.floor(size / 3600)} h` : `${Math.floor(size / 86400)} d`;
  return seconds < 0 ? `${amount} ago` : `in ${amount}`;
}

const absoluteFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

/** "1 Mar 2026, 12:00:05" in the browser's time zone. */
export function absolute(time) {
  return time ? absoluteFormat.format(new Date(time)) : '';
}

/** A value for a datetime-local input (local time, minutes). */
export function localInput(date) {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 16);
}

/** "1.2 MB". */
export function bytes(count) {
  if (count === null || count === undefined) return '—';
  if (count < 1024) return `${count} B`;
  if (count < 1024 * 1024) return `${(count / 1024).toFixed(1)} KB`;
  return `${(count / 1024 / 1024).toFixed(2)} MB`;
}

/** "15 min", "1 d 2 h": a number of seconds. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 6) / 10} min`;
  if (seconds < 86400) return `${Math.round(seconds / 360) / 10} h`;
  return `${Math.round(seconds / 8640) / 10} d`;
}
