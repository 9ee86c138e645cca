/*
 * tripmode: the administrators' page (GET /admin).
 *
 * Everything goes through the JSON API with the admin key as a bearer
 * token.  The key is typed in once and kept in sessionStorage (this tab,
 * until it is closed); it is never put in a cookie, and every fetch says
 * credentials: "omit".  So a page on another site cannot make the browser
 * act with the key: the browser attaches no credential of ours to a
 * cross-site request, and the key is readable only by scripts of this
 * origin (the Content-Security-Policy allows no others).
 *
 * Every value from the server is put in the page with textContent or as an
 * input's value, never as HTML.
 */
"use strict";

(function () {
	const KEY_STORE = "tripmode.admin-key";
	const FIELDS = ["id", "name", "name_nl", "name_en", "aliases", "country",
	    "lat", "lon", "coord_source", "mode", "strength", "rail_hours",
	    "rail_estimated", "rail_source", "rail_source_date", "night_train",
	    "night_train_note", "notes", "active_from", "retired"];
	const BOOLEANS = ["rail_estimated", "night_train"];
	const NUMBERS = ["lat", "lon"];
	const NULLABLE_NUMBERS = ["rail_hours"];
	const DATES = ["rail_source_date", "active_from", "retired"];

	const $ = (id) => document.getElementById(id);
	let key = null;
	let editing = null;	/* {id, etag, entry} while editing, null when adding */
	let searchTimer = null;
	let lastFocus = null;

	/* --- small DOM helpers (text only) -------------------------------- */

	function el(tag, text, attrs) {
		const e = document.createElement(tag);
		if (text !== undefined && text !== null)
			e.textContent = String(text);
		if (attrs)
			for (const [k, v] of Object.entries(attrs))
				e.setAttribute(k, v);
		return e;
	}

	function clear(node) {
		while (node.firstChild)
			node.removeChild(node.firstChild);
	}

	function show(node, on) {
		node.hidden = !on;
	}

	function say(text) {
		$("status").textContent = text || "";
	}

	function alarm(text, where) {
		const box = where || $("alert");
		clear(box);
		if (text) {
			if (Array.isArray(text))
				for (const line of text)
					box.appendChild(el("p", line));
			else
				box.appendChild(el("p", text));
		}
	}

	function fmtValue(v) {
		if (v === null || v === undefined)
			return "(none)";
		if (Array.isArray(v))
			return v.length ? v.join(" | ") : "(none)";
		if (typeof v === "object")
			return JSON.stringify(v);
		if (v === "")
			return "(empty)";
		return String(v);
	}

	function fmtTime(iso) {
		if (!iso)
			return "";
		return iso.replace("T", " ").replace(/Z$/, " UTC");
	}

	/* --- the API -------------------------------------------------------- */

	/* Call the API; resolves to {status, ok, etag, data, text}. */
	async function api(method, path, opts) {
		opts = opts || {};
		const headers = { "Accept": opts.accept || "application/json" };
		if (key)
			headers["Authorization"] = "Bearer " + key;
		if (opts.ifMatch)
			headers["If-Match"] = opts.ifMatch;
		let body;
		if (opts.json !== undefined) {
			headers["Content-Type"] = "application/json";
			body = JSON.stringify(opts.json);
		} else if (opts.body !== undefined) {
			headers["Content-Type"] = opts.contentType;
			body = opts.body;
		}
		let res;
		try {
			res = await fetch(path, { method, headers, body,
			    credentials: "omit", cache: "no-store",
			    redirect: "error" });
		} catch (e) {
			return { status: 0, ok: false, data: null, etag: null,
			    text: "",
			    network: "The server cannot be reached: " + e.message };
		}
		const ct = res.headers.get("Content-Type") || "";
		let data = null, text = "";
		if (/json/.test(ct))
			data = await res.json().catch(() => null);
		else
			text = await res.text().catch(() => "");
		return { status: res.status, ok: res.ok, data, text,
		    etag: res.headers.get("ETag") };
	}

	/* A problem's words for a person. */
	function problemText(r) {
		if (r.network)
			return r.network;
		const p = r.data || {};
		return (p.title ? p.title + ": " : "") +
		    (p.detail || ("HTTP " + r.status));
	}

	/* Shared answers to any call: a refused key ends the session. */
	function handled(r) {
		if (r.status === 401) {
			forgetKey("The server refused the key (" + problemText(r) +
			    "). Enter an admin key again.");
			return true;
		}
		if (r.status === 403) {
			alarm("This key has no admin role: " + problemText(r));
			return true;
		}
		if (r.status === 0) {
			alarm(r.network);
			return true;
		}
		return false;
	}

	/* --- the key -------------------------------------------------------- */

	function keyError(text) {
		const p = $("key-error");
		p.textContent = text || "";
		show(p, !!text);
		const input = $("key");
		if (text)
			input.setAttribute("aria-invalid", "true");
		else
			input.removeAttribute("aria-invalid");
	}

	/*
	 * Check that a key is an admin's without changing anything: a dry-run
	 * import of nothing is refused with 401 (unknown key), 403 (a smaller
	 * role) or, for an admin, 422 (the empty file).
	 */
	async function checkKey(candidate) {
		const saved = key;
		key = candidate;
		const r = await api("POST", "/v1/destinations/import?dry_run=true",
		    { body: "", contentType: "text/csv" });
		key = saved;
		if (r.status === 0)
			return r.network;
		if (r.status === 401)
			return "This key is not known to the server (or was revoked).";
		if (r.status === 403)
			return "This key does not have the admin role.";
		if (r.status === 422 || r.ok)
			return null;
		return "Unexpected answer: " + problemText(r);
	}

	async function useKey(ev) {
		ev.preventDefault();
		const candidate = $("key").value.trim();
		if (!candidate) {
			keyError("Enter the key.");
			$("key").focus();
			return;
		}
		say("Checking the key…");
		const why = await checkKey(candidate);
		if (why) {
			say("");
			keyError(why);
			$("key").focus();
			return;
		}
		key = candidate;
		try {
			sessionStorage.setItem(KEY_STORE, key);
		} catch (e) {
			/* Storage off: the key lives as long as the page. */
		}
		$("key").value = "";
		keyError("");
		say("");
		startSession();
	}

	function forgetKey(why) {
		key = null;
		try {
			sessionStorage.removeItem(KEY_STORE);
		} catch (e) {
			/* nothing stored */
		}
		for (const id of ["list-section", "edit-section",
		    "history-section", "session"])
			show($(id), false);
		show($("key-section"), true);
		clear($("list-body"));
		alarm(why || "");
		say(why ? "" : "The key is forgotten.");
		$("key").focus();
	}

	function startSession() {
		show($("key-section"), false);
		show($("session"), true);
		showList();
		loadList();
	}

	/* --- the list ------------------------------------------------------- */

	function listQuery() {
		const q = $("search").value.trim();
		const params = new URLSearchParams();
		if (q)
			params.set("q", q);
		if ($("include-retired").checked)
			params.set("include_retired", "true");
		const s = params.toString();
		return "/v1/destinations" + (s ? "?" + s : "");
	}

	async function loadList() {
		const r = await api("GET", listQuery());
		if (handled(r))
			return;
		if (!r.ok || !r.data) {
			alarm("The list could not be read: " + problemText(r));
			return;
		}
		renderList(r.data.destinations || []);
	}

	function actionButton(label, name, handler) {
		const b = el("button", label, { type: "button",
		    "aria-label": label + " " + name });
		b.addEventListener("click", handler);
		return b;
	}

	function renderList(entries) {
		const body = $("list-body");
		clear(body);
		for (const e of entries) {
			const tr = el("tr");
			tr.dataset.id = e.id;
			const th = el("th", null, { scope: "row" });
			th.appendChild(el("span", e.name, { class: "entry-name" }));
			const other = [e.name_nl, e.name_en].filter((n, i, all) =>
			    n && n !== e.name && all.indexOf(n) === i);
			if (other.length)
				th.appendChild(el("span", " (" + other.join(", ") + ")"));
			th.appendChild(el("br"));
			th.appendChild(el("small", e.id + (e.retired ? ", retired " +
			    e.retired : e.active_from ? ", from " + e.active_from :
			    "")));
			tr.appendChild(th);
			tr.appendChild(el("td", e.country));
			tr.appendChild(el("td", e.mode + ", " + e.strength));
			const hours = el("td", e.rail_hours === null ? "–" :
			    String(e.rail_hours) + (e.rail_estimated ? " (est.)" : ""),
			    { class: "num" });
			// More than an hour between the list and the rail network:
			// one of them needs a look.
			if (e.rail_hours !== null && e.network_hours !== null &&
			    e.network_hours !== undefined &&
			    Math.abs(e.network_hours - e.rail_hours) > 1) {
				hours.appendChild(el("br"));
				hours.appendChild(el("small", "the network says " +
				    e.network_hours + " h, the list says " +
				    e.rail_hours + " h", { class: "rail-differs" }));
			}
			tr.appendChild(hours);
			const changed = el("td", "v" + e.version + ", " +
			    (e.updated_at || "").slice(0, 10),
			    { title: fmtTime(e.updated_at) });
			changed.appendChild(el("br"));
			changed.appendChild(el("small", "by " + e.updated_by));
			tr.appendChild(changed);
			const td = el("td");
			const box = el("div", null, { class: "actions" });
			box.appendChild(actionButton("Edit", e.name,
			    () => openEdit(e.id)));
			box.appendChild(actionButton("History", e.name,
			    () => openHistory(e.id, e.name)));
			if (!e.retired)
				box.appendChild(actionButton("Retire", e.name,
				    () => retire(e)));
			td.appendChild(box);
			tr.appendChild(td);
			body.appendChild(tr);
		}
		$("list-count").textContent = entries.length === 1 ?
		    "1 destination" : entries.length + " destinations";
	}

	function showList() {
		show($("edit-section"), false);
		show($("history-section"), false);
		show($("list-section"), true);
	}

	function backToList(message) {
		showList();
		if (message)
			say(message);
		loadList();
		if (lastFocus && document.body.contains(lastFocus))
			lastFocus.focus();
		else
			$("list-title").focus();
	}

	async function exportCsv() {
		const r = await api("GET", "/v1/destinations?include_retired=true",
		    { accept: "text/csv" });
		if (handled(r))
			return;
		if (!r.ok) {
			alarm("The export failed: " + problemText(r));
			return;
		}
		const url = URL.createObjectURL(new Blob([r.text],
		    { type: "text/csv" }));
		const a = el("a", null, { href: url,
		    download: "destinations.csv" });
		document.body.appendChild(a);
		a.click();
		a.remove();
		setTimeout(() => URL.revokeObjectURL(url), 10000);
		say("Exported the list (retired entries included) as CSV.");
	}

	/* --- add and edit --------------------------------------------------- */

	function input(name) {
		return $("f-" + name);
	}

	function clearFieldErrors() {
		for (const name of FIELDS) {
			const p = $("e-" + name);
			p.textContent = "";
			show(p, false);
			input(name).removeAttribute("aria-invalid");
		}
		alarm("", $("edit-alert"));
	}

	/* The form's field for an error's field ("aliases[2]" -> aliases). */
	function fieldOf(name) {
		const base = String(name || "").split(/[.[]/)[0];
		return FIELDS.includes(base) ? base : null;
	}

	/* Show every error next to its field; the rest above the form. */
	function showErrors(r, intro) {
		clearFieldErrors();
		const p = r.data || {};
		const general = [intro];
		let first = null;
		for (const err of p.errors || []) {
			const f = fieldOf(err.field);
			if (!f) {
				general.push(err.field + ": " + err.message);
				continue;
			}
			const box = $("e-" + f);
			box.textContent = (box.textContent ? box.textContent + " " :
			    "") + err.message;
			show(box, true);
			input(f).setAttribute("aria-invalid", "true");
			if (!first)
				first = input(f);
		}
		if (!(p.errors || []).length)
			general.push(problemText(r));
		alarm(general, $("edit-alert"));
		if (first)
			first.focus();
		else
			$("edit-title").focus();
	}

	function fillForm(e) {
		for (const name of FIELDS) {
			const i = input(name);
			const v = e ? e[name] : undefined;
			if (BOOLEANS.includes(name))
				i.checked = !!v;
			else if (name === "aliases")
				i.value = Array.isArray(v) ? v.join("|") : "";
			else if (v === null || v === undefined)
				i.value = name === "mode" ? "train" :
				    name === "strength" ? "mandatory" : "";
			else
				i.value = String(v);
		}
		input("id").readOnly = !!e;
	}

	/* The form as an entry for POST or PUT. */
	function readForm() {
		const out = {};
		for (const name of FIELDS) {
			const i = input(name);
			if (BOOLEANS.includes(name)) {
				out[name] = i.checked;
			} else if (name === "aliases") {
				out[name] = i.value.split("|").map((s) => s.trim())
				    .filter((s) => s.length);
			} else if (NUMBERS.includes(name)) {
				/* Empty or not a number: left out, the server names it. */
				if (i.value.trim() !== "" && !isNaN(Number(i.value)))
					out[name] = Number(i.value);
			} else if (NULLABLE_NUMBERS.includes(name)) {
				out[name] = i.value.trim() === "" ? null :
				    Number(i.value);
			} else if (DATES.includes(name)) {
				out[name] = i.value === "" ? null : i.value;
			} else if (name === "country") {
				out[name] = i.value.trim().toUpperCase();
			} else {
				out[name] = i.value.trim();
			}
		}
		return out;
	}

	function openForm(title, versionText) {
		lastFocus = document.activeElement;
		show($("list-section"), false);
		show($("history-section"), false);
		show($("edit-section"), true);
		$("edit-title").textContent = title;
		$("edit-version").textContent = versionText || "";
		clearFieldErrors();
		$("edit-title").focus();
	}

	function openAdd() {
		editing = null;
		fillForm(null);
		openForm("Add a destination", "");
	}

	async function openEdit(id) {
		say("");
		alarm("");
		const r = await api("GET", "/v1/destinations/" +
		    encodeURIComponent(id));
		if (handled(r))
			return;
		if (!r.ok || !r.data) {
			alarm("Cannot open " + id + ": " + problemText(r));
			return;
		}
		editing = { id, etag: r.etag, entry: r.data };
		fillForm(r.data);
		openForm("Edit " + r.data.name, "Version " + r.data.version +
		    ", changed " + fmtTime(r.data.updated_at) + " by " +
		    r.data.updated_by + ".");
	}

	async function save(ev) {
		ev.preventDefault();
		const entry = readForm();
		let r;
		if (editing) {
			r = await api("PUT", "/v1/destinations/" +
			    encodeURIComponent(editing.id),
			    { json: entry, ifMatch: editing.etag });
		} else {
			r = await api("POST", "/v1/destinations", { json: entry });
		}
		if (r.status === 412) {
			staleMessage(r);
			return;
		}
		if (handled(r))
			return;
		if (!r.ok) {
			showErrors(r, "Not saved: " + ((r.data && r.data.detail) ||
			    ("HTTP " + r.status)));
			return;
		}
		const e = r.data;
		const was = editing;
		editing = null;
		backToList((was ? "Saved " : "Added ") + e.name + " (version " +
		    e.version + ").");
	}

	/* 412: somebody else saved first; say who and when. */
	function staleMessage(r) {
		const p = r.data || {};
		clearFieldErrors();
		const box = $("edit-alert");
		const lines = ["Not saved: this entry was changed by someone " +
		    "else after you opened it."];
		if (p.changed_by && p.changed_at)
			lines.push("Changed by " + p.changed_by + " at " +
			    fmtTime(p.changed_at) + (p.current_version ?
			    " (now version " + p.current_version + ")." : "."));
		if (p.detail)
			lines.push(p.detail);
		lines.push("Load their version, then make your change again.");
		alarm(lines, box);
		const b = el("button", "Load the current version",
		    { type: "button" });
		b.addEventListener("click", () => openEdit(editing.id));
		box.appendChild(b);
		b.focus();
	}

	function cancelEdit() {
		editing = null;
		backToList("");
	}

	/* --- retire --------------------------------------------------------- */

	async function retire(e) {
		if (!window.confirm("Retire " + e.name + " (" + e.id + ")? It " +
		    "stops ruling today; it stays in the history."))
			return;
		lastFocus = $("list-title");
		const r = await api("DELETE", "/v1/destinations/" +
		    encodeURIComponent(e.id), { ifMatch: "\"" + e.version + "\"" });
		if (r.status === 412) {
			const p = r.data || {};
			alarm("Not retired: " + e.name + " was changed by " +
			    (p.changed_by || "someone") + " at " +
			    fmtTime(p.changed_at || "") + " after the list was " +
			    "loaded. The list is reloaded; check it and try again.");
			loadList();
			return;
		}
		if (handled(r))
			return;
		if (!r.ok) {
			alarm("Not retired: " + problemText(r));
			return;
		}
		alarm("");
		backToList("Retired " + r.data.name + " as of " + r.data.retired +
		    ".");
	}

	/* --- history -------------------------------------------------------- */

	async function openHistory(id, name) {
		alarm("");
		const r = await api("GET", "/v1/destinations/" +
		    encodeURIComponent(id) + "/history");
		if (handled(r))
			return;
		if (!r.ok || !r.data) {
			alarm("No history for " + id + ": " + problemText(r));
			return;
		}
		lastFocus = document.activeElement;
		const list = $("history-list");
		clear(list);
		for (const v of r.data.versions || []) {
			const li = el("li");
			li.appendChild(el("h3", "Version " + v.version + ": " +
			    v.action + ", " + fmtTime(v.changed_at) + ", by " +
			    v.changed_by));
			const names = Object.keys(v.changes || {});
			if (v.action === "create" || names.length === 0) {
				li.appendChild(el("p", v.action === "create" ?
				    "Created." : "No field changed."));
			} else {
				const t = el("table");
				t.appendChild(el("caption", "Changes in version " +
				    v.version, { class: "visually-hidden" }));
				const head = el("tr");
				for (const h of ["Field", "Before", "After"])
					head.appendChild(el("th", h, { scope: "col" }));
				const thead = el("thead");
				thead.appendChild(head);
				t.appendChild(thead);
				const tb = el("tbody");
				for (const f of names) {
					const row = el("tr");
					row.appendChild(el("th", f, { scope: "row" }));
					row.appendChild(el("td",
					    fmtValue(v.changes[f].from)));
					row.appendChild(el("td",
					    fmtValue(v.changes[f].to)));
					tb.appendChild(row);
				}
				t.appendChild(tb);
				li.appendChild(t);
			}
			list.appendChild(li);
		}
		show($("list-section"), false);
		show($("edit-section"), false);
		show($("history-section"), true);
		$("history-title").textContent = "History of " + name;
		$("history-title").focus();
	}

	/* --- wiring --------------------------------------------------------- */

	function init() {
		$("key-form").addEventListener("submit", useKey);
		$("forget-key").addEventListener("click", () => forgetKey(""));
		$("search-form").addEventListener("submit", (ev) => {
			ev.preventDefault();
			loadList();
		});
		$("search").addEventListener("input", () => {
			clearTimeout(searchTimer);
			searchTimer = setTimeout(loadList, 250);
		});
		$("include-retired").addEventListener("change", loadList);
		$("add-entry").addEventListener("click", openAdd);
		$("export-csv").addEventListener("click", exportCsv);
		$("entry-form").addEventListener("submit", save);
		$("cancel-edit").addEventListener("click", cancelEdit);
		$("close-history").addEventListener("click", () => backToList(""));
		/* Escape leaves the form or the history. */
		document.addEventListener("keydown", (ev) => {
			if (ev.key !== "Escape")
				return;
			if (!$("edit-section").hidden)
				cancelEdit();
			else if (!$("history-section").hidden)
				backToList("");
		});

		try {
			key = sessionStorage.getItem(KEY_STORE);
		} catch (e) {
			key = null;
		}
		if (key)
			startSession();
		else
			$("key").focus();
	}

	if (document.readyState === "loading")
		document.addEventListener("DOMContentLoaded", init);
	else
		init();
})();
