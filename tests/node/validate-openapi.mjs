// The OpenAPI document: valid OpenAPI 3.1, in step with the route table,
// and true of the running daemon: a sample of calls whose answers are
// validated against the schema the document declares for their status.
//
// Environment: TRIPMODE_URL (the daemon), TRIPMODE_ADMIN_KEY,
// TRIPMODE_HR_KEY, TRIPMODE_STAFF_KEY (keys of those roles), ROUTES_C (the
// route table, default ../../daemon/routes.c), OPENAPI_JSON (the source
// document, default ../../daemon/openapi.json).
// Prints "ok   NAME" or "FAIL NAME: why" per check; exits 1 on a failure.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";

import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const here = dirname(fileURLToPath(import.meta.url));
const URL_ = (process.env.TRIPMODE_URL || "").replace(/\/$/, "");
const KEYS = {
	admin: process.env.TRIPMODE_ADMIN_KEY || "",
	hr: process.env.TRIPMODE_HR_KEY || "",
	staff: process.env.TRIPMODE_STAFF_KEY || "",
};
const ROUTES_C = process.env.ROUTES_C || resolve(here, "../../daemon/routes.c");
const OPENAPI_JSON = process.env.OPENAPI_JSON ||
    resolve(here, "../../daemon/openapi.json");

let passed = 0, failed = 0, skipped = 0;
function ok(name) { passed++; console.log(`ok   ${name}`); }
function fail(name, why) {
	failed++;
	console.log(`FAIL ${name}: ${String(why).replace(/\s+/g, " ").slice(0, 900)}`);
}
function skip(name, why) { skipped++; console.log(`# skip ${name}: ${why}`); }
function check(name, cond, why) { cond ? ok(name) : fail(name, why); }

if (!URL_) {
	console.log("FAIL setup: set TRIPMODE_URL");
	process.exit(1);
}

// --- the document --------------------------------------------------------

const source = JSON.parse(readFileSync(OPENAPI_JSON, "utf8"));
let doc;
{
	const res = await fetch(`${URL_}/v1/openapi.json`);
	const ct = res.headers.get("content-type") || "";
	doc = await res.json().catch(() => null);
	check("GET /v1/openapi.json: 200 application/json",
	    res.status === 200 && ct.startsWith("application/json") && doc,
	    `${res.status} ${ct}`);
	if (!doc) {
		console.log(`# node openapi: ${passed} passed, ${failed} failed`);
		process.exit(1);
	}
	const health = await (await fetch(`${URL_}/healthz`)).json();
	check("document: info.version is the daemon's version",
	    doc.info && doc.info.version === health.version,
	    `${doc.info && doc.info.version} vs ${health.version}`);
	const a = structuredClone(doc), b = structuredClone(source);
	a.info.version = b.info.version = "";
	check("document: the daemon serves daemon/openapi.json as built",
	    isDeepStrictEqual(a, b), "the served document differs from the source");
	const etag = res.headers.get("etag");
	const again = await fetch(`${URL_}/v1/openapi.json`,
	    { headers: { "If-None-Match": etag || "" } });
	check("document: If-None-Match with its ETag gives 304",
	    etag && again.status === 304, `${etag} ${again.status}`);
}

{
	const validator = new Validator();
	const res = await validator.validate(structuredClone(doc));
	check(`document: valid OpenAPI ${validator.version} ` +
	    "(@seriousme/openapi-schema-validator)", res.valid,
	    JSON.stringify(res.errors || null).slice(0, 900));
	check("document: openapi is 3.1.x", /^3\.1\.\d+$/.test(doc.openapi),
	    doc.openapi);
}

// Every route of the table is documented, and nothing else is.
{
	const text = readFileSync(ROUTES_C, "utf8");
	const start = text.indexOf("routes[] = {");
	const table = text.slice(start, text.indexOf("};", start));
	const re = /\{\s*((?:GET|POST|PUT|DELETE)(?:\s*\|\s*(?:GET|POST|PUT|DELETE))*),\s*"([^"]+)"/g;
	const routes = [];
	let m;
	while ((m = re.exec(table)) !== null)
		for (const meth of m[1].split("|"))
			routes.push([meth.trim().toLowerCase(), m[2]]);
	const missing = routes.filter(([meth, p]) =>
	    !(doc.paths[p] && doc.paths[p][meth]));
	check(`document: all ${routes.length} routes of daemon/routes.c are described`,
	    routes.length > 20 && missing.length === 0,
	    `missing: ${missing.map((r) => r.join(" ")).join(", ")}`);
	const documented = [];
	for (const [p, item] of Object.entries(doc.paths))
		for (const meth of ["get", "put", "post", "delete", "patch"])
			if (item[meth])
				documented.push([meth, p]);
	const extra = documented.filter(([meth, p]) =>
	    !routes.some(([rm, rp]) => rm === meth && rp === p));
	check("document: describes no route the daemon lacks", extra.length === 0,
	    `extra: ${extra.map((r) => r.join(" ")).join(", ")}`);
}

// Every operation says how it fails, as problem+json.
{
	const bad = [];
	const resolveResp = (r) => r.$ref ?
	    doc.components.responses[r.$ref.split("/").pop()] : r;
	for (const [p, item] of Object.entries(doc.paths)) {
		for (const meth of ["get", "put", "post", "delete"]) {
			const op = item[meth];
			if (!op)
				continue;
			const codes = Object.keys(op.responses);
			const page = (op.tags || []).includes("pages");
			if (!codes.some((c) => /^2/.test(c)))
				bad.push(`${meth} ${p}: no 2xx`);
			if (!page && !codes.includes("401"))
				bad.push(`${meth} ${p}: no 401`);
			const secured = (op.security || []).every((s) => s.bearer);
			if (!page && secured && meth !== "get" && !codes.includes("403") &&
			    p !== "/v1/decisions")
				bad.push(`${meth} ${p}: no 403`);
			if (op.requestBody && !page && !codes.includes("400"))
				bad.push(`${meth} ${p}: a body but no 400`);
			for (const c of codes.filter((c) => /^[45]/.test(c) && !page)) {
				const r = resolveResp(op.responses[c]);
				const schema = r.content &&
				    r.content["application/problem+json"] &&
				    r.content["application/problem+json"].schema;
				if (!schema || schema.$ref !== "#/components/schemas/Problem")
					bad.push(`${meth} ${p} ${c}: not problem+json`);
			}
		}
	}
	check("document: every operation has a 2xx, 401/403 where a key matters, " +
	    "and problem+json errors", bad.length === 0, bad.join("; "));
}

// --- schemas -------------------------------------------------------------

const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
addFormats(ajv);
const SCHEMA_BASE = "urn:tripmode:openapi:";
// The component schemas as JSON Schema documents of their own.
function rewrite(node) {
	if (Array.isArray(node))
		return node.map(rewrite);
	if (node && typeof node === "object") {
		const out = {};
		for (const [k, v] of Object.entries(node)) {
			if (k === "$ref" && typeof v === "string" &&
			    v.startsWith("#/components/schemas/"))
				out[k] = SCHEMA_BASE + v.slice("#/components/schemas/".length);
			else
				out[k] = rewrite(v);
		}
		return out;
	}
	return node;
}
{
	let err = null;
	try {
		for (const [name, s] of Object.entries(doc.components.schemas))
			ajv.addSchema({ ...rewrite(s), $id: SCHEMA_BASE + name });
		for (const name of Object.keys(doc.components.schemas))
			ajv.getSchema(SCHEMA_BASE + name);
	} catch (e) {
		err = e;
	}
	check(`schemas: all ${Object.keys(doc.components.schemas).length} compile ` +
	    "(JSON Schema 2020-12, ajv strict)", !err, err && err.message);
}

const compiled = new Map();
function validatorFor(schema) {
	const key = JSON.stringify(schema);
	if (!compiled.has(key))
		compiled.set(key, ajv.compile(rewrite(schema)));
	return compiled.get(key);
}

// The operation for a method and a concrete path.
function operation(method, path) {
	const bare = path.split("?")[0];
	for (const [tmpl, item] of Object.entries(doc.paths)) {
		const re = new RegExp("^" + tmpl.split(/\{[a-z]+\}/)
		    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
		    .join("[^/]+") + "/?$");
		if (re.test(bare) && item[method.toLowerCase()])
			return { tmpl, op: item[method.toLowerCase()] };
	}
	return null;
}

function responseFor(op, status) {
	let r = op.responses[String(status)] || op.responses.default;
	if (r && r.$ref)
		r = doc.components.responses[r.$ref.split("/").pop()];
	return r;
}

/*
 * Make a call and validate the answer against the document: the status
 * must be documented, the body must match the schema for its content type,
 * and a documented ETag header must be there and well-formed.
 */
async function call(name, method, path, opts = {}) {
	const headers = { ...(opts.headers || {}) };
	if (opts.key)
		headers.Authorization = `Bearer ${opts.key}`;
	let body;
	if (opts.json !== undefined) {
		headers["Content-Type"] = "application/json";
		body = JSON.stringify(opts.json);
	} else if (opts.body !== undefined) {
		body = opts.body;
	}
	let res;
	try {
		res = await fetch(URL_ + path, { method, headers, body });
	} catch (e) {
		fail(name, `${method} ${path}: ${e.message}`);
		return null;
	}
	const ct = (res.headers.get("content-type") || "").split(";")[0].trim();
	const text = await res.text();
	let data = null;
	if (/json/.test(ct)) {
		try {
			data = JSON.parse(text);
		} catch (e) {
			fail(name, `${method} ${path}: not JSON: ${text.slice(0, 200)}`);
			return null;
		}
	}
	const out = { status: res.status, data, text, ct,
	    etag: res.headers.get("etag"),
	    location: res.headers.get("location") };
	const why = [];
	if (opts.expect !== undefined && res.status !== opts.expect)
		why.push(`status ${res.status}, expected ${opts.expect}: ${text.slice(0, 300)}`);
	const found = operation(method, path);
	if (!found) {
		why.push(`${method} ${path} is not in the document`);
	} else {
		// A request the daemon took must fit the documented request body.
		const rb = found.op.requestBody && found.op.requestBody.content &&
		    found.op.requestBody.content["application/json"];
		if (opts.json !== undefined && res.status < 300 && rb) {
			const v = validatorFor(rb.schema);
			if (!v(opts.json))
				why.push(`the request body, taken by the daemon, does not fit ` +
				    `the document: ${ajv.errorsText(v.errors, { separator: "; " })}`);
		}
		const r = responseFor(found.op, res.status);
		if (!r) {
			why.push(`status ${res.status} is not documented for ${method} ${found.tmpl}`);
		} else if (res.status !== 304) {
			const media = r.content && r.content[ct];
			if (!media) {
				why.push(`${ct} is not documented for ${method} ${found.tmpl} ${res.status}`);
			} else if (media.schema && data !== null) {
				const v = validatorFor(media.schema);
				if (!v(data))
					why.push(`${method} ${found.tmpl} ${res.status}: ` +
					    ajv.errorsText(v.errors, { separator: "; " }));
			}
			if (r.headers && r.headers.ETag && !/^"[0-9]+"$/.test(out.etag || ""))
				why.push(`ETag missing or malformed: ${out.etag}`);
			if (r.headers && r.headers.Location && !out.location)
				why.push("Location missing");
		}
	}
	if (opts.test) {
		const t = opts.test(out);
		if (t !== true)
			why.push(t || "the answer is not as expected");
	}
	if (why.length)
		fail(name, why.join("; "));
	else
		ok(name);
	return out;
}

// --- a sample of calls -----------------------------------------------------

const trip = { destination: "Keulen", departure_date: "2027-03-08",
    return_date: "2027-03-10", travellers: 2 };

await call("healthz", "GET", "/healthz", { expect: 200 });
await call("decision: Keulen", "POST", "/v1/decisions", { json: trip, expect: 200,
    test: (r) => r.data.ruling.mode === "train" &&
	r.data.ruling.strength === "mandatory" || "not train mandatory" });
await call("decision: a place by coordinates (no rail, null figures)", "POST",
    "/v1/decisions", { expect: 200, json: { destination: { name: "Palma",
    country: "ES", lat: 39.5696, lon: 2.6502 }, departure_date: "2027-05-03",
    return_date: "2027-05-06" } });
await call("decision: unknown place is 422 with suggestions", "POST",
    "/v1/decisions", { json: { ...trip, destination: "Keulenn" }, expect: 422,
    test: (r) => (r.data.suggestions || []).some((s) => s.id === "cologne") ||
	"no suggestion cologne" });
await call("decision: unknown member is 400 naming it", "POST", "/v1/decisions",
    { json: { ...trip, colour: "red" }, expect: 400,
    test: (r) => r.data.errors.some((e) => e.field === "colour") || "colour not named" });
await call("decision: malformed JSON is 400", "POST", "/v1/decisions",
    { body: "{", headers: { "Content-Type": "application/json" }, expect: 400 });
await call("decision: wrong Content-Type is 415", "POST", "/v1/decisions",
    { body: "a=b", headers: { "Content-Type": "application/x-www-form-urlencoded" },
    expect: 415 });
await call("list", "GET", "/v1/destinations", { expect: 200,
    test: (r) => r.data.destinations.some((e) => e.id === "cologne") || "no cologne" });
await call("list: search", "GET", "/v1/destinations?q=keulen", { expect: 200,
    test: (r) => r.data.count === 1 || `count ${r.data.count}` });
await call("list: CSV", "GET", "/v1/destinations",
    { headers: { Accept: "text/csv" }, expect: 200,
    test: (r) => r.ct === "text/csv" && r.text.startsWith("id,name,") || r.ct });
await call("list: unknown query parameter is 400", "GET", "/v1/destinations?colour=red",
    { expect: 400 });
const entry = await call("entry: cologne, with an ETag", "GET",
    "/v1/destinations/cologne", { expect: 200 });
if (entry && entry.etag)
	await call("entry: If-None-Match gives 304", "GET", "/v1/destinations/cologne",
	    { headers: { "If-None-Match": entry.etag }, expect: 304 });
await call("entry: unknown id is 404", "GET", "/v1/destinations/atlantis",
    { expect: 404 });
await call("history: cologne", "GET", "/v1/destinations/cologne/history",
    { expect: 200 });
await call("policy", "GET", "/v1/policy", { expect: 200 });
await call("policy history", "GET", "/v1/policy/history", { expect: 200 });
await call("factors", "GET", "/v1/factors", { expect: 200 });
await call("factors history", "GET", "/v1/factors/history", { expect: 200 });
await call("zone: rail-europe", "GET", "/v1/zones/rail-europe", { expect: 200 });
await call("zone history", "GET", "/v1/zones/rail-europe/history", { expect: 200 });
await call("zone: unknown id is 404", "GET", "/v1/zones/atlantis", { expect: 404 });
await call("rail network", "GET", "/v1/rail-network", { expect: 200,
    test: (r) => r.data.hubs.length >= 100 || "fewer than 100 hubs" });
await call("rail network history", "GET", "/v1/rail-network/history",
    { expect: 200 });
await call("a decision with its rail route", "POST", "/v1/decisions",
    { expect: 200, json: { destination: "Marseille",
    departure_date: "2027-03-08", return_date: "2027-03-10" },
    test: (r) => r.data.rail.route.legs.length >= 2 || "no legs" });
await call("write without a key is 401", "POST", "/v1/destinations",
    { json: {}, expect: 401 });
await call("a revoked or unknown key is 401", "GET", "/v1/destinations",
    { key: "tm_not-a-key", expect: 401 });

if (KEYS.staff)
	await call("write with a staff key is 403", "POST", "/v1/destinations",
	    { key: KEYS.staff, json: {}, expect: 403 });

if (KEYS.admin) {
	const A = KEYS.admin;
	const tid = `node-test-${Date.now().toString(36)}`;
	const e = { id: tid, name: "Nodetown", country: "DE",
	    lat: 50.1, lon: 8.6, mode: "train", strength: "recommended",
	    rail_hours: 4.5, rail_source: "estimate", rail_estimated: true };
	await call("create: every invalid field named (422)", "POST",
	    "/v1/destinations", { key: A, expect: 422,
	    json: { ...e, lat: 100, mode: "boat", country: "de" },
	    test: (r) => ["lat", "mode", "country"].every((f) =>
		r.data.errors.some((x) => x.field === f)) || "not every field named" });
	const c = await call("create: 201 with ETag and Location", "POST",
	    "/v1/destinations", { key: A, json: e, expect: 201 });
	await call("create: the id exists (409)", "POST", "/v1/destinations",
	    { key: A, json: e, expect: 409 });
	await call("replace: without If-Match is 428", "PUT",
	    `/v1/destinations/${tid}`, { key: A, json: e, expect: 428 });
	const p = await call("replace: with If-Match", "PUT",
	    `/v1/destinations/${tid}`, { key: A, expect: 200,
	    json: { ...(c && c.data), rail_hours: 4.2 },
	    headers: { "If-Match": c && c.etag } });
	await call("replace: a stale If-Match is 412 naming who and when", "PUT",
	    `/v1/destinations/${tid}`, { key: A, expect: 412,
	    json: { ...(c && c.data), rail_hours: 4.0 },
	    headers: { "If-Match": c && c.etag },
	    test: (r) => (r.data.changed_by && r.data.changed_at &&
		r.data.detail.includes(r.data.changed_by)) || "who/when missing" });
	await call("history: the change, field by field", "GET",
	    `/v1/destinations/${tid}/history`, { expect: 200,
	    test: (r) => r.data.versions.length === 2 &&
		r.data.versions[1].changes.rail_hours.to === 4.2 || "no rail_hours change" });
	await call("retire", "DELETE", `/v1/destinations/${tid}`,
	    { key: A, expect: 200, headers: { "If-Match": p && p.etag },
	    test: (r) => r.data.retired !== null || "not retired" });
	await call("retire again is 409", "DELETE", `/v1/destinations/${tid}`,
	    { key: A, expect: 409 });
	const csv = await (await fetch(`${URL_}/v1/destinations?include_retired=true`,
	    { headers: { Accept: "text/csv" } })).text();
	await call("import: the export, dry run, changes nothing", "POST",
	    "/v1/destinations/import?dry_run=true", { key: A, body: csv,
	    headers: { "Content-Type": "text/csv" }, expect: 200,
	    test: (r) => r.data.created.length === 0 && r.data.updated.length === 0 ||
		"something would change" });
	await call("import: a bad row is 422 naming row and column", "POST",
	    "/v1/destinations/import?dry_run=true", { key: A,
	    body: "id,name,country,lat,lon,mode,strength\r\nx-town,X,DE,95,8,train,free\r\n",
	    headers: { "Content-Type": "text/csv" }, expect: 422,
	    test: (r) => r.data.errors.some((x) => x.row === 2 && x.column === "lat") ||
		"row 2 lat not named" });
	const pol = await call("policy: GET for an edit", "GET", "/v1/policy",
	    { expect: 200 });
	await call("policy: PUT unchanged keeps the version", "PUT", "/v1/policy",
	    { key: A, expect: 200, json: pol && pol.data,
	    headers: { "If-Match": pol && pol.etag },
	    test: (r) => r.data.version === pol.data.version || "new version" });
	await call("policy: an invalid value is 422", "PUT", "/v1/policy",
	    { key: A, expect: 422, json: { ...(pol && pol.data), near_km: -1 },
	    headers: { "If-Match": pol && pol.etag } });
	const fac = await call("factors: GET for an edit", "GET", "/v1/factors",
	    { expect: 200 });
	await call("factors: PUT unchanged keeps the version", "PUT", "/v1/factors",
	    { key: A, expect: 200, json: fac && fac.data,
	    headers: { "If-Match": fac && fac.etag },
	    test: (r) => r.data.version === fac.data.version || "new version" });
	await call("factors: history of an unknown set is 404", "GET",
	    "/v1/factors/history?name=nope", { expect: 404 });
	const zone = await call("zone: GET for an edit", "GET", "/v1/zones/rail-europe",
	    { expect: 200 });
	await call("zone: PUT of an existing zone without If-Match is 428", "PUT",
	    "/v1/zones/rail-europe", { key: A, expect: 428, json: zone && zone.data });
	await call("zone: PUT unchanged with If-Match", "PUT", "/v1/zones/rail-europe",
	    { key: A, expect: 200, json: zone && zone.data,
	    headers: { "If-Match": zone && zone.etag } });
	const net = await call("rail network: GET for an edit", "GET",
	    "/v1/rail-network", { expect: 200 });
	await call("rail network: PUT without If-Match is 428", "PUT",
	    "/v1/rail-network", { key: A, expect: 428, json: net && net.data });
	await call("rail network: PUT unchanged keeps the version", "PUT",
	    "/v1/rail-network", { key: A, expect: 200, json: net && net.data,
	    headers: { "If-Match": net && net.etag },
	    test: (r) => r.data.version === net.data.version || "new version" });
	await call("rail network: an edge to no hub is 422", "PUT",
	    "/v1/rail-network", { key: A, expect: 422,
	    json: net && { ...net.data, edges: [...net.data.edges,
	    { from: "gent-sint-pieters", to: "atlantis", minutes: 5,
	    kind: "day", operator: "x", source: "test", source_date: "2026" }] },
	    headers: { "If-Match": net && net.etag } });
	await call("zone: a self-intersecting polygon is 422", "PUT",
	    `/v1/zones/${tid}`, { key: A, expect: 422, json: {
		type: "Feature", properties: { name: "bow tie" },
		geometry: { type: "Polygon", coordinates: [[[0, 0], [1, 1],
		    [1, 0], [0, 1], [0, 0]]] } } });
} else {
	skip("admin writes", "no TRIPMODE_ADMIN_KEY");
}

// Trips, approval and reports.
if (KEYS.staff && KEYS.hr) {
	const body = { trip, traveller: { name: "An Peeters",
	    email: "an.peeters@stad.gent", department: "Milieudienst" },
	    chosen_mode: "train" };
	const t = await call("trip: filed (201)", "POST", "/v1/trips",
	    { key: KEYS.staff, json: body, expect: 201,
	    test: (r) => /^TR-2027-\d{6}$/.test(r.data.reference) &&
		r.data.status === "pending" && r.data.compliant === true ||
		"reference/status/compliant" });
	if (t && t.data) {
		const id = t.data.id;
		await call("trip: plane without an exception is 422", "POST",
		    "/v1/trips", { key: KEYS.staff, expect: 422,
		    json: { ...body, chosen_mode: "plane" },
		    test: (r) => r.data.errors.some((e) => /exception/.test(e.field)) ||
			"exception not named" });
		await call("trip: plane with an exception is not compliant", "POST",
		    "/v1/trips", { key: KEYS.staff, expect: 201,
		    json: { ...body, chosen_mode: "plane",
			exception: { reason: "medical" } },
		    test: (r) => r.data.compliant === false || "compliant" });
		await call("trip: unknown traveller member is 400", "POST", "/v1/trips",
		    { key: KEYS.staff, expect: 400,
		    json: { ...body, traveller: { ...body.traveller, phone: "1" } } });
		await call("trips: list (hr)", "GET", "/v1/trips?status=pending",
		    { key: KEYS.hr, expect: 200,
		    test: (r) => r.data.trips.some((x) => x.id === id) || "not listed" });
		await call("trips: a staff key may not list (403)", "GET", "/v1/trips",
		    { key: KEYS.staff, expect: 403 });
		await call("trip: one, with its decision", "GET", `/v1/trips/${id}`,
		    { key: KEYS.hr, expect: 200 });
		await call("trip: unknown id is 404", "GET", "/v1/trips/999999",
		    { key: KEYS.hr, expect: 404 });
		await call("approval: reject without a note is 422", "POST",
		    `/v1/trips/${id}/approval`, { key: KEYS.hr, expect: 422,
		    json: { decision: "reject" } });
		await call("approval: approve", "POST", `/v1/trips/${id}/approval`,
		    { key: KEYS.hr, expect: 200, json: { decision: "approve",
		    note: "fine" }, test: (r) => r.data.status === "approved" &&
			r.data.approval && r.data.approval.decision === "approve" ||
			"not approved" });
		await call("approval: only once (409)", "POST",
		    `/v1/trips/${id}/approval`, { key: KEYS.hr, expect: 409,
		    json: { decision: "approve" } });
		for (const g of ["department", "mode", "destination", "month"])
			await call(`report: CO2 by ${g}`, "GET",
			    `/v1/reports/co2?group_by=${g}`, { key: KEYS.hr, expect: 200,
			    test: (r) => r.data.total.trips >= 1 || "no trips" });
		await call("report: an unknown group_by is 400", "GET",
		    "/v1/reports/co2?group_by=colour", { key: KEYS.hr, expect: 400 });
		await call("report: CSV", "GET", "/v1/reports/co2",
		    { key: KEYS.hr, headers: { Accept: "text/csv" }, expect: 200,
		    test: (r) => r.text.startsWith("key,trips,co2e_kg,co2e_kg_avoided," +
			"train_share") || r.text.slice(0, 80) });
	}
} else {
	skip("trips", "no TRIPMODE_STAFF_KEY and TRIPMODE_HR_KEY");
}

console.log(`# node openapi: ${passed} passed, ${failed} failed` +
    (skipped ? `, ${skipped} skipped` : ""));
process.exit(failed ? 1 : 0);
