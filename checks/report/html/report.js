(function () {
  "use strict";
  // Every string from a seed reaches the page through textContent or an
  // attribute set by setAttribute: never as markup.
  const data = JSON.parse(document.getElementById("data").textContent);
  const seeds = new Map(data.seeds.map((s) => [s.id, s]));
  const findings = [];
  for (const s of data.seeds) {
    for (const f of s.findings) findings.push(Object.assign({ seed: s.id, path: s.path }, f));
  }
  for (const f of data.others) findings.push(Object.assign({ seed: null }, f));
  findings.sort((a, b) => a.n - b.n);
  const byNumber = new Map(findings.map((f) => [f.n, f]));

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== null && value !== undefined) node.setAttribute(name, String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const $ = (id) => document.getElementById(id);
  const filters = ["family", "rule", "severity", "seed", "text"].map((k) => $("filter-" + k));
  const [family, rule, severity, seedFilter, textFilter] = filters;
  for (const f of [...new Set(findings.map((f) => f.code.slice(0, 3)))].sort()) family.append(el("option", {}, f));
  for (const c of [...new Set(findings.map((f) => f.code))].sort()) {
    rule.append(el("option", { value: c }, c + " " + ((data.rules[c] || {}).name || "")));
  }

  function where(f) {
    const at = f.path + ":" + f.line + ":" + f.column;
    return f.seed === null ? at : el("a", { href: "#finding-" + f.n }, at);
  }

  function drawFindings() {
    const wanted = findings.filter((f) =>
      (!family.value || f.code.startsWith(family.value)) &&
      (!rule.value || f.code === rule.value) &&
      (!severity.value || f.severity === severity.value) &&
      (!seedFilter.value || f.path.includes(seedFilter.value)) &&
      (!textFilter.value || f.message.toLowerCase().includes(textFilter.value.toLowerCase())));
    const rows = $("findings-rows");
    rows.replaceChildren(...wanted.slice(0, data.shown_at_once).map((f) =>
      el("tr", { "data-code": f.code },
        el("td", {}, el("span", { class: "sev " + f.severity }, f.severity)),
        el("td", {}, f.code + " " + f.name),
        el("td", {}, where(f)),
        el("td", {}, f.message))));
    const shown = Math.min(wanted.length, data.shown_at_once);
    $("findings-count").textContent = wanted.length === shown
      ? wanted.length + " findings"
      : "the first " + shown + " of " + wanted.length + " findings: narrow them with the filters";
    const list = data.seeds.filter((s) => !seedFilter.value || s.path.includes(seedFilter.value));
    $("seeds-list").replaceChildren(...list.slice(0, data.shown_at_once).map((s) =>
      el("li", {}, el("a", { href: "#seed-" + s.id }, s.id), " (" + s.findings.length + ")")));
    $("seeds-count").textContent = list.length + " seeds" +
      (list.length > data.shown_at_once ? ", the first " + data.shown_at_once + " listed" : "");
  }
  for (const f of filters) f.addEventListener("input", drawFindings);

  function value(v) {
    if (Array.isArray(v)) return v.map(value).join(v.every((x) => typeof x !== "object") ? ", " : "; ");
    if (v && typeof v === "object") return Object.entries(v).map(([k, x]) => k + ": " + value(x)).join(", ");
    return String(v);
  }

  // The text cut where a mark starts or ends; each piece in the marks over it.
  function marked(seed) {
    const text = seed.text;
    const spans = [];
    for (const f of seed.findings) spans.push({ start: f.start, end: f.end, kind: "f", item: f });
    seed.quotes.forEach((q, i) => spans.push({ start: q.start, end: q.end, kind: "q", item: q, i }));
    for (const p of seed.pseudonyms) spans.push({ start: p.start, end: p.end, kind: "p", item: p });
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].sort((a, b) => a - b);
    const out = el("pre", { class: "text", "data-seed": seed.id });
    const anchored = new Set();
    for (const s of spans) {
      if (s.kind === "f" && s.start === s.end) s.point = true;
    }
    for (let i = 0; i < points.length; i++) {
      const at = points[i];
      for (const s of spans) {
        if (s.point && s.start === at && !anchored.has(s.item.n)) {
          anchored.add(s.item.n);
          out.append(el("mark", { class: "f point " + s.item.severity, id: "finding-" + s.item.n, "data-f": s.item.n }));
        }
      }
      if (i === points.length - 1) break;
      const end = points[i + 1];
      const over = spans.filter((s) => s.start <= at && end <= s.end && s.start < s.end);
      let piece = document.createTextNode(text.slice(at, end));
      for (const s of over.filter((s) => s.kind !== "f")) {
        piece = el("mark", { class: s.kind, ["data-" + s.kind]: s.kind === "q" ? s.i : s.item.name }, piece);
      }
      const own = over.filter((s) => s.kind === "f");
      if (own.length) {
        const worst = own.some((s) => s.item.severity === "error") ? "error"
          : own.some((s) => s.item.severity === "warning") ? "warning" : "info";
        const first = own.find((s) => !anchored.has(s.item.n));
        if (first) anchored.add(first.item.n);
        piece = el("mark", {
          class: "f " + worst,
          id: first ? "finding-" + first.item.n : null,
          "data-f": own.map((s) => s.item.n).join(" "),
        }, piece);
      }
      out.append(piece);
    }
    return out;
  }

  // A long quote cut at a word, and said to be cut.
  function shortened(text, most) {
    return text.length <= most ? text : text.slice(0, most).replace(/\s+\S*$/, "") + "\u2026";
  }

  function drawSeed(seed, current) {
    const view = $("seed");
    const header = el("table", { class: "header" },
      ...Object.entries(seed.header).map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", {}, value(v)))));
    const list = el("ol", { class: "found" }, ...seed.findings.map((f) =>
      el("li", { class: f.n === current ? "current" : null, "data-n": f.n },
        el("a", { href: "#finding-" + f.n }, f.code + " " + f.name),
        " " + f.line + ":" + f.column + " ", f.message)));
    const accepted = el("ul", { class: "accepted" }, ...seed.accepted.map((a) =>
      el("li", {}, a.code + " " + a.name + " (line " + a.line + ") ", a.message,
        el("div", { class: "reason" }, "accepted: " + a.reason))));
    const quotes = el("ul", { class: "quotes" }, ...seed.quotes.map((q) =>
      el("li", {}, shortened(seed.text.slice(q.start, q.end), 90), " - ", q.speaker || "no speaker")));
    view.replaceChildren(
      el("h2", { id: "seed-" + seed.id }, seed.path),
      el("p", {}, el("a", { href: "#findings" }, "back to the findings")),
      el("div", { class: "layout" },
        el("div", {}, header,
          el("p", { class: "legend" }, el("span", {}, "marked: a finding"), el("span", {}, "dotted: a quote"), el("span", {}, "wavy: a name flagged as not real")),
          seed.unread ? el("p", {}, "not read: " + seed.unread) : marked(seed)),
        el("aside", {},
          el("h3", {}, seed.findings.length + " findings"), list,
          el("h3", {}, seed.accepted.length + " accepted"), accepted,
          el("h3", {}, seed.quotes.length + " quotes"), quotes,
          el("h3", {}, "flagged names"), el("p", {}, [...new Set(seed.pseudonyms.map((p) => p.name))].join(", ") || "none"))));
  }

  function route() {
    let hash = location.hash.slice(1);
    try {
      hash = decodeURIComponent(hash);
    } catch (error) {
      // a link typed by hand with a stray %: taken as it is
    }
    let seed = null;
    let current = null;
    if (hash.startsWith("seed-")) seed = seeds.get(hash.slice(5)) || null;
    if (hash.startsWith("finding-")) {
      const f = byNumber.get(Number(hash.slice(8)));
      if (f && f.seed !== null) { seed = seeds.get(f.seed) || null; current = f.n; }
    }
    for (const id of ["overview", "findings", "seeds"]) $(id).hidden = seed !== null;
    $("seed").hidden = seed === null;
    if (seed === null) return;
    drawSeed(seed, current);
    const target = document.getElementById(hash);
    if (target) {
      if (current !== null) target.classList.add("current");
      target.scrollIntoView({ block: "center" });
    }
  }
  window.addEventListener("hashchange", route);

  const tip = $("tip");
  document.addEventListener("mouseover", (event) => {
    const mark = event.target.closest && event.target.closest("mark");
    if (!mark) { tip.hidden = true; return; }
    const lines = [];
    for (const m of [mark, ...ancestors(mark)]) {
      if (m.dataset.f) {
        for (const n of m.dataset.f.split(" ")) {
          const f = byNumber.get(Number(n));
          lines.push(f.code + " " + f.name + ": " + f.message);
        }
      }
      if (m.dataset.q !== undefined) {
        const q = seeds.get(mark.closest("pre").dataset.seed).quotes[Number(m.dataset.q)];
        lines.push("quote: " + (q.speaker ? "said by " + q.speaker : "no speaker"));
      }
      if (m.dataset.p !== undefined) lines.push("flagged as not a real name: " + m.dataset.p);
    }
    tip.replaceChildren(...lines.map((line) => el("div", {}, line)));
    tip.hidden = lines.length === 0;
    tip.style.left = Math.min(event.clientX + 12, window.innerWidth - 430) + "px";
    tip.style.top = (event.clientY + 16) + "px";
  });

  function ancestors(node) {
    const found = [];
    for (let n = node.parentElement; n && n.tagName === "MARK"; n = n.parentElement) found.push(n);
    for (const n of node.querySelectorAll("mark")) found.push(n);
    return found;
  }

  drawFindings();
  route();
})();
