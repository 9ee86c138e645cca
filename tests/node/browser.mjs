// The web pages in a real browser (Debian's Chromium, driven by
// playwright-core): the staff form and answer page in Dutch, filing a trip
// request, and the administrators' page.
//
// Environment: TRIPMODE_URL (the daemon), TRIPMODE_ADMIN_KEY (an admin
// key), TRIPMODE_ADMIN2_KEY (a second admin's key, to make an edit stale),
// SCREENSHOT (where the answer page's screenshot goes; default in the
// temporary directory), CHROMIUM (default /usr/bin/chromium), TMPDIR.
// Prints "ok   NAME" or "FAIL NAME: why" per check; exits 1 on a failure.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { chromium } from "playwright-core";

const URL_ = (process.env.TRIPMODE_URL || "").replace(/\/$/, "");
const ADMIN = process.env.TRIPMODE_ADMIN_KEY || "";
const ADMIN2 = process.env.TRIPMODE_ADMIN2_KEY || ADMIN;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const work = mkdtempSync(join(process.env.TMPDIR || tmpdir(), "tripmode-browser-"));
const SCREENSHOT = process.env.SCREENSHOT || join(work, "answer-keulen-nl.png");

let passed = 0, failed = 0;
function ok(name) { passed++; console.log(`ok   ${name}`); }
function fail(name, why) {
	failed++;
	console.log(`FAIL ${name}: ${String(why).replace(/\s+/g, " ").slice(0, 600)}`);
}

// Run one check; an exception or a false result fails it.
async function step(name, fn) {
	try {
		const r = await fn();
		if (r === false || typeof r === "string")
			fail(name, r || "not as expected");
		else
			ok(name);
		return r !== false && typeof r !== "string";
	} catch (e) {
		fail(name, e.message.split("\n")[0]);
		return false;
	}
}

async function api(method, path, key, json, headers = {}) {
	const h = { ...headers };
	if (key)
		h.Authorization = `Bearer ${key}`;
	if (json !== undefined)
		h["Content-Type"] = "application/json";
	const res = await fetch(URL_ + path, { method, headers: h,
	    body: json === undefined ? undefined : JSON.stringify(json) });
	const text = await res.text();
	let data = null;
	try { data = JSON.parse(text); } catch (e) { /* not JSON */ }
	return { status: res.status, etag: res.headers.get("etag"), data, text };
}

if (!URL_ || !ADMIN) {
	console.log("FAIL setup: set TRIPMODE_URL and TRIPMODE_ADMIN_KEY");
	process.exit(1);
}

let ctx;
try {
	// The flags this machine needs (.library env notes): no sandbox as
	// root, no GPU, and no background traffic to the closed network.
	ctx = await chromium.launchPersistentContext(join(work, "profile"), {
		executablePath: CHROMIUM,
		headless: true,
		args: ["--headless", "--no-sandbox", "--disable-gpu",
		    "--disable-quic", "--no-first-run",
		    "--disable-background-networking",
		    "--disable-component-update", "--disable-sync"],
		locale: "nl-BE",
		viewport: { width: 1100, height: 900 },
	});
} catch (e) {
	console.log(`FAIL browser: cannot start ${CHROMIUM}: ${e.message.split("\n")[0]}`);
	process.exit(1);
}
ctx.setDefaultTimeout(10000);
const page = await ctx.newPage();
const pageErrors = [];
page.on("pageerror", (e) => pageErrors.push(`uncaught: ${e.message}`));
page.on("console", (m) => {
	// A fetch answered 4xx is logged too; those are expected here.
	if (m.type() === "error" && !/Failed to load resource/.test(m.text()))
		pageErrors.push(m.text());
});
const dialogs = [];
page.on("dialog", (d) => { dialogs.push(d.message()); d.accept(); });

// Fill the visible field of a form whose name, id or label matches.
async function fillLike(form, pattern, value) {
	const fields = await form.evaluate((f) => [...f.querySelectorAll(
	    "input, select, textarea")].filter((i) => i.type !== "hidden" &&
	    i.type !== "submit" && i.offsetParent !== null).map((i) => ({
		name: i.name, id: i.id, type: i.type,
		label: i.labels && i.labels[0] ? i.labels[0].textContent : "" })));
	const hit = fields.find((x) => pattern.test(x.name) || pattern.test(x.id)) ||
	    fields.find((x) => pattern.test(x.label));
	if (!hit)
		throw new Error(`no field like ${pattern} among ` +
		    fields.map((x) => x.name || x.id).join(", "));
	await form.locator(hit.id ? `[id="${hit.id}"]` : `[name="${hit.name}"]`)
	    .first().fill(value);
	return hit;
}

// --- the staff form, the answer page, a trip request ----------------------

const form = await page.goto(`${URL_}/?lang=nl`);
{
	await step("form: GET /?lang=nl is a Dutch page", async () =>
	    form.status() === 200 &&
	    (await page.getAttribute("html", "lang")) === "nl" ||
	    `status ${form.status()}, lang ${await page.getAttribute("html", "lang")}`);
	await step("form: every input has a label", async () => {
		const bare = await page.evaluate(() => [...document.querySelectorAll(
		    "input, select, textarea")].filter((i) => i.type !== "hidden" &&
		    i.type !== "submit" && !(i.labels && i.labels.length) &&
		    !i.getAttribute("aria-label")).map((i) => i.name || i.id));
		return bare.length === 0 || `without a label: ${bare.join(", ")}`;
	});
	const answered = await step("form: Keulen, 8-10 March 2027, submitted", async () => {
		const f = page.locator("form", { has: page.locator("[name=destination]") })
		    .first();
		await f.locator("[name=destination]").fill("Keulen");
		await f.locator("[name=departure_date]").fill("2027-03-08");
		await f.locator("[name=return_date]").fill("2027-03-10");
		await Promise.all([page.waitForURL(/\/decide\?/),
		    f.locator("[type=submit]").first().click()]);
		return true;
	});
	if (answered) {
		await step("answer: \"Trein verplicht\"", async () => {
			const text = await page.locator("body").innerText();
			return /Trein verplicht/.test(text) || text.slice(0, 300);
		});
		await step("answer: an inline <svg> chart (role img, with a title)", async () => {
			const svg = page.locator("svg").first();
			await svg.waitFor();
			const info = await svg.evaluate((s) => ({
			    role: s.getAttribute("role"),
			    title: s.querySelector("title") ? s.querySelector("title")
				.textContent : "",
			    texts: [...s.querySelectorAll("text")].map((t) => t.textContent) }));
			return info.role === "img" && info.title.length > 0 &&
			    info.texts.some((t) => /\d/.test(t)) || JSON.stringify(info);
		});
		await step("answer: each bar drawn stacked, its parts as wide as the bar, the lines' colours distinct, with a legend", async () => {
			const info = await page.locator("svg.co2-chart").evaluate((s) => {
				const bars = [...s.querySelectorAll("g.bar")].map((g) => {
					const bar = g.querySelector("rect[class^=bar-]").getBBox().width;
					const segs = [...g.querySelectorAll("rect.seg")];
					return { bar, sum: segs.reduce((a, r) => a + r.getBBox().width, 0),
					    fills: segs.map((r) => getComputedStyle(r).fill + "/" +
						getComputedStyle(r).fillOpacity) };
				});
				const legend = [...s.querySelectorAll(".legend text")].map((t) => t.textContent);
				return { bars, legend };
			});
			const ok = info.bars.length >= 2 && info.bars.every((b) =>
			    Math.abs(b.bar - b.sum) < 0.5 && b.fills.length >= 2 &&
			    new Set(b.fills).size === b.fills.length) &&
			    info.legend.join("|") === "verbruik|brandstofproductie|niet-CO₂-effecten|hotelnachten";
			return ok || JSON.stringify(info);
		});
		await step("answer: screenshot", async () => {
			await page.screenshot({ path: SCREENSHOT, fullPage: true });
			console.log(`# screenshot: ${SCREENSHOT}`);
			return true;
		});
		const filed = await step("trip request: name, e-mail, department, submitted",
		    async () => {
			const f = page.locator("form[method=post], form[method=POST]")
			    .filter({ has: page.locator("[type=submit]") }).last();
			await fillLike(f, /^(traveller[._-]?)?name$|naam/i, "An Peeters");
			await fillLike(f, /mail/i, "an.peeters@stad.gent");
			await fillLike(f, /department|dienst|afdeling/i, "Milieudienst");
			await Promise.all([page.waitForLoadState("load"),
			    page.waitForResponse((r) => r.request().method() === "POST"),
			    f.locator("[type=submit]").last().click()]);
			return true;
		});
		if (filed) {
			await step("trip request: a reference TR-2027-… and the status", async () => {
				const text = await page.locator("body").innerText();
				return /TR-2027-\d{6}/.test(text) &&
				    /pending|in behandeling|ingediend|wacht/i.test(text) ||
				    text.slice(0, 400);
			});
		}
	}
}

// --- the route as a line of stops -------------------------------------------

await page.goto(`${URL_}/decide?destination=Marseille&departure_date=2027-03-08&return_date=2027-03-10&lang=en`);
await step("answer: the route drawn as a line of stops, as the API's legs", async () => {
	const r = await api("POST", "/v1/decisions", null, { destination: "Marseille",
	    departure_date: "2027-03-08", return_date: "2027-03-10" });
	const legs = r.data.rail.route.legs;
	const stops = await page.locator("ol.stops li.stop").allInnerTexts();
	const want = [legs[0].from, ...legs.map((l) => l.to)];
	const line = await page.locator("ol.stops").evaluate((ol) =>
	    getComputedStyle(ol).borderLeftStyle);
	return JSON.stringify(stops) === JSON.stringify(want) && line === "solid" ||
	    JSON.stringify({ stops, want, line });
});

// --- the administrators' page ----------------------------------------------

const listRows = () => page.locator("#list-body tr");

const cookiesBefore = JSON.stringify((await ctx.cookies(URL_))
    .map((c) => c.name).sort());
const admin = await page.goto(`${URL_}/admin`);
await step("admin: GET /admin is HTML with a script-src 'self' policy", async () => {
	const h = admin.headers();
	return admin.status() === 200 && /^text\/html/.test(h["content-type"]) &&
	    /script-src 'self'/.test(h["content-security-policy"] || "") ||
	    `${admin.status()} ${h["content-type"]} ${h["content-security-policy"]}`;
});
await step("admin: a wrong key is refused next to the field", async () => {
	await page.locator("#key").fill("tm_wrong");
	await page.locator("#key-form [type=submit]").click();
	await page.locator("#key-error").waitFor({ state: "visible" });
	return /not known/.test(await page.locator("#key-error").innerText()) &&
	    (await page.getAttribute("#key", "aria-invalid")) === "true";
});
const signedIn = await step("admin: the key once, then the list with Köln", async () => {
	await page.locator("#key").fill(ADMIN);
	await page.locator("#key").press("Enter");
	await listRows().filter({ hasText: "Köln" }).first().waitFor();
	const n = await listRows().count();
	return n >= 40 || `${n} rows`;
});
if (signedIn) {
	await step("admin: a list time more than an hour from the network's is flagged", async () => {
		const r = await api("GET", "/v1/destinations", null);
		const far = r.data.destinations.filter((e) => e.rail_hours !== null &&
		    e.network_hours !== null &&
		    Math.abs(e.network_hours - e.rail_hours) > 1);
		const near = r.data.destinations.filter((e) => e.rail_hours !== null &&
		    e.network_hours !== null &&
		    Math.abs(e.network_hours - e.rail_hours) <= 1);
		if (far.length === 0 || near.length === 0)
			return `flagged ${far.length}, not flagged ${near.length}`;
		const flag = await page.locator(`#list-body tr[data-id="${far[0].id}"] .rail-differs`)
		    .innerText();
		const none = await page.locator(`#list-body tr[data-id="${near[0].id}"] .rail-differs`)
		    .count();
		return flag === `the network says ${far[0].network_hours} h, the list says ${far[0].rail_hours} h` &&
		    none === 0 || JSON.stringify({ flag, none, id: far[0].id });
	});
	await step("admin: the key is in sessionStorage only, no cookie", async () => {
		const s = await page.evaluate(() => ({ session: sessionStorage.length,
		    local: localStorage.length, cookie: document.cookie }));
		s.cookies = JSON.stringify((await ctx.cookies(URL_))
		    .map((c) => c.name).sort());
		return s.session === 1 && s.local === 0 && s.cookie === "" &&
		    s.cookies === cookiesBefore ||
		    `${JSON.stringify(s)}; before: ${cookiesBefore}`;
	});
	await step("admin: search \"keulen\" finds one row", async () => {
		await page.getByLabel("Search by name, alias or id").fill("keulen");
		await page.keyboard.press("Enter");
		await page.waitForFunction(() =>
		    document.querySelectorAll("#list-body tr").length === 1);
		return /cologne/.test(await listRows().first().innerText());
	});

	await step("admin: export as CSV downloads the list", async () => {
		const [download] = await Promise.all([page.waitForEvent("download"),
		    page.getByRole("button", { name: "Export as CSV" }).click()]);
		const path = join(work, "export.csv");
		await download.saveAs(path);
		const text = readFileSync(path, "utf8");
		return download.suggestedFilename() === "destinations.csv" &&
		    text.startsWith("id,name,") && text.includes("cologne") ||
		    `${download.suggestedFilename()}: ${text.slice(0, 80)}`;
	});

	// A value is text, never markup.
	const evil = `xss-${Date.now().toString(36)}`;
	await api("POST", "/v1/destinations", ADMIN, { id: evil,
	    name: "<img src=x onerror=\"window.__xss=1\">", country: "DE",
	    lat: 50, lon: 8, mode: "train", strength: "free" });
	await step("admin: a name with markup is shown as text", async () => {
		await page.getByLabel("Search by name, alias or id").fill(evil);
		await page.keyboard.press("Enter");
		const row = listRows().filter({ hasText: "<img" }).first();
		await row.waitFor();
		const imgs = await page.locator("#list-body img").count();
		const xss = await page.evaluate(() => window.__xss);
		return imgs === 0 && xss === undefined || `img ${imgs}, xss ${xss}`;
	});
	await step("admin: retire (confirmed), then a message", async () => {
		await page.getByRole("button", { name: /^Retire <img/ }).click();
		await page.locator("#status").filter({ hasText: /Retired/ }).waitFor();
		return dialogs.length === 1 || `dialogs: ${dialogs.length}`;
	});

	// Edit, with a second administrator saving first: 412, then redo.
	await page.getByLabel("Search by name, alias or id").fill("keulen");
	await page.keyboard.press("Enter");
	await page.waitForFunction(() =>
	    document.querySelectorAll("#list-body tr").length === 1);
	const opened = await step("admin: Edit opens the form, focus on its heading",
	    async () => {
		await page.getByRole("button", { name: "Edit Köln" }).click();
		await page.locator("#edit-section").waitFor({ state: "visible" });
		const focus = await page.evaluate(() => document.activeElement.id);
		const v = await page.locator("#f-rail_hours").inputValue();
		return focus === "edit-title" && v !== "" || `focus ${focus}, rail ${v}`;
	});
	if (opened) {
		await step("admin: a stale save is refused naming who and when", async () => {
			const cur = await api("GET", "/v1/destinations/cologne");
			const put = await api("PUT", "/v1/destinations/cologne", ADMIN2,
			    { ...cur.data, rail_hours: 2.5 }, { "If-Match": cur.etag });
			if (put.status !== 200)
				return `the other admin's PUT: ${put.status} ${put.text}`;
			await page.locator("#f-rail_hours").fill("2.4");
			await page.getByRole("button", { name: "Save" }).click();
			const alert = page.locator("#edit-alert");
			await alert.filter({ hasText: "Not saved" }).waitFor();
			const text = await alert.innerText();
			return text.includes(put.data.updated_by) &&
			    text.includes(put.data.updated_at.slice(0, 10)) || text;
		});
		await step("admin: load the current version, change, save", async () => {
			await page.getByRole("button", { name: "Load the current version" })
			    .click();
			await page.waitForFunction(() =>
			    document.getElementById("f-rail_hours").value === "2.5");
			await page.locator("#f-rail_hours").fill("2.6");
			await page.locator("#f-rail_hours").press("Enter");
			await page.locator("#status").filter({ hasText: /Saved Köln/ })
			    .waitFor();
			const now = await api("GET", "/v1/destinations/cologne");
			return now.data.rail_hours === 2.6 || `rail_hours ${now.data.rail_hours}`;
		});
		await step("admin: history shows rail_hours 2.5 -> 2.6 and who", async () => {
			await page.getByRole("button", { name: "History Köln" }).click();
			const h = page.locator("#history-list");
			await h.waitFor({ state: "visible" });
			const text = await h.innerText();
			return /rail_hours\s+2\.5\s+2\.6/.test(text) && /create/.test(text) ||
			    text.slice(0, 400);
		});
		await step("admin: Escape goes back to the list", async () => {
			await page.keyboard.press("Escape");
			await page.locator("#list-section").waitFor({ state: "visible" });
			return true;
		});
	}
	await step("admin: errors next to their fields (422)", async () => {
		await page.getByRole("button", { name: "Add a destination" }).click();
		await page.locator("#f-id").fill("errors-test");
		await page.locator("#f-country").fill("DE");
		await page.locator("#f-lat").fill("100");
		await page.locator("#f-lon").fill("8");
		await page.getByRole("button", { name: "Save" }).click();
		await page.locator("#e-lat").waitFor({ state: "visible" });
		const name = await page.locator("#e-name").isVisible();
		const inv = await page.getAttribute("#f-lat", "aria-invalid");
		const gone = await api("GET", "/v1/destinations/errors-test");
		return name && inv === "true" && gone.status === 404 ||
		    `name error ${name}, aria-invalid ${inv}, stored ${gone.status}`;
	});
	await step("admin: forget the key", async () => {
		await page.locator("#cancel-edit").click();
		await page.locator("#forget-key").click();
		await page.locator("#key-section").waitFor({ state: "visible" });
		return await page.evaluate(() => sessionStorage.length) === 0;
	});
}
await step("pages: no script errors and no CSP violations", () =>
    pageErrors.length === 0 || pageErrors.join(" | "));

await ctx.close();
if (!process.env.SCREENSHOT)
	rmSync(join(work, "profile"), { recursive: true, force: true });
else
	rmSync(work, { recursive: true, force: true });
console.log(`# node browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
