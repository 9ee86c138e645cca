// make-countries.mjs: derive destinations/data/countries.geojson from
// Natural Earth admin-0 countries 1:10m (public domain), as carried by the
// npm package world-atlas 2.0.2 (TopoJSON), converted once with
// topojson-client, simplified with topojson-simplify and checked with jsts.
//
// Run at extraction time only:  npm ci && node make-countries.mjs
// The output is committed; the build and the tests never run this. The
// defaults below made the committed file; the environment variables are for
// experiments only.
//
// Output: a GeoJSON FeatureCollection, one Feature per ISO 3166-1 alpha-2
// code, properties {"iso_a2", "name"} (English short name), geometry
// Polygon or MultiPolygon in lon/lat (WGS 84), coordinates rounded to
// 4 decimals, no repeated consecutive points, rings closed with at least
// 4 points, exterior rings counter-clockwise and holes clockwise
// (RFC 7946), every geometry valid (OGC, as GEOS and JTS check it), sorted
// by iso_a2, one feature per line.
//
// Steps:
//  1. world-atlas identifies countries by ISO 3166-1 numeric code (the id);
//     i18n-iso-countries maps it to alpha-2 (250 -> FR and 578 -> NO, the
//     two that Natural Earth's own ISO_A2 field leaves as -99). Features
//     without a numeric code are mapped by name (BY_NAME), split
//     (SPLIT_BY_LON) or skipped and listed on output. Features sharing a
//     code are merged with topojson-client's merge(), which removes their
//     common border (Australia with Ashmore and Cartier Is.; Cyprus with
//     N. Cyprus, the U.N. buffer zone and the UK bases).
//  2. Simplification (see MIN_WEIGHT), keeping every ring at >= 4 points.
//  3. Polygons that cross the antimeridian are cut at ±180 (cutPolygon).
//  4. Rounding to 4 decimals (about 11 m), rewinding, dropping degenerate
//     rings; Crimea moved from RU to UA (CRIMEA_POINT); any polygon left
//     self-intersecting is rebuilt on the 4-decimal grid (makeValid).

import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { feature, merge } from 'topojson-client';
import { presimplify, simplify } from 'topojson-simplify';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import GeoJSONWriter from 'jsts/org/locationtech/jts/io/GeoJSONWriter.js';
import IsValidOp from 'jsts/org/locationtech/jts/operation/valid/IsValidOp.js';
import GeometryPrecisionReducer from 'jsts/org/locationtech/jts/precision/GeometryPrecisionReducer.js';
import PrecisionModel from 'jsts/org/locationtech/jts/geom/PrecisionModel.js';
import 'jsts/org/locationtech/jts/monkey.js'; // Geometry.prototype.intersection etc.

const require = createRequire(import.meta.url);
const countries = require('i18n-iso-countries');

const here = dirname(fileURLToPath(import.meta.url));
const OUT = join(process.argv[2] ?? join(here, '..'), 'countries.geojson');

// Source resolution and simplification. Natural Earth 1:50m draws borders
// and coasts too coarsely for this use (Wattrelos in Belgium, Kerkrade in
// Germany, Copenhagen in the sea, Moscow in no valid polygon at all). So the 1:10m file is taken and simplified with topojson-simplify
// (Visvalingam, on the shared arcs, so neighbours keep one common border)
// down to the size budget, weighting each point's triangle area so that
// detail is kept where trips from Ghent go: x BELGIUM_BOOST around Belgium
// and its neighbours, x EUROPE_BOOST in the rest of Europe, x 1 elsewhere.
// MIN_WEIGHT (square degrees after boosting) is the threshold.
const RESOLUTION = process.env.RESOLUTION || '10m';
const MIN_WEIGHT = Number(process.env.MIN_WEIGHT ?? 3e-3);
const EUROPE_BOOST = Number(process.env.EUROPE_BOOST ?? 30);
const BELGIUM_BOOST = Number(process.env.BELGIUM_BOOST ?? 1000);
const topology = require(`world-atlas/countries-${RESOLUTION}.json`);

const inBox = ([x, y], [x0, y0, x1, y1]) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const EUROPE_BOX = [-32, 27, 45, 72];      // Azores, Canaries to the Urals' west
const BELGIUM_BOX = [0.5, 48.5, 9.0, 54.0]; // Benelux and its borders
function weight(triangle) {
  const [a, b, c] = triangle;
  const area = Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) / 2;
  const p = triangle[1];
  const boost = inBox(p, BELGIUM_BOX) ? BELGIUM_BOOST : inBox(p, EUROPE_BOX) ? EUROPE_BOOST : 1;
  return area * boost;
}

const jsReader = new GeoJSONReader();
const jsWriter = new GeoJSONWriter();

// Features without an ISO numeric code (world-atlas's id).
const BY_NAME = {
  'Kosovo': 'XK',
  'N. Cyprus': 'CY',
  'Cyprus U.N. Buffer Zone': 'CY',
  'Akrotiri': 'CY',
  'Dhekelia': 'CY',
  'Somaliland': 'SO',
  'Baikonur': 'KZ',
  'USNB Guantanamo Bay': 'CU',
};
// One feature, two codes: its polygons go by longitude (Christmas Island
// at 105.6° E, the Cocos (Keeling) Islands at 96.8° E).
const SPLIT_BY_LON = { 'Indian Ocean Ter.': { west: 'CC', east: 'CX', lon: 100 } };

// Crimea: Natural Earth draws it as part of Russia; ISO 3166-1, GeoNames
// (Simferopol, Sevastopol are UA) and Belgium count it as Ukraine. The
// Russian polygon that contains this point is moved to UA.
const CRIMEA_POINT = [34.1024, 44.9521]; // Simferopol

// English short names for the codes i18n-iso-countries words awkwardly.
const NAME_OVERRIDE = {
  XK: 'Kosovo',
  GB: 'United Kingdom',
  US: 'United States',
  RU: 'Russia',
  KR: 'South Korea',
  KP: 'North Korea',
  IR: 'Iran',
  SY: 'Syria',
  LA: 'Laos',
  VN: 'Vietnam',
  BO: 'Bolivia',
  VE: 'Venezuela',
  TZ: 'Tanzania',
  MD: 'Moldova',
  CZ: 'Czechia',
  TW: 'Taiwan',
  FM: 'Micronesia',
  PS: 'Palestine',
  VA: 'Vatican City',
  CD: 'DR Congo',
  CG: 'Congo',
  BN: 'Brunei',
  MK: 'North Macedonia',
  CV: 'Cabo Verde',
  SZ: 'Eswatini',
  CI: "Côte d'Ivoire",
  TR: 'Türkiye',
  CN: 'China',
  GM: 'Gambia',
  FK: 'Falkland Islands',
  VG: 'British Virgin Islands',
  VI: 'United States Virgin Islands',
  MF: 'Saint Martin',
  SX: 'Sint Maarten',
};

let topo = presimplify(topology, weight);
// Keep every island and every small country: each ring keeps at least
// three distinct points (its heaviest ones), so no ring collapses to a line
// and no country vanishes (Sint Maarten, Tuvalu, ...).
function protectRing(ring) {
  const kept = new Set();
  const candidates = [];
  for (const i of ring) {
    for (const p of topo.arcs[i < 0 ? ~i : i]) {
      if (p[2] >= MIN_WEIGHT) kept.add(`${p[0]},${p[1]}`);
      else candidates.push(p);
    }
  }
  candidates.sort((x, y) => y[2] - x[2]);
  for (const p of candidates) {
    if (kept.size >= 3) break;
    const key = `${p[0]},${p[1]}`;
    if (!kept.has(key)) {
      p[2] = Infinity;
      kept.add(key);
    }
  }
}
for (const g of topo.objects.countries.geometries) {
  if (g.type === 'Polygon') g.arcs.forEach(protectRing);
  else if (g.type === 'MultiPolygon') g.arcs.forEach((poly) => poly.forEach(protectRing));
}
topo = simplify(topo, MIN_WEIGHT);

const geoms = topo.objects.countries.geometries;
const groups = new Map(); // code -> [geometry objects]
const skipped = [];
const splits = [];
for (const g of geoms) {
  const name = g.properties && g.properties.name;
  let code;
  if (g.id !== undefined && g.id !== null && !Number.isNaN(Number(g.id))) {
    code = countries.numericToAlpha2(String(g.id).padStart(3, '0'));
  }
  if (!code && BY_NAME[name]) code = BY_NAME[name];
  if (SPLIT_BY_LON[name]) {
    splits.push(g);
    continue;
  }
  if (!code) {
    skipped.push(`${name} (id ${g.id})`);
    continue;
  }
  if (!groups.has(code)) groups.set(code, []);
  groups.get(code).push(g);
}

const round = (v) => {
  const r = Math.round(v * 1e4) / 1e4;
  return r === 0 ? 0 : r; // no -0
};

// Planar signed area (lon/lat), > 0 when counter-clockwise.
function signedArea(ring) {
  let a = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++) {
    a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return a / 2;
}

// Antimeridian. world-atlas stitched Natural Earth's polygons back together
// across the ±180° meridian (they are meant for spherical rendering with
// d3-geo): Russia's mainland runs on into Chukotka at -170°, some of Fiji's
// islands cross, and Antarctica is a ring around the South Pole. On a plane
// (GEOS) those rings are invalid bands across the whole map. So each such
// polygon is unwrapped (longitudes made continuous, past ±180), a ring round
// a pole is closed along the pole, and the result is cut into the
// [-180, 180] window again (pieces east of 180 shifted by -360, west of
// -180 by +360), the way Natural Earth's own shapefiles are cut.
function unwrapRing(ring) {
  const out = [];
  let off = 0;
  let prev = null;
  for (const [x, y] of ring) {
    if (prev !== null) {
      const d = x + off - prev;
      if (d > 180) off -= 360;
      else if (d < -180) off += 360;
    }
    const nx = x + off;
    out.push([nx, y]);
    prev = nx;
  }
  return out;
}

function crossesAntimeridian(rings) {
  return rings.some((ring) => ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180));
}

// A ring as a JTS polygon; simplification can leave it self-intersecting,
// which the overlay below would refuse: such a ring is cleaned with a
// zero-width buffer first.
function jsPoly(ring) {
  const g = jsReader.read({ type: 'Polygon', coordinates: [ring] });
  return IsValidOp.isValid(g) ? g : g.buffer(0);
}
const box = (x0, x1) => jsPoly([[x0, -90], [x1, -90], [x1, 90], [x0, 90], [x0, -90]]);

function cutPolygon(rings) {
  let base = null;
  let extent = null;
  const holes = [];
  for (const [i, raw] of rings.entries()) {
    const ring = unwrapRing(raw);
    const first = ring[0];
    const last = ring[ring.length - 1];
    const xs = ring.map((p) => p[0]);
    if (Math.abs(last[0] - first[0]) > 180) {
      // Round a pole: close it along the pole. The region between two such
      // rings is the symmetric difference of their polar caps.
      const meanY = ring.reduce((a, p) => a + p[1], 0) / ring.length;
      const pole = meanY < 0 ? -90 : 90;
      const cap = jsPoly([...ring, [last[0], pole], [first[0], pole], [first[0], first[1]]]);
      base = base ? base.symDifference(cap) : cap;
      extent = [Math.min(...xs), Math.max(...xs)];
    } else if (i === 0) {
      const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
      const shift = mean > 180 ? -360 : mean < -180 ? 360 : 0;
      const r = ring.map(([x, y]) => [x + shift, y]);
      base = jsPoly(r);
      extent = [Math.min(...xs) + shift, Math.max(...xs) + shift];
    } else {
      holes.push(ring);
    }
  }
  for (const hole of holes) {
    // Put the hole on the same side as its exterior.
    let shift = 0;
    for (const k of [0, 360, -360]) {
      const x = hole[0][0] + k;
      if (x >= extent[0] && x <= extent[1]) { shift = k; break; }
    }
    base = base.difference(jsPoly(hole.map(([x, y]) => [x + shift, y])));
  }
  const pieces = [];
  for (const k of [-1, 0, 1]) {
    const part = base.intersection(box(-180 + 360 * k, 180 + 360 * k));
    if (part.isEmpty()) continue;
    const g = jsWriter.write(part);
    const polys = g.type === 'Polygon' ? [g.coordinates]
      : g.type === 'MultiPolygon' ? g.coordinates
      : g.type === 'GeometryCollection'
        ? g.geometries.flatMap((x) => (x.type === 'Polygon' ? [x.coordinates]
          : x.type === 'MultiPolygon' ? x.coordinates : []))
        : [];
    for (const p of polys) {
      pieces.push(p.map((ring) => ring.map(([x, y]) => [x - 360 * k, y])));
    }
  }
  cutCount++;
  return pieces;
}
let cutCount = 0;

let droppedRings = 0;
let droppedPolys = 0;
function cleanRing(ring, exterior) {
  const out = [];
  for (const [x, y] of ring) {
    const p = [round(x), round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length > 1) {
    const f = out[0];
    const l = out[out.length - 1];
    if (f[0] !== l[0] || f[1] !== l[1]) out.push([f[0], f[1]]);
  }
  if (out.length < 4 || signedArea(out) === 0) {
    droppedRings++;
    return null;
  }
  const ccw = signedArea(out) > 0;
  if (ccw !== exterior) out.reverse();
  return out;
}

function cleanPolygon(rings) {
  const ext = cleanRing(rings[0], true);
  if (!ext) {
    droppedPolys++;
    return null;
  }
  const poly = [ext];
  for (const hole of rings.slice(1)) {
    const h = cleanRing(hole, false);
    if (h) poly.push(h);
  }
  return poly;
}

// Validity (OGC, as GEOS checks it). Natural Earth 1:50m as quantised by
// world-atlas has a few self-intersecting rings (Antarctica, Fiji, Novaya
// Zemlya in Russia). Such a polygon is rebuilt by JTS (jsts)
// GeometryPrecisionReducer on the 4-decimal grid (a zero-width buffer),
// which keeps the polygon and drops only the inverted sliver; the area
// change is printed and must stay under 0.1 % or 0.001 square degree
// (about 10 km²; atolls such as Diego Garcia lose a sliver more).
const GRID = new PrecisionModel(1e4);
const fixes = [];
function makeValid(code, geometry) {
  const g = jsReader.read(geometry);
  if (IsValidOp.isValid(g)) return geometry;
  const before = g.getArea();
  const fixed = GeometryPrecisionReducer.reduce(g, GRID);
  if (!IsValidOp.isValid(fixed)) throw new Error(`${code}: still invalid after repair`);
  const after = fixed.getArea();
  const change = (after - before) / before;
  fixes.push(`${code} (area ${(change * 100).toFixed(4)} %)`);
  if (Math.abs(change) > 0.001 && Math.abs(after - before) > 1e-3) {
    throw new Error(`${code}: repair changed the area by ${change}`);
  }
  const out = jsWriter.write(fixed);
  const polys = out.type === 'Polygon' ? [out.coordinates] : out.coordinates;
  const cleaned = polys.map(cleanPolygon).filter(Boolean);
  const again = cleaned.length === 1
    ? { type: 'Polygon', coordinates: cleaned[0] }
    : { type: 'MultiPolygon', coordinates: cleaned };
  if (!IsValidOp.isValid(jsReader.read(again))) throw new Error(`${code}: invalid after rewinding`);
  return again;
}

// Stage 1: one list of planar polygons per code.
const polysByCode = new Map();
for (const [code, members] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
  const geom = members.length === 1
    ? feature(topo, members[0]).geometry
    : merge(topo, members);
  if (!geom) continue;
  const polys = (geom.type === 'Polygon' ? [geom.coordinates]
    : geom.type === 'MultiPolygon' ? geom.coordinates : [])
    .flatMap((p) => (crossesAntimeridian(p) ? cutPolygon(p) : [p]));
  const cleaned = polys.map(cleanPolygon).filter(Boolean);
  if (cleaned.length === 0) {
    skipped.push(`${code} (no polygon left)`);
    continue;
  }
  polysByCode.set(code, { polys: cleaned, name: members[0].properties.name, union: false });
}

for (const g of splits) {
  const rule = SPLIT_BY_LON[g.properties.name];
  const geom = feature(topo, g).geometry;
  const polys = (geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates)
    .map(cleanPolygon).filter(Boolean);
  for (const p of polys) {
    const code = p[0][0][0] < rule.lon ? rule.west : rule.east;
    if (!polysByCode.has(code)) polysByCode.set(code, { polys: [], name: g.properties.name, union: false });
    polysByCode.get(code).polys.push(p);
  }
}

// Stage 2: Crimea from RU to UA.
function ringContains(ring, [x, y]) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const moved = [];
{
  const ru = polysByCode.get('RU');
  const ua = polysByCode.get('UA');
  const i = ru ? ru.polys.findIndex((p) => ringContains(p[0], CRIMEA_POINT)) : -1;
  if (i >= 0 && ua) {
    ua.polys.push(...ru.polys.splice(i, 1));
    ua.union = true; // it shares the Perekop border with mainland Ukraine
    moved.push('Crimea RU -> UA');
  }
}

// Stage 3: valid geometries.
const features = [];
for (const [code, entry] of polysByCode) {
  let geometry = entry.polys.length === 1
    ? { type: 'Polygon', coordinates: entry.polys[0] }
    : { type: 'MultiPolygon', coordinates: entry.polys };
  if (entry.union) {
    const u = jsWriter.write(jsReader.read(geometry).union());
    const polys = (u.type === 'Polygon' ? [u.coordinates] : u.coordinates)
      .map(cleanPolygon).filter(Boolean);
    geometry = polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] }
      : { type: 'MultiPolygon', coordinates: polys };
  }
  geometry = makeValid(code, geometry);
  const name = NAME_OVERRIDE[code] || countries.getName(code, 'en') || entry.name;
  features.push({ type: 'Feature', properties: { iso_a2: code, name }, geometry });
}

const points = features.reduce((n, f) => n + JSON.stringify(f.geometry.coordinates)
  .split('],[').length, 0);

// One feature per line: diffable, and still plain GeoJSON.
const text = '{"type":"FeatureCollection",\n"features":[\n' +
  features.map((f) => JSON.stringify(f)).join(',\n') + '\n]}\n';
writeFileSync(OUT, text);

console.log(`countries.geojson: ${features.length} countries, ` +
  `${(Buffer.byteLength(text) / 1048576).toFixed(2)} MB, ` +
  `${points} points, Natural Earth 1:${RESOLUTION} simplified (min weight ${MIN_WEIGHT}, ` +
  `boost Europe x${EUROPE_BOOST}, Belgium and neighbours x${BELGIUM_BOOST})`);
console.log(`moved: ${moved.join('; ') || 'nothing'}`);
if (droppedRings) console.log(`dropped ${droppedRings} degenerate rings (${droppedPolys} polygons)`);
console.log(`cut at the antimeridian: ${cutCount} polygons`);
console.log(`repaired (self-intersections): ${fixes.join('; ') || 'none'}`);
console.log(`skipped: ${skipped.join('; ') || 'none'}`);
