/* kg explorer: an overview of the most connected entities, a focused view of one node and its
 * neighbours, filters, search, a side panel with posts, relations (as links, with evidence) and
 * articles, and the selection in the URL hash (#node=<id>).
 *
 * The page's JSON (see kg/export/html.py, explorer_payload) holds the whole graph as tables;
 * only the current view is handed to vis-network. Every text from the graph goes into the page
 * through textContent (DOM text nodes), never innerHTML. When a view is laid out and drawn,
 * window.kgReady becomes true and body[data-kg-view] says which view it is (the browser tests
 * wait for both); window.kgTimings holds the milliseconds it took.
 */
(function () {
  "use strict";
  var t0 = performance.now();
  var P = JSON.parse(document.getElementById("kg-data").textContent);
  var V = P.meta, N = P.nodes, E = P.edges, A = P.articles, S = P.sentences, T = P.types, PR = P.preds;
  var NID = 0, LABEL = 1, TYPE = 2, ALIASES = 3, FACTS = 4, ARTS = 5, DEG = 6;
  var ARTICLE = T.map(function (t) { return t[0]; }).indexOf("Article");
  var POST = PR.map(function (p) { return p[0]; }).indexOf("holdsPost");
  var MAX_LABEL = 14;
  window.kgTimings = {};

  /* ---- the graph as index structures */
  var byId = new Map();
  N.forEach(function (n, i) { byId.set(n[NID], i); });
  var adj = N.map(function () { return []; });
  E.forEach(function (e, k) { adj[e[0]].push(k); if (e[1] !== e[0]) adj[e[1]].push(k); });
  function other(k, i) { return E[k][0] === i ? E[k][1] : E[k][0]; }
  function isArticle(i) { return N[i][TYPE] === ARTICLE; }
  function short(s) { return s.length <= MAX_LABEL ? s : s.slice(0, MAX_LABEL - 1) + "…"; }
  function cmpStr(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  /* ---- filters: types, predicates, date range (ISO dates; items without a date always stay) */
  var state = { types: new Set(), preds: new Set(), from: "", to: "", articles: false, focus: -1 };
  T.forEach(function (t, i) { state.types.add(i); });
  PR.forEach(function (p, i) { state.preds.add(i); });
  var nodeOk = new Uint8Array(N.length), edgeOk = new Uint8Array(E.length);
  function inRange(dates) {
    if (!state.from && !state.to) return true;
    var dated = false;
    for (var j = 0; j < dates.length; j++) {
      var d = dates[j];
      if (!d || d.charAt(0) === "-") continue;
      dated = true;
      if ((!state.from || d >= state.from) && (!state.to || d <= state.to)) return true;
    }
    return !dated;
  }
  function nodeDates(i) { return N[i][ARTS].map(function (a) { return A[a][1]; }); }
  function edgeDates(e) { return e[4].concat(e[5].map(function (ev) { return A[ev[1]][1]; })); }
  function computeMasks() {
    // entities pass by type; an article also by its date; a relation by its own dates and its
    // articles' dates (an entity with no relation in the range drops out of the overview)
    for (var i = 0; i < N.length; i++) nodeOk[i] = state.types.has(N[i][TYPE]) && (!isArticle(i) || inRange(nodeDates(i))) ? 1 : 0;
    for (var k = 0; k < E.length; k++) {
      var e = E[k];
      edgeOk[k] = nodeOk[e[0]] && nodeOk[e[1]] && state.preds.has(e[2]) && inRange(edgeDates(e)) ? 1 : 0;
    }
  }

  /* ---- which nodes each view draws */
  function entityDegrees() {
    var deg = new Int32Array(N.length);
    for (var k = 0; k < E.length; k++) {
      if (!edgeOk[k]) continue;
      var e = E[k];
      if (isArticle(e[0]) || isArticle(e[1])) continue;
      deg[e[0]]++; deg[e[1]]++;
    }
    return deg;
  }
  function overviewNodes() {
    var deg = entityDegrees(), picked = [];
    var dated = state.from || state.to;
    for (var i = 0; i < N.length; i++) if (nodeOk[i] && !isArticle(i) && (deg[i] || !dated)) picked.push(i);
    picked.sort(function (a, b) { return deg[b] - deg[a] || cmpStr(N[a][NID], N[b][NID]); });
    picked = picked.slice(0, V.overview);
    if (state.articles) {
      var inView = new Set(picked), links = new Map();
      picked.forEach(function (i) {
        adj[i].forEach(function (k) { var j = other(k, i); if (edgeOk[k] && isArticle(j)) links.set(j, (links.get(j) || 0) + 1); });
      });
      var arts = Array.from(links.keys()).filter(function (j) { return !inView.has(j); });
      arts.sort(function (a, b) { return links.get(b) - links.get(a) || cmpStr(N[a][NID], N[b][NID]); });
      picked = picked.concat(arts.slice(0, V.overview_articles));
    }
    return { nodes: picked, degree: deg };
  }
  function neighbours(i) {
    var seen = new Map();
    adj[i].forEach(function (k) {
      var j = other(k, i);
      if (!edgeOk[k] || j === i) return;
      if (isArticle(j) && !state.articles && !isArticle(i)) return;
      if (!seen.has(j)) seen.set(j, E[k][2]);
    });
    return seen;  // neighbour -> predicate of its first relation (for grouping on the rings)
  }

  /* ---- drawing */
  var maxDeg = 1;
  N.forEach(function (n) { if (n[DEG] > maxDeg) maxDeg = n[DEG]; });
  function sizeOf(i) { return V.node_size_min + (V.node_size_max - V.node_size_min) * Math.sqrt(N[i][DEG] / maxDeg); }
  var dimFont = { color: "rgba(0,0,0,0)", strokeWidth: 0, size: V.font_size };
  var fullFont = { color: "#222222", strokeWidth: 3, strokeColor: "#ffffff", size: V.font_size };
  function visNode(i, dim) {
    var n = N[i], t = T[n[TYPE]];
    return { id: n[NID], label: short(n[LABEL]), shape: t[4], size: sizeOf(i),
             color: dim ? V.dim_color : t[3], font: dim ? dimFont : fullFont, title: dim ? undefined : nodeCard(i), kgIndex: i };
  }
  function visEdge(k, dim) {
    var e = E[k];
    return { id: "e" + k, from: N[e[0]][NID], to: N[e[1]][NID], title: dim ? undefined : edgeCard(k), kgIndex: k,
             color: dim ? { color: V.dim_color, opacity: 0.3 } : undefined, hidden: false };
  }
  var nodes = new vis.DataSet(), edges = new vis.DataSet();
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, P.options);
  var progress = document.getElementById("kg-progress"), viewNote = document.getElementById("kg-view-note");
  var overviewPositions = null;

  function setData(nodeList, edgeList) {
    nodes.clear(); edges.clear();
    nodes.add(nodeList); edges.add(edgeList);
  }
  function edgesAmong(set, dimAll) {
    var out = [];
    set.forEach(function (i) {
      adj[i].forEach(function (k) {
        var e = E[k];
        if (edgeOk[k] && e[0] === i && set.has(e[1])) out.push(visEdge(k, dimAll));
      });
    });
    return out;
  }
  function ready(view) {
    window.kgTimings[view] = Math.round(performance.now() - (window.kgTimings._start || t0));
    if (window.kgTimings.firstView === undefined) window.kgTimings.firstView = Math.round(performance.now());  // since navigation
    document.body.setAttribute("data-kg-view", view);
    window.kgView = view;
    window.kgReady = true;
    document.body.setAttribute("data-kg-ready", "1");
  }
  function legible() {
    var min = V.min_label_px / V.font_size;
    if (network.getScale() < min) network.moveTo({ scale: min, animation: false });
  }
  function afterDraw(view, then) {
    network.once("afterDrawing", function () { ready(view); if (then) then(); });
    network.redraw();
  }

  network.on("stabilizationProgress", function (p) { progress.textContent = "布局中 " + Math.round(100 * p.iterations / p.total) + "%"; });

  function showOverview(then) {
    window.kgReady = false;
    window.kgTimings._start = performance.now();
    state.focus = -1;
    var o = overviewNodes(), set = new Set(o.nodes);
    var list = o.nodes.map(function (i) {
      var n = visNode(i, false), p = overviewPositions && overviewPositions[N[i][NID]];
      if (p) { n.x = p.x; n.y = p.y; }
      return n;
    });
    setData(list, edgesAmong(set, false));
    viewNote.textContent = list.length ? "总览：连接最多的 " + o.nodes.length + " 个节点" : "没有符合筛选的节点";
    renderDetails(-1);
    if (!list.length) { afterDraw("overview", then); return; }
    network.setOptions({ physics: { enabled: true, stabilization: { enabled: false } } });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      progress.textContent = "";
      overviewPositions = network.getPositions();
      network.fit({ animation: false });
      legible();
      afterDraw("overview", then);
    });
    network.stabilize(V.layout_iterations);
  }

  /* ---- the focused view: the node in the middle, its neighbours on rings around it, sized
   * from the measured labels so that no two boxes (node + label) can overlap. */
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = V.font_size + "px " + P.options.nodes.font.face;
  var INSIDE = { box: 1, ellipse: 1, circle: 1, database: 1, text: 1 };
  function radius(i) {
    // half the diagonal of the node's box: its drawn shape and its label, as vis-network draws them
    var shape = T[N[i][TYPE]][4], w = measure.measureText(short(N[i][LABEL])).width + 4, h = V.font_size * 1.4;
    var hw, hh;
    if (shape === "ellipse") { hw = w + 6; hh = h + 6; }
    else if (INSIDE[shape]) { hw = w / 2 + 8; hh = h / 2 + 8; }
    else { var s = sizeOf(i); hw = Math.max(s, w / 2) + 2; hh = s + h + 6; }
    return Math.sqrt(hw * hw + hh * hh);
  }
  function rings(centre, members) {
    // Every node is a disc (half the diagonal of its box); discs closer than a gap never meet, so
    // neither do their boxes. One ring while it stays small, then rings of growing capacity;
    // every ring is evenly spread and turned by half a step against the one inside it.
    var rc = radius(centre), rmax = 0, gap = V.ring_gap, pos = {};
    members.forEach(function (j) { rmax = Math.max(rmax, radius(j)); });
    var step = 2 * rmax + gap, inner = rc + rmax + gap;
    function capacity(R) { return step >= 2 * R ? 1 : Math.max(1, Math.floor(Math.PI / Math.asin(step / (2 * R)))); }
    var R = Math.max(inner, members.length * step / (2 * Math.PI) * 1.02);
    if (R > V.single_ring_max) R = inner;
    var at = 0, ringNo = 0;
    while (at < members.length) {
      var cap = capacity(R), left = members.length - at, count = Math.min(cap, left);
      var ring = members.slice(at, at + count), turn = 2 * Math.PI / ring.length, offset = -Math.PI / 2 + (ringNo % 2) * turn / 2;
      ring.forEach(function (j, m) { pos[j] = { x: R * Math.cos(offset + m * turn), y: R * Math.sin(offset + m * turn) }; });
      at += count; ringNo += 1;
      R += step;
    }
    return pos;
  }

  function focus(i) {
    window.kgReady = false;
    window.kgTimings._start = performance.now();
    state.focus = i;
    var nb = neighbours(i), all = Array.from(nb.keys());
    all.sort(function (a, b) { return N[b][DEG] - N[a][DEG] || cmpStr(N[a][NID], N[b][NID]); });
    var shown = all.slice(0, V.focus_max);
    shown.sort(function (a, b) {
      return nb.get(a) - nb.get(b) || N[a][TYPE] - N[b][TYPE] || cmpStr(N[a][LABEL], N[b][LABEL]) || cmpStr(N[a][NID], N[b][NID]);
    });
    var pos = rings(i, shown), focusSet = new Set(shown.concat([i]));
    var base = overviewPositions && overviewPositions[N[i][NID]] ? overviewPositions[N[i][NID]] : { x: 0, y: 0 };
    var list = [], seen = new Set();
    var c = visNode(i, false); c.x = base.x; c.y = base.y; list.push(c); seen.add(i);
    shown.forEach(function (j) { var n = visNode(j, false); n.x = base.x + pos[j].x; n.y = base.y + pos[j].y; list.push(n); seen.add(j); });
    // the rest of the overview stays where it was, dimmed and without labels
    var rest = new Set();
    if (overviewPositions) {
      Object.keys(overviewPositions).forEach(function (id) {
        var j = byId.get(id);
        if (j === undefined || seen.has(j) || !nodeOk[j]) return;
        var n = visNode(j, true); n.x = overviewPositions[id].x; n.y = overviewPositions[id].y; list.push(n); rest.add(j);
      });
    }
    var edgeList = [];
    adj[i].forEach(function (k) { if (edgeOk[k] && focusSet.has(other(k, i))) edgeList.push(visEdge(k, false)); });
    network.setOptions({ physics: { enabled: false } });
    setData(list, edgeList.concat(edgesAmong(rest, true)));
    network.selectNodes([N[i][NID]]);
    viewNote.textContent = N[i][LABEL] + "：" + (all.length > shown.length ? "显示连接最多的 " + shown.length + " 个邻居（共 " + all.length + "）" : all.length + " 个邻居");
    network.fit({ nodes: Array.from(focusSet).map(function (j) { return N[j][NID]; }), animation: false });
    legible();
    if (network.getScale() > 1.2) network.moveTo({ scale: 1.2, animation: false });
    renderDetails(i);
    afterDraw("focus");
  }

  /* ---- cards: tooltips and the side panel */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function link(i, text) {
    var a = el("a", "kg-link", text === undefined ? N[i][LABEL] : text);
    a.href = "#node=" + encodeURIComponent(N[i][NID]);
    a.setAttribute("data-node", N[i][NID]);
    return a;
  }
  function articleRef(a) {
    var art = A[a], text = "《" + art[0] + "》" + (art[1] ? " " + art[1] : "");
    return art[2] >= 0 ? link(art[2], text) : el("span", "kg-src", text);
  }
  function section(parent, heading, total, shown) {
    var h = el("h3", "kg-sec", heading + (total > shown ? "（共 " + total + "，显示 " + shown + "）" : "（" + total + "）"));
    parent.appendChild(h);
    var ul = el("ul"); parent.appendChild(ul);
    return ul;
  }
  function head(i) {
    var n = N[i], t = T[n[TYPE]], box = el("div");
    var h = el("div", "kg-tip-head", n[LABEL]);
    h.appendChild(el("span", "kg-tip-type", t[1] + " · " + t[0]));
    box.appendChild(h);
    if (n[ALIASES].length) box.appendChild(el("div", "kg-tip-aliases", "别名：" + n[ALIASES].join("、")));
    if (n[FACTS].length) box.appendChild(el("div", "kg-tip-facts", n[FACTS].join(" · ")));
    return box;
  }
  function postsOf(i) {
    var out = [];
    adj[i].forEach(function (k) {
      var e = E[k];
      if (e[2] === POST && e[0] === i) out.push(k);
    });
    out.sort(function (a, b) { return cmpStr(N[E[a][1]][LABEL], N[E[b][1]][LABEL]); });
    return out;
  }
  function nodeCard(i) {
    var card = el("div", "kg-tip");
    card.appendChild(head(i));
    var posts = postsOf(i);
    if (posts.length) {
      card.appendChild(el("div", "kg-tip-sec", "职务"));
      var ul = el("ul");
      posts.slice(0, 8).forEach(function (k) { ul.appendChild(el("li", null, E[k][3].join("、") + " @ " + N[E[k][1]][LABEL] + (E[k][4].length ? "（" + E[k][4].join("、") + "）" : ""))); });
      card.appendChild(ul);
    }
    var arts = N[i][ARTS];
    if (arts.length && !isArticle(i)) card.appendChild(el("div", "kg-tip-sec", "报道 " + arts.length + " 篇"));
    return card;
  }
  function edgeCard(k) {
    var e = E[k], card = el("div", "kg-tip");
    var h = el("div", "kg-tip-head", N[e[0]][LABEL] + " → " + N[e[1]][LABEL]);
    h.appendChild(el("span", "kg-tip-type", PR[e[2]][1] + " · " + PR[e[2]][0]));
    card.appendChild(h);
    var quals = e[3].concat(e[4]);
    if (quals.length) card.appendChild(el("div", "kg-tip-facts", quals.join(" · ")));
    if (e[5].length) {
      card.appendChild(el("div", "kg-tip-sec", "证据" + (e[5].length > 8 ? "（共 " + e[5].length + "，显示 8）" : "")));
      var ul = el("ul");
      e[5].slice(0, 8).forEach(function (ev) {
        var li = el("li");
        li.appendChild(el("q", "kg-sentence", S[ev[0]]));
        li.appendChild(document.createTextNode(" —— "));
        li.appendChild(el("span", "kg-src", "《" + A[ev[1]][0] + "》" + (A[ev[1]][1] ? " " + A[ev[1]][1] : "")));
        ul.appendChild(li);
      });
      card.appendChild(ul);
    }
    return card;
  }
  function more(ul, items, first, render) {
    items.slice(0, first).forEach(render);
    if (items.length > first) {
      var li = el("li", "kg-more"), b = el("button", null, "显示其余 " + (items.length - first) + " 项");
      b.type = "button";
      b.addEventListener("click", function () { ul.removeChild(li); items.slice(first).forEach(render); });
      li.appendChild(b); ul.appendChild(li);
    }
  }

  var details = document.getElementById("kg-details");
  function renderDetails(i) {
    while (details.firstChild) details.removeChild(details.firstChild);
    if (i < 0) { details.appendChild(el("p", "kg-hint", "点击或搜索一个节点：图中显示它和它的邻居，这里列出职务、关系（附原文句子）和报道。")); return; }
    details.appendChild(head(i));
    var posts = postsOf(i);
    if (posts.length) {
      var pul = section(details, "职务", posts.length, posts.length);
      posts.forEach(function (k) {
        var e = E[k], li = el("li", "kg-post");
        li.appendChild(document.createTextNode(e[3].join("、") + " @ "));
        li.appendChild(link(e[1]));
        if (e[4].length) li.appendChild(el("span", "kg-date", " " + e[4].join("、")));
        pul.appendChild(li);
      });
    }
    var career = (P.careers || {})[String(i)];
    if (career && career.length) {  /* the timeline: from → to, post @ organisation */
      var cul = section(details, "履历", career.length, career.length);
      career.forEach(function (c) {
        cul.appendChild(el("li", "kg-career", (c[0] || "?") + " → " + (c[1] || "…") + "  " + c[2] + " @ " + c[3]));
      });
    }
    var rels = adj[i].filter(function (k) { return E[k][2] !== POST || E[k][0] !== i; });
    rels = rels.filter(function (k) { return !isArticle(other(k, i)); });
    rels.sort(function (a, b) { return E[a][2] - E[b][2] || cmpStr(N[other(a, i)][LABEL], N[other(b, i)][LABEL]); });
    if (rels.length) {
      var rul = section(details, "关系", rels.length, Math.min(rels.length, V.panel_relations));
      more(rul, rels, V.panel_relations, function (k) {
        var e = E[k], li = el("li", "kg-rel"), out = e[0] === i, j = other(k, i);
        var line = el("div", "kg-rel-line");
        line.appendChild(el("span", "kg-pred", out ? PR[e[2]][1] + " →" : "← " + PR[e[2]][1]));
        line.appendChild(document.createTextNode(" "));
        line.appendChild(link(j));
        var quals = e[3].concat(e[4]);
        if (quals.length) line.appendChild(el("span", "kg-date", " " + quals.join(" · ")));
        if (!edgeOk[k]) li.classList.add("kg-filtered");
        li.appendChild(line);
        e[5].slice(0, V.panel_evidence).forEach(function (ev) {
          var q = el("div", "kg-evidence");
          q.appendChild(el("q", "kg-sentence", S[ev[0]]));
          q.appendChild(document.createTextNode(" —— "));
          q.appendChild(articleRef(ev[1]));
          li.appendChild(q);
        });
        if (e[5].length > V.panel_evidence) li.appendChild(el("div", "kg-more-ev", "另有 " + (e[5].length - V.panel_evidence) + " 句证据（悬停连线查看）"));
        rul.appendChild(li);
      });
    }
    var arts = isArticle(i) ? [] : N[i][ARTS].slice();
    arts.sort(function (a, b) { return cmpStr(A[b][1], A[a][1]) || cmpStr(A[a][0], A[b][0]); });
    if (arts.length) {
      var aul = section(details, "报道", arts.length, Math.min(arts.length, V.panel_articles));
      more(aul, arts, V.panel_articles, function (a) { var li = el("li"); li.appendChild(articleRef(a)); aul.appendChild(li); });
    }
    if (isArticle(i)) {
      var mentioned = adj[i].map(function (k) { return other(k, i); });
      mentioned = Array.from(new Set(mentioned)).sort(function (a, b) { return cmpStr(N[a][LABEL], N[b][LABEL]); });
      var mul = section(details, "提及", mentioned.length, mentioned.length);
      mentioned.forEach(function (j) { var li = el("li"); li.appendChild(link(j)); mul.appendChild(li); });
    }
  }

  /* ---- selection and the URL hash */
  function idFromHash() {
    var m = /^#node=(.*)$/.exec(location.hash);
    if (!m) return null;
    try { return decodeURIComponent(m[1]); } catch (err) { return null; }
  }
  function select(id) {
    var i = byId.get(id);
    if (i === undefined) return false;
    if (!nodeOk[i]) {  // a filtered-out node: show its type again
      state.types.add(N[i][TYPE]);
      syncFilterInputs();
      computeMasks();
    }
    window.kgSelected = id;
    if (idFromHash() !== id) history.replaceState(null, "", "#node=" + encodeURIComponent(id));
    focus(i);
    return true;
  }
  function clearSelection() {
    window.kgSelected = null;
    if (location.hash) history.replaceState(null, "", location.pathname + location.search);
    showOverview(null);
  }
  window.addEventListener("hashchange", function () {
    var id = idFromHash();
    if (id && id !== window.kgSelected) select(id);
  });
  details.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a.kg-link");
    if (!a) return;
    ev.preventDefault();
    select(a.getAttribute("data-node"));
  });
  network.on("click", function (params) {
    if (params.nodes.length) select(params.nodes[0]);
  });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape" && state.focus >= 0) clearSelection(); });

  /* ---- filter controls */
  var typeBoxes = Array.prototype.slice.call(document.querySelectorAll(".kg-type-filter"));
  var predBoxes = Array.prototype.slice.call(document.querySelectorAll(".kg-pred-filter"));
  var fromInput = document.getElementById("kg-from"), toInput = document.getElementById("kg-to");
  var articlesBox = document.getElementById("kg-articles");
  function syncFilterInputs() {
    typeBoxes.forEach(function (b) { b.checked = state.types.has(+b.getAttribute("data-index")); });
  }
  function relayout() {
    state.types = new Set(T.map(function (t, i) { return i; }).filter(function (i) {
      var box = typeBoxes.filter(function (b) { return +b.getAttribute("data-index") === i; })[0];
      return box ? box.checked : true;
    }));
    state.preds = new Set(predBoxes.filter(function (b) { return b.checked; }).map(function (b) { return +b.getAttribute("data-index"); }));
    PR.forEach(function (p, i) { if (!predBoxes.some(function (b) { return +b.getAttribute("data-index") === i; })) state.preds.add(i); });
    state.from = fromInput.value; state.to = toInput.value; state.articles = articlesBox.checked;
    computeMasks();
    if (state.focus >= 0 && nodeOk[state.focus]) focus(state.focus);
    else if (state.focus >= 0) clearSelection();
    else showOverview(null);
  }
  typeBoxes.concat(predBoxes, [fromInput, toInput, articlesBox]).forEach(function (b) { b.addEventListener("change", relayout); });
  document.getElementById("kg-show-all").addEventListener("click", function () {
    typeBoxes.concat(predBoxes).forEach(function (b) { b.checked = true; });
    fromInput.value = ""; toInput.value = "";
    relayout();
  });
  document.getElementById("kg-overview").addEventListener("click", clearSelection);
  document.getElementById("kg-fit").addEventListener("click", function () { network.fit({ animation: false }); });

  /* ---- search by name or alias (every node of the page, drawn or not) */
  var index = N.map(function (n, i) { return { i: i, names: [n[LABEL]].concat(n[ALIASES]).map(function (s) { return s.toLowerCase(); }) }; });
  function search(query) {
    var q = query.trim().toLowerCase(), hits = [];
    if (!q) return hits;
    index.forEach(function (it) {
      var best = 9;
      it.names.forEach(function (name) {
        var at = name.indexOf(q), rank = name === q ? 0 : at === 0 ? 1 : at > 0 ? 2 : 9;
        if (rank < best) best = rank;
      });
      if (best < 9) hits.push([best, N[it.i][LABEL].length, N[it.i][NID], it.i]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || cmpStr(a[2], b[2]); });
    return hits.slice(0, 20).map(function (h) { return h[3]; });
  }
  var input = document.getElementById("kg-search"), results = document.getElementById("kg-results");
  function renderResults() {
    while (results.firstChild) results.removeChild(results.firstChild);
    var hits = search(input.value);
    if (input.value.trim() && !hits.length) results.appendChild(el("li", "kg-empty", "没有找到"));
    hits.forEach(function (i, r) {
      var li = el("li", r === 0 ? "kg-hit kg-active" : "kg-hit", N[i][LABEL]);
      li.appendChild(el("span", "kg-tip-type", T[N[i][TYPE]][1]));
      li.addEventListener("click", function () { select(N[i][NID]); });
      results.appendChild(li);
    });
    return hits;
  }
  input.addEventListener("input", renderResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var hits = renderResults();
    if (hits.length) select(N[hits[0]][NID]);
  });

  window.kg = {
    network: network, nodes: nodes, edges: edges, search: search, select: select, clear: clearSelection,
    meta: V, state: state, data: P,
    label: function (id) { var i = byId.get(id); return i === undefined ? null : N[i][LABEL]; }
  };

  /* ---- start: the overview, then the node in the URL hash, if any */
  computeMasks();
  var first = idFromHash();
  // the overview first (it is the dimmed background of a focused view), then the node in the hash
  showOverview(first && byId.has(first) ? function () { select(first); } : null);
})();
