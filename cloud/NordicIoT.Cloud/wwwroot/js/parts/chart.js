// A sensor's history as an SVG chart: the min–max band of each bucket of the API's downsampling, the mean as a line,
// gaps where no reading fell. Arrow keys or the pointer move a cursor whose values are read out below the chart.
import { h, s } from '../dom.js';
import { number, quantity, scaled, unitSymbol } from '../format.js';

const MARGIN = { top: 10, right: 14, bottom: 26, left: 56 };
const TIME_STEPS = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800].map((sec) => sec * 1000);

/** Round tick values covering [low, high]. */
function valueTicks(low, high, wanted = 4) {
  const raw = (high - low) / wanted;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((candidate) => candidate >= raw);
  const ticks = [];
  for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Tick times on round local boundaries, at most about six across. */
function timeTicks(from, to) {
  const step = TIME_STEPS.find((candidate) => (to - from) / candidate <= 6) ?? TIME_STEPS.at(-1);
  const offset = new Date(from).getTimezoneOffset() * 60000;
  const ticks = [];
  for (let t = Math.ceil((from - offset) / step) * step + offset; t <= to; t += step) ticks.push(t);
  return { ticks, step };
}

function timeLabel(time, step) {
  const date = new Date(time);
  if (step >= 86400000) return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
  return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** Buckets as plain numbers in display units, split into runs: a silence much longer than the usual spacing of readings ends a run. */
function runsOf(series, unit, dimension) {
  const points = series.buckets.map((bucket) => {
    const start = Date.parse(bucket.start);
    const end = Date.parse(bucket.end);
    const stats = bucket.values[dimension];
    return {
      start, end, mid: (start + end) / 2, count: bucket.count,
      min: scaled(stats.min, unit), avg: scaled(stats.avg, unit), max: scaled(stats.max, unit),
      raw: stats,
    };
  });
  // Buckets narrower than the sampling interval are empty in turn; that is no gap. The median spacing is the usual one.
  const spacings = points.slice(1).map((p, i) => p.mid - points[i].mid).sort((a, b) => a - b);
  const usual = spacings.length ? spacings[Math.floor(spacings.length / 2)] : 0;
  const gap = Math.max(3 * usual, 1.5 * (series.bucketSeconds * 1000));
  const runs = [];
  let run = null;
  let last = null;
  for (const point of points) {
    if (run === null || point.mid - last.mid > gap) runs.push((run = []));
    run.push(point);
    last = point;
  }
  return runs;
}

/**
 * The chart of one dimension of a ReadingSeries. Returns { element } (a figure); width is the space it has, in px.
 */
export function bandChart(series, { label, dimension = 0, width = 640, height = 200 }) {
  const unit = series.dimensions[dimension]?.unit ?? null;
  const symbol = unitSymbol(unit);
  const from = Date.parse(series.from);
  const to = Date.parse(series.to);
  const runs = runsOf(series, unit, dimension);
  const points = runs.flat();
  const readout = h('p', { class: 'chart-readout', 'aria-live': 'polite' });
  const caption = h('figcaption', {}, h('span', { class: 'chart-title' }, label), symbol ? ` (${symbol})` : '');

  if (points.length === 0) {
    return { element: h('figure', { class: 'chart empty' }, caption, h('p', { class: 'muted' }, 'No readings in this range.')) };
  }

  let low = Math.min(...points.map((p) => p.min));
  let high = Math.max(...points.map((p) => p.max));
  if (high - low < 1e-9) {
    const pad = Math.abs(high) * 0.01 || 1;
    low -= pad;
    high += pad;
  }
  const ticks = valueTicks(low, high);
  low = Math.min(low, ticks[0]);
  high = Math.max(high, ticks.at(-1));

  const plotWidth = Math.max(120, width - MARGIN.left - MARGIN.right);
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const x = (t) => MARGIN.left + ((t - from) / (to - from)) * plotWidth;
  const y = (v) => MARGIN.top + ((high - v) / (high - low)) * plotHeight;
  const fmt = (v) => v.toFixed(2).replace(/\.?0+$/, '');

  const grid = ticks.map((v) => s('g', { class: 'tick' },
    s('line', { x1: MARGIN.left, x2: MARGIN.left + plotWidth, y1: y(v), y2: y(v) }),
    s('text', { x: MARGIN.left - 6, y: y(v), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, fmt(v))));
  const { ticks: times, step } = timeTicks(from, to);
  const axis = times.map((t) => s('text', { class: 'time-tick', x: x(t), y: height - 8, 'text-anchor': 'middle' }, timeLabel(t, step)));

  const shapes = runs.map((run) => {
    if (run.length === 1) {
      const p = run[0];
      return s('g', {}, s('line', { class: 'band-single', x1: x(p.mid), x2: x(p.mid), y1: y(p.max), y2: y(p.min) }),
        s('circle', { class: 'avg-dot', cx: x(p.mid), cy: y(p.avg), r: 2.5 }));
    }
    const top = run.map((p, i) => `${i ? 'L' : 'M'}${x(p.mid).toFixed(1)},${y(p.max).toFixed(1)}`).join('');
    const bottom = run.slice().reverse().map((p) => `L${x(p.mid).toFixed(1)},${y(p.min).toFixed(1)}`).join('');
    const mean = run.map((p, i) => `${i ? 'L' : 'M'}${x(p.mid).toFixed(1)},${y(p.avg).toFixed(1)}`).join('');
    return s('g', {}, s('path', { class: 'band', d: `${top}${bottom}Z` }), s('path', { class: 'avg', d: mean }));
  });

  const cursor = s('line', { class: 'cursor', y1: MARGIN.top, y2: MARGIN.top + plotHeight, visibility: 'hidden' });
  const lowest = Math.min(...points.map((p) => Number(p.raw.min)));
  const highest = Math.max(...points.map((p) => Number(p.raw.max)));
  const summary = `${label}: ${series.readings} readings, lowest ${quantity(lowest, unit)}, highest ${quantity(highest, unit)}. Use the arrow keys to read each interval.`;
  const svg = s('svg', {
    class: 'chart-svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', tabindex: '0', 'aria-label': summary,
  }, s('title', {}, summary), grid, axis, shapes, cursor);

  let index = -1;
  const show = (i) => {
    index = Math.max(0, Math.min(points.length - 1, i));
    const p = points[index];
    cursor.setAttribute('x1', x(p.mid));
    cursor.setAttribute('x2', x(p.mid));
    cursor.setAttribute('visibility', 'visible');
    const when = `${new Date(p.start).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' })}–${new Date(p.end).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`;
    readout.textContent = `${when}: min ${number(p.min, unit)} · avg ${number(p.avg, unit, 1)} · max ${number(p.max, unit)} ${symbol} (${p.count} readings)`;
  };
  svg.addEventListener('keydown', (event) => {
    const moves = { ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const move = moves[event.key];
    show(Number.isFinite(move) ? (index < 0 ? points.length - 1 : index + move) : move < 0 ? 0 : points.length - 1);
  });
  svg.addEventListener('pointermove', (event) => {
    const box = svg.getBoundingClientRect();
    const time = from + ((event.clientX - box.left - MARGIN.left) / plotWidth) * (to - from);
    let best = 0;
    for (let i = 1; i < points.length; i++) if (Math.abs(points[i].mid - time) < Math.abs(points[best].mid - time)) best = i;
    show(best);
  });

  return { element: h('figure', { class: 'chart' }, caption, svg, readout) };
}
