// Swarm's dashboard: sweeps, runs and durable instances from the function app's own HTTP API, signed in
// with the same bearer tokens. Plain script, no dependencies: the app ships this file as it is.
"use strict";

const TokenKey = "swarm-token";
const InstancesPath = "/runtime/webhooks/durabletask/instances";
const RefreshMs = 1000;
const state = { token: null, roles: [], sweep: null, sweepLoaded: null, run: null, instance: null };

const $ = (selector) => document.querySelector(selector);

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child ?? "")));
  return node;
}

function say(text, bad = false) {
  const message = $("#message");
  message.textContent = text;
  message.className = bad ? "bad" : "muted";
}

// The token comes from the address (#token=…, as `swarm serve` prints it) or the sign-in form, and stays in this tab only.
function readToken() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get("token")) {
    sessionStorage.setItem(TokenKey, fragment.get("token"));
    history.replaceState(null, "", location.pathname);
  }
  return sessionStorage.getItem(TokenKey);
}

function rolesOf(token) {
  try {
    const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    return { roles: [].concat(payload.roles ?? []), subject: payload.sub ?? payload.name ?? "" };
  } catch {
    return { roles: [], subject: "" };
  }
}

const can = (role) => state.roles.includes(role);

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { Authorization: `Bearer ${state.token}`, ...(options.headers ?? {}) } });
  if (response.status === 401) {
    signOut("The token was refused (expired or not valid here); sign in again.");
    throw new Error("unauthorized");
  }
  return response;
}

async function json(path) {
  const response = await api(path);
  return response.ok ? response.json() : null;
}

function signOut(reason) {
  sessionStorage.removeItem(TokenKey);
  state.token = null;
  $("#main").hidden = true;
  $("#sign-in").hidden = false;
  $("#sign-out").hidden = true;
  $("#who").textContent = "";
  say(reason ?? "Signed out.");
}

function signIn(token) {
  state.token = token;
  const { roles, subject } = rolesOf(token);
  state.roles = roles;
  $("#who").textContent = `${subject} (${roles.join(", ") || "no roles"})`;
  $("#sign-in").hidden = true;
  $("#sign-out").hidden = false;
  $("#main").hidden = false;
  say("");
}

const percent = (done, total) => (total > 0 ? Math.floor((100 * done) / total) : 0);

function progressCell(done, total) {
  const value = percent(done, total);
  const fill = element("span");
  fill.style.width = `${value}%`; // through the CSSOM: the page's policy refuses inline style attributes
  return element("td", { class: "progress", "data-percent": value }, element("span", { class: "bar" }, fill), `${done}/${total} (${value}%)`);
}

function statusCell(status) {
  const good = status === "Completed";
  const bad = ["Failed", "Terminated", "Compensated", "PartiallyCompensated"].includes(status);
  return element("td", { class: good ? "good status" : bad ? "bad status" : "status" }, status);
}

// One refresh: the instance list, then every sweep's and run's state, then whatever is selected.
async function refresh() {
  if (!state.token) return;
  const instances = (await json(`${InstancesPath}?top=200&showInput=false`)) ?? [];
  instances.sort((a, b) => b.createdTime.localeCompare(a.createdTime));
  await Promise.all([renderSweeps(instances.filter((i) => i.name === "ProvisionSweep")),
    renderRuns(instances.filter((i) => i.name === "SimulationRun" && !i.instanceId.includes(":")))]);
  renderInstances(instances);
  if (state.instance) await renderTimeline(state.instance);
}

async function renderSweeps(sweeps) {
  const rows = [];
  for (const sweep of sweeps) {
    const detail = (await json(`/api/sweeps/${encodeURIComponent(sweep.instanceId)}`)) ?? {};
    const done = detail.progress?.runsDone ?? 0;
    const total = detail.progress?.runs ?? detail.sweep?.runs ?? 0;
    const status = detail.status ?? sweep.runtimeStatus;
    const cancel = element("button", {
      type: "button", class: "cancel", disabled: !can("Swarm.Write") || !["Running", "Pending"].includes(status),
      title: can("Swarm.Write") ? "Cancel the sweep and release its quota" : "Needs the Swarm.Write role",
      onclick: (e) => { e.stopPropagation(); act(`/api/sweeps/${encodeURIComponent(sweep.instanceId)}/cancel`, `sweep ${sweep.instanceId} cancelled`); },
    }, "cancel");
    const full = done === total && total > 0 && status === "Completed" ? total : done;
    rows.push(element("tr", {
      "data-id": sweep.instanceId, "data-status": status, class: state.sweep === sweep.instanceId ? "selected" : "",
      onclick: () => { state.sweep = sweep.instanceId; state.sweepLoaded = null; refresh(); },
    }, element("td", {}, sweep.instanceId), element("td", {}, detail.sweep?.model ?? ""), statusCell(status),
    progressCell(full, total), element("td", {}, cancel)));
    if (state.sweep === sweep.instanceId) await renderSweep(sweep.instanceId, status, detail.reason);
  }
  $("#sweeps tbody").replaceChildren(...rows);
}

async function renderSweep(id, status, reason) {
  $("#sweep-detail").hidden = false;
  $("#sweep-title").textContent = `sweep ${id}: ${status}`;
  $("#sweep-reason").textContent = reason ?? "";
  if (status !== "Completed" || state.sweepLoaded === id) return;
  state.sweepLoaded = id;
  const base = `/api/sweeps/${encodeURIComponent(id)}/results`;
  const [svg, summary] = await Promise.all([api(`${base}?format=svg`).then((r) => (r.ok ? r.text() : null)), json(`${base}?format=json`)]);
  if (svg) showChart(svg);
  if (summary) showSummary(summary);
}

// The chart is the API's own SVG (one renderer for every place), made interactive here: values on hover, series toggles.
function showChart(text) {
  const svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
  svg.querySelectorAll("script, foreignObject").forEach((n) => n.remove());
  const chart = document.importNode(svg, true);
  $("#chart").replaceChildren(chart);
  const tooltip = $("#tooltip");
  chart.querySelectorAll("circle").forEach((circle) => {
    const title = circle.querySelector("title")?.textContent ?? "";
    circle.addEventListener("mouseenter", (e) => { tooltip.textContent = title; tooltip.hidden = false; move(e); });
    circle.addEventListener("mousemove", move);
    circle.addEventListener("mouseleave", () => { tooltip.hidden = true; });
  });
  function move(e) { tooltip.style.left = `${e.clientX + 12}px`; tooltip.style.top = `${e.clientY + 12}px`; }
  const series = [...new Set([...chart.querySelectorAll("g.series")].map((g) => g.dataset.series))];
  $("#series-toggles").replaceChildren(...series.map((key) => element("label", {},
    element("input", {
      type: "checkbox", checked: true, "data-series": key,
      onchange: (e) => chart.querySelectorAll(`g.series[data-series="${CSS.escape(key)}"], g.legend-item[data-series="${CSS.escape(key)}"]`)
        .forEach((g) => { g.style.display = e.target.checked ? "" : "none"; }),
    }), ` ${key === "all" ? "all points" : key}`)));
}

function showSummary(summary) {
  const main = summary.mainMetric;
  $("#summary thead").replaceChildren(element("tr", {}, element("th", {}, "point"), ...summary.variedParameters.map((p) => element("th", {}, p)),
    element("th", {}, "n"), element("th", {}, `${main} mean`), element("th", {}, "95% CI"), element("th", {}, "converged")));
  const format = (v) => (v === null || v === undefined ? "–" : typeof v === "number" ? Number(v.toPrecision(6)).toString() : String(v));
  $("#summary tbody").replaceChildren(...summary.points.map((point) => {
    const m = point.metrics[main];
    return element("tr", {}, element("td", {}, point.point), ...summary.variedParameters.map((p) => element("td", { class: "number" }, format(point.parameters[p]))),
      element("td", { class: "number" }, m.n), element("td", { class: "number" }, format(m.mean)),
      element("td", { class: "number", title: m.ciTruncated ? "cut at the metric's bounds" : m.ciMethod }, m.ciLow === null ? "–" : `[${format(m.ciLow)}, ${format(m.ciHigh)}]${m.ciTruncated ? "*" : ""}`),
      element("td", {}, m.converged ? "yes" : "no"));
  }));
}

async function download(format) {
  const response = await api(`/api/sweeps/${encodeURIComponent(state.sweep)}/results?format=${format}`);
  if (!response.ok) { say(`No ${format} results yet.`, true); return; }
  const link = element("a", { href: URL.createObjectURL(await response.blob()), download: `${state.sweep}-${format === "svg" ? "chart" : "summary"}.${format}` });
  document.body.append(link);
  link.click();
  link.remove();
}

async function renderRuns(runs) {
  $("#runs tbody").replaceChildren(...runs.map((run) => {
    const progress = run.customStatus ?? {};
    const steps = progress.Steps ?? 0;
    const step = run.runtimeStatus === "Completed" ? steps || progress.Step || 0 : progress.Step ?? 0;
    return element("tr", { "data-id": run.instanceId, class: state.run === run.instanceId ? "selected" : "", onclick: () => { state.run = run.instanceId; renderRun(run.instanceId); } },
      element("td", {}, run.instanceId), statusCell(run.runtimeStatus), progressCell(step, steps || step), element("td", {}));
  }));
}

// A run's collected data, one line per reporter, drawn here (values over steps).
async function renderRun(id) {
  const data = await json(`/api/runs/${encodeURIComponent(id)}/data`);
  $("#run-detail").hidden = false;
  $("#run-title").textContent = `run ${id}: ${data?.rows.length ?? 0} collected steps`;
  const rows = data?.rows ?? [];
  const reporters = rows.length ? Object.keys(rows[0]).filter((k) => k !== "step") : [];
  const width = 640, height = 220, left = 50, bottom = 24;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height + 20 * reporters.length}`);
  svg.setAttribute("width", width);
  const maxStep = Math.max(1, ...rows.map((r) => r.step));
  const palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"];
  reporters.forEach((name, k) => {
    const values = rows.map((r) => r[name]).filter((v) => v !== null);
    const lo = Math.min(...values), hi = Math.max(...values), span = hi - lo || 1;
    const points = rows.filter((r) => r[name] !== null).map((r) => `${left + ((width - left - 10) * r.step) / maxStep},${height - bottom - ((height - bottom - 10) * (r[name] - lo)) / span}`);
    const line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", points.join(" "));
    line.setAttribute("fill", "none");
    line.setAttribute("stroke", palette[k % palette.length]);
    line.setAttribute("data-reporter", name);
    svg.append(line);
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", left);
    label.setAttribute("y", height + 14 + 20 * k);
    label.setAttribute("fill", palette[k % palette.length]);
    label.setAttribute("font-size", "12");
    label.textContent = `${name}: ${Number(lo.toPrecision(4))} to ${Number(hi.toPrecision(4))} (scaled)`;
    svg.append(label);
  });
  $("#run-chart").replaceChildren(svg);
}

function renderInstances(instances) {
  $("#instances tbody").replaceChildren(...instances.map((instance) => {
    const running = ["Running", "Pending", "Suspended"].includes(instance.runtimeStatus);
    const terminate = element("button", {
      type: "button", class: "terminate", disabled: !can("Swarm.Admin") || !running,
      title: can("Swarm.Admin") ? "Terminate this instance" : "Needs the Swarm.Admin role",
      onclick: (e) => { e.stopPropagation(); act(`${InstancesPath}/${encodeURIComponent(instance.instanceId)}/terminate?reason=${encodeURIComponent("terminated from the dashboard")}`, `${instance.instanceId} terminated`); },
    }, "terminate");
    return element("tr", {
      "data-id": instance.instanceId, class: state.instance === instance.instanceId ? "selected" : "",
      onclick: () => { state.instance = instance.instanceId; renderTimeline(instance.instanceId); },
    }, element("td", {}, instance.instanceId), element("td", {}, instance.name), statusCell(instance.runtimeStatus),
    element("td", { class: "muted" }, instance.customStatus === null ? "" : JSON.stringify(instance.customStatus)),
    element("td", {}, new Date(instance.createdTime).toLocaleTimeString()), element("td", {}, terminate));
  }));
}

// The history as a timeline: each event with its time after the start, as Durable Functions Monitor shows it.
async function renderTimeline(id) {
  const status = await json(`${InstancesPath}/${encodeURIComponent(id)}?showInput=false&showHistory=true`);
  $("#instance-detail").hidden = false;
  $("#instance-title").textContent = `${id}: ${status?.runtimeStatus ?? "unknown"}`;
  const events = status?.historyEvents ?? [];
  const start = events.length ? Date.parse(events[0].Timestamp) : 0;
  $("#timeline").replaceChildren(...events.map((e) => element("li", { "data-event": e.EventType },
    element("span", { class: "at" }, `+${((Date.parse(e.Timestamp) - start) / 1000).toFixed(3)} s`),
    `${e.EventType}${e.Name ? ` ${e.Name}` : ""}${e.InstanceId ? ` (${e.InstanceId})` : ""}${e.OrchestrationStatus ? ` ${e.OrchestrationStatus}` : ""}${e.Reason ? `: ${e.Reason}` : ""}`)));
}

async function act(path, done) {
  const response = await api(path, { method: "POST" });
  if (response.ok) say(done);
  else if (response.status === 403) say("Not allowed: the token lacks the role for this.", true);
  else say(`Refused (${response.status}).`, true);
  refresh();
}

function start() {
  $("#sign-in").addEventListener("submit", (e) => { e.preventDefault(); signIn($("#token").value.trim()); sessionStorage.setItem(TokenKey, state.token); refresh(); });
  $("#sign-out").addEventListener("click", () => signOut());
  document.querySelectorAll(".downloads button").forEach((b) => b.addEventListener("click", () => download(b.dataset.format)));
  const token = readToken();
  if (token) signIn(token); else signOut("Sign in with a bearer token (swarm serve prints a link that signs you in).");
  const loop = async () => {
    try { await refresh(); } catch (e) { if (e.message !== "unauthorized") say(`Refresh failed: ${e.message}`, true); }
    setTimeout(loop, RefreshMs);
  };
  loop();
}

start();
