// A GPS track on plain SVG (no map tiles: none are reachable, and none are needed to see where a device went).
// Positions are the mean latitude/longitude of each bucket of the API's downsampling, drawn in a local
// equirectangular projection (longitude scaled by cos(latitude)), with a scale bar and the start and end marked.
import { h, s } from '../dom.js';
import { absolute } from '../format.js';

const METRES_PER_DEGREE = 111320;
const PAD = 24;

function scaleBar(metresPerPixel, maxPixels) {
  const target = metresPerPixel * maxPixels;
  const magnitude = 10 ** Math.floor(Math.log10(target));
  const metres = [5, 2, 1].map((f) => f * magnitude).find((m) => m <= target) ?? magnitude;
  return { metres, pixels: metres / metresPerPixel, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}

/** The track of a gps ReadingSeries (dimensions latitude, longitude, ...). Returns { element }. */
export function gpsTrack(series, { width = 640, height = 320 } = {}) {
  const points = series.buckets.map((b) => ({ lat: Number(b.values[0].avg), lon: Number(b.values[1].avg), start: b.start, end: b.end }));
  if (points.length === 0) {
    return { element: h('p', { class: 'muted' }, 'No positions in this range.') };
  }

  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const squeeze = Math.cos((midLat * Math.PI) / 180);
  const xs = points.map((p) => p.lon * squeeze);
  const ys = points.map((p) => p.lat);
  const spanX = Math.max(Math.max(...xs) - Math.min(...xs), 1e-6);
  const spanY = Math.max(Math.max(...ys) - Math.min(...ys), 1e-6);
  const scale = Math.min((width - 2 * PAD) / spanX, (height - 2 * PAD) / spanY);
  const left = PAD + (width - 2 * PAD - spanX * scale) / 2;
  const top = PAD + (height - 2 * PAD - spanY * scale) / 2;
  const px = (i) => left + (xs[i] - Math.min(...xs)) * scale;
  const py = (i) => top + (Math.max(...ys) - ys[i]) * scale;

  const path = points.map((_, i) => `${i ? 'L' : 'M'}${px(i).toFixed(1)},${py(i).toFixed(1)}`).join('');
  const last = points.length - 1;
  const bar = scaleBar(METRES_PER_DEGREE / scale, width / 4);
  const latest = points[last];
  const description = `Track of ${points.length} positions from ${absolute(points[0].start)} to ${absolute(latest.end)}; latest position ${latest.lat.toFixed(5)}, ${latest.lon.toFixed(5)}.`;

  const svg = s('svg', { class: 'track-svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': description },
    s('title', {}, description),
    s('rect', { class: 'track-bg', x: 0, y: 0, width, height }),
    s('path', { class: 'track-line', d: path }),
    s('circle', { class: 'track-start', cx: px(0), cy: py(0), r: 5 }),
    s('circle', { class: 'track-end', cx: px(last), cy: py(last), r: 6 }),
    s('g', { class: 'scale-bar' },
      s('line', { x1: PAD, x2: PAD + bar.pixels, y1: height - 10, y2: height - 10 }),
      s('text', { x: PAD + bar.pixels + 6, y: height - 6 }, bar.label)),
    s('text', { class: 'north', x: width - 14, y: 18, 'text-anchor': 'middle' }, 'N ↑'));

  return {
    element: h('figure', { class: 'track' },
      h('figcaption', { class: 'muted' }, 'Hollow dot: first position in the range; filled: latest.'),
      svg,
      h('p', { class: 'muted' }, `Latest ${latest.lat.toFixed(5)}°, ${latest.lon.toFixed(5)}° · ${points.length} positions · latitude ${Math.min(...lats).toFixed(4)} to ${Math.max(...lats).toFixed(4)}, longitude ${Math.min(...lons).toFixed(4)} to ${Math.max(...lons).toFixed(4)}`)),
  };
}
