/* kg explorer: tooltips, legend filter, search and details for a vis-network graph.
 *
 * Every text from the graph goes into the page through textContent (DOM text nodes), never
 * innerHTML, so a name that looks like an HTML tag shows as text. Tooltips are DOM
 * elements, which vis-network inserts as they are. When the layout has stabilised, physics is
 * switched off and window.kgReady becomes true (the browser tests wait for it).
 */
(function () {
  "use strict";
  var payload = JSON.parse(document.getElementById("kg-data").textContent);
  var MAX_LIST = 8;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function list(parent, heading, items, total, render) {
    if (!items.length) return;
    parent.appendChild(el("div", "kg-tip-sec", heading + (total > items.length ? "（共 " + total + "，显示 " + items.length + "）" : "")));
    var ul = el("ul");
    items.forEach(function (item) { var li = el("li"); render(li, item); ul.appendChild(li); });
    parent.appendChild(ul);
  }

  function nodeCard(n) {
    var k = n.kg, card = el("div", "kg-tip");
    var head = el("div", "kg-tip-head", k.name);
    head.appendChild(el("span", "kg-tip-type", k.typeZh + " · " + k.type));
    card.appendChild(head);
    if (k.aliases.length) card.appendChild(el("div", "kg-tip-aliases", "别名：" + k.aliases.join("、")));
    if (k.facts.length) card.appendChild(el("div", "kg-tip-facts", k.facts.join(" · ")));
    list(card, "职务", k.posts.slice(0, MAX_LIST), k.posts.length, function (li, p) {
      li.textContent = p[0] + " @ " + p[1] + (p[2] ? "（" + p[2] + "）" : "");
    });
    list(card, "报道", k.articles.slice(0, MAX_LIST), k.nArticles, function (li, a) {
      li.textContent = a[0] + (a[1] ? "（" + a[1] + "）" : "");
    });
    return card;
  }

  function edgeCard(e) {
    var k = e.kg, card = el("div", "kg-tip");
    var head = el("div", "kg-tip-head", k.from + " → " + k.to);
    head.appendChild(el("span", "kg-tip-type", k.predZh + " · " + k.pred));
    card.appendChild(head);
    if (k.qualifiers.length) card.appendChild(el("div", "kg-tip-facts", k.qualifiers.join(" · ")));
    list(card, "证据", k.evidence.slice(0, MAX_LIST), k.nEvidence, function (li, ev) {
      li.appendChild(el("q", "kg-sentence", ev[0]));
      li.appendChild(document.createTextNode(" —— "));
      li.appendChild(el("span", "kg-src", "《" + ev[1] + "》" + (ev[2] ? " " + ev[2] : "")));
    });
    if (!k.evidence.length && k.source) card.appendChild(el("div", "kg-tip-sec", "来源：" + k.source));
    return card;
  }

  payload.nodes.forEach(function (n) { n.title = nodeCard(n); });
  payload.edges.forEach(function (e) { e.title = edgeCard(e); });
  var nodes = new vis.DataSet(payload.nodes);
  var edges = new vis.DataSet(payload.edges);
  var byId = {};
  payload.nodes.forEach(function (n) { byId[n.id] = n; });

  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: [], edges: [] }, payload.options);
  function ready() {
    network.setOptions({ physics: { enabled: false } });
    network.fit({ animation: false });
    window.kgReady = true;
    document.body.setAttribute("data-kg-ready", "1");
  }
  var progress = document.getElementById("kg-progress");
  network.on("stabilizationProgress", function (p) {
    progress.textContent = "布局中 " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () { progress.textContent = ""; ready(); });
  network.setData({ nodes: nodes, edges: edges });
  if (!payload.nodes.length || !payload.options.physics.enabled) ready();

  /* ---- details panel */
  var details = document.getElementById("kg-details");
  function showDetails(id) {
    var n = byId[id];
    if (!n) return;
    while (details.firstChild) details.removeChild(details.firstChild);
    details.appendChild(nodeCard(n));
    var links = network.getConnectedEdges(id).map(function (eid) { return edges.get(eid); });
    links.sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; });
    list(details.firstChild, "关系", links.slice(0, 40), links.length, function (li, e) {
      var out = e.from === id;
      li.textContent = (out ? e.kg.predZh + " → " + e.kg.to : e.kg.from + " → " + e.kg.predZh);
    });
  }

  /* ---- legend filter */
  var filters = Array.prototype.slice.call(document.querySelectorAll(".kg-type-filter"));
  function applyFilter() {
    var shown = {};
    filters.forEach(function (box) { shown[box.value] = box.checked; });
    nodes.update(payload.nodes.map(function (n) { return { id: n.id, hidden: shown[n.kg.type] === false }; }));
  }
  filters.forEach(function (box) { box.addEventListener("change", applyFilter); });
  document.getElementById("kg-show-all").addEventListener("click", function () {
    filters.forEach(function (box) { box.checked = true; });
    applyFilter();
  });
  document.getElementById("kg-fit").addEventListener("click", function () { network.fit({ animation: false }); });

  /* ---- search by name or alias */
  var index = payload.nodes.map(function (n) {
    return { node: n, names: [n.kg.name].concat(n.kg.aliases).map(function (s) { return s.toLowerCase(); }) };
  });
  function search(query) {
    var q = query.trim().toLowerCase(), hits = [];
    if (!q) return hits;
    index.forEach(function (it) {
      var best = 9;
      it.names.forEach(function (name) {
        var at = name.indexOf(q), rank = name === q ? 0 : at === 0 ? 1 : at > 0 ? 2 : 9;
        if (rank < best) best = rank;
      });
      if (best < 9) hits.push([best, it.node.kg.name.length, it.node.id, it.node]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0); });
    return hits.slice(0, 20).map(function (h) { return h[3]; });
  }
  function select(id) {
    var n = byId[id];
    if (!n) return false;
    filters.forEach(function (box) { if (box.value === n.kg.type && !box.checked) { box.checked = true; applyFilter(); } });
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: false });
    showDetails(id);
    window.kgSelected = id;
    return true;
  }
  var input = document.getElementById("kg-search"), results = document.getElementById("kg-results");
  function renderResults() {
    while (results.firstChild) results.removeChild(results.firstChild);
    var hits = search(input.value);
    if (input.value.trim() && !hits.length) results.appendChild(el("li", "kg-empty", "没有找到"));
    hits.forEach(function (n, i) {
      var li = el("li", i === 0 ? "kg-hit kg-active" : "kg-hit", n.kg.name);
      li.appendChild(el("span", "kg-tip-type", n.kg.typeZh));
      li.addEventListener("click", function () { select(n.id); });
      results.appendChild(li);
    });
    return hits;
  }
  input.addEventListener("input", renderResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var hits = renderResults();
    if (hits.length) select(hits[0].id);
  });
  network.on("click", function (params) { if (params.nodes.length) { window.kgSelected = params.nodes[0]; showDetails(params.nodes[0]); } });

  window.kg = { network: network, nodes: nodes, edges: edges, search: search, select: select, meta: payload.meta };
})();
