/* The project map: every element with data-rixin-map. Configuration and data come from
   json_script elements or the GeoJSON endpoint (no inline script). Points arrive already in
   the tiles' coordinate system (rixin.maps.geo). */
(function () {
  "use strict";

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function readJSON(id) {
    var node = id && document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function niceStep(span) {
    var raw = span / 6, power = Math.pow(10, Math.floor(Math.log10(raw)));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) if (raw <= steps[i] * power) return steps[i] * power;
    return 10 * power;
  }

  /* Without a basemap: a graticule (lines of latitude and longitude) that follows the view. */
  function graticule(map) {
    var layer = L.layerGroup().addTo(map);
    function draw() {
      layer.clearLayers();
      var b = map.getBounds(), step = niceStep(Math.max(b.getNorth() - b.getSouth(), 1e-4));
      var style = { color: "#adb5bd", weight: 1, opacity: 0.6, interactive: false };
      var digits = Math.max(0, -Math.floor(Math.log10(step)));
      for (var lat = Math.ceil(b.getSouth() / step) * step; lat <= b.getNorth(); lat += step) {
        L.polyline([[lat, b.getWest()], [lat, b.getEast()]], style).addTo(layer);
        L.marker([lat, b.getWest()], { interactive: false, icon: L.divIcon({ className: "rixin-grid-label", html: lat.toFixed(digits) + "°N", iconSize: null }) }).addTo(layer);
      }
      for (var lon = Math.ceil(b.getWest() / step) * step; lon <= b.getEast(); lon += step) {
        L.polyline([[b.getSouth(), lon], [b.getNorth(), lon]], style).addTo(layer);
        L.marker([b.getSouth(), lon], { interactive: false, icon: L.divIcon({ className: "rixin-grid-label", html: lon.toFixed(digits) + "°E", iconSize: [60, 24], iconAnchor: [0, 24] }) }).addTo(layer);
      }
    }
    map.on("moveend", draw);
    draw();
  }

  function basemap(map, config) {
    if (!config.tiles) { graticule(map); return; }
    var options = { maxZoom: config.maxZoom, subdomains: config.subdomains, attribution: config.attribution };
    L.tileLayer(config.tiles, options).addTo(map);
    if (config.labels) L.tileLayer(config.labels, { maxZoom: config.maxZoom, subdomains: config.subdomains }).addTo(map);
  }

  /* Radius in pixels from total investment (万元): the area grows with the amount. */
  function radius(wan) { return Math.max(6, Math.min(28, 5 + Math.sqrt(Math.max(wan, 0) / 1000) * 1.6)); }

  function row(parent, label, value) {
    var line = make("div");
    line.appendChild(make("span", "text-secondary", label + ":"));
    line.appendChild(document.createTextNode(value));
    parent.appendChild(line);
  }

  function card(p, t) {
    var box = make("div", "rixin-card");
    box.dataset.project = p.id;
    if (p.photo) { var img = make("img"); img.src = p.photo; img.alt = p.name; box.appendChild(img); }
    box.appendChild(make("h3", "", p.name));
    var badge = make("span", "badge", p.health_label || t.no_plan);
    badge.style.background = p.color;
    box.appendChild(badge);
    box.appendChild(document.createTextNode(" " + p.status + " · " + p.category));
    row(box, t.total, p.total_investment_yi + " " + t.yi);
    row(box, t.latest, p.latest_period ? p.latest_period + "," + t.month_investment + " " + p.latest_investment + " " + t.wan : t.none);
    row(box, t.year_done, p.completed_this_year + " " + t.wan);
    var share = p.against_annual_plan;
    row(box, t.annual, share === null ? t.none : share + "%");
    if (share !== null) {
      var bar = make("div", "progress"), fill = make("div", "progress-bar");
      fill.style.width = Math.min(share, 100) + "%";
      fill.style.background = p.color;
      bar.setAttribute("role", "progressbar"); bar.setAttribute("aria-valuenow", share);
      bar.setAttribute("aria-valuemin", 0); bar.setAttribute("aria-valuemax", 100);
      bar.appendChild(fill); box.appendChild(bar);
    }
    if (p.physical !== null) row(box, t.physical, p.physical + "%");
    var link = make("a", "btn btn-sm btn-outline-primary mt-1", t.open);
    link.href = p.url;
    box.appendChild(link);
    return box;
  }

  function projects(map, container, data, t) {
    var clusters = L.markerClusterGroup({ maxClusterRadius: 40, disableClusteringAtZoom: 15, showCoverageOnHover: false });
    var bounds = [];
    data.features.forEach(function (f) {
      var p = f.properties, ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      var marker = L.circleMarker(ll, { radius: radius(p.total_investment), color: "#fff", weight: 1.5, fillColor: p.color, fillOpacity: 0.85, className: "rixin-marker project-" + p.id });
      marker.bindPopup(function () { return card(p, t); }, { maxWidth: 300 });
      marker.bindTooltip(p.name);
      clusters.addLayer(marker);
      bounds.push(ll);
    });
    map.addLayer(clusters);
    container.dataset.markers = String(data.features.length);
    if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 14 });
    return clusters;
  }

  function appealLayers(map, container, config, t) {
    var density = L.layerGroup(), publicLayer = L.layerGroup();
    var overlays = {};
    if (container.dataset.publicUrl) {
      fetch(container.dataset.publicUrl + "?crs=" + config.crs, { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          data.points.forEach(function (p) {
            var m = L.circleMarker([p.lat, p.lon], { radius: 5, color: "#0d6efd", weight: 1, fillOpacity: 0.7, className: "rixin-public" });
            var text = make("div"); text.appendChild(make("strong", "", p.number + " " + p.title));
            text.appendChild(make("div", "small", p.category + " · " + p.status));
            m.bindPopup(text); m.addTo(publicLayer);
          });
        });
      overlays[t.public] = publicLayer;
    }
    var controls = document.querySelector("#appeal-controls[data-for='" + container.id + "']");
    if (container.dataset.densityUrl && controls) {
      var refresh = function () {
        density.clearLayers();
        if (!controls.elements.density.checked) { map.removeLayer(density); return; }
        var query = new URLSearchParams(new FormData(controls));
        query.set("crs", config.crs);
        fetch(container.dataset.densityUrl + "?" + query, { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            var most = data.cells.reduce(function (m, c) { return Math.max(m, c.count); }, 1), half = data.cell / 2;
            data.cells.forEach(function (c) {
              L.rectangle([[c.lat - half, c.lon - half], [c.lat + half, c.lon + half]], { stroke: false, fillColor: "#d63384", fillOpacity: 0.15 + 0.6 * c.count / most, className: "rixin-density" })
                .bindTooltip(t.appeals + ":" + c.count).addTo(density);
            });
            density.addTo(map);
            container.dataset.densityCells = String(data.cells.length);
          });
      };
      controls.addEventListener("change", refresh);
      controls.addEventListener("submit", function (e) { e.preventDefault(); refresh(); });
    }
    if (Object.keys(overlays).length) L.control.layers(null, overlays, { collapsed: false }).addTo(map);
  }

  function init(container) {
    if (container.dataset.initialised) return;
    container.dataset.initialised = "1";
    var config = readJSON(container.dataset.config), t = config.texts;
    var map = L.map(container, { maxZoom: config.maxZoom, attributionControl: true });
    map.attributionControl.setPrefix(false);
    if (config.extent) map.fitBounds(config.extent);
    else if (config.centre) map.setView(config.centre, 10);
    else map.setView([35, 105], 4);
    basemap(map, config);
    L.control.scale({ imperial: false }).addTo(map);
    if (config.centre && !config.tiles) {
      L.circleMarker(config.centre, { radius: 4, color: "#495057", weight: 2, fill: false, dashArray: "2 2", interactive: false }).addTo(map)
        .bindTooltip(config.county + t.centroid, { permanent: true, direction: "right", className: "rixin-grid-label" });
    }
    var ready = function (data) {
      projects(map, container, data, t);
      appealLayers(map, container, config, t);
      container.dataset.ready = "1";
    };
    var inline = readJSON(container.dataset.geojson);
    if (inline) ready(inline);
    else fetch(container.dataset.geojsonUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); }).then(ready);
    container.rixinMap = map;
  }

  // A map in a hidden tab has no size to fit its bounds to: it is drawn when its tab is shown.
  function hidden(container) { return !!container.closest(".tab-pane:not(.active)"); }
  function initAll(root) {
    (root || document).querySelectorAll("[data-rixin-map]").forEach(function (container) {
      if (!hidden(container)) init(container);
    });
  }
  initAll();
  document.body.addEventListener("htmx:afterSettle", function (e) { initAll(e.target); });
  document.addEventListener("shown.bs.tab", function (e) {
    var pane = document.querySelector(e.target.dataset.bsTarget || "");
    if (!pane) return;
    initAll(pane);
    pane.querySelectorAll("[data-rixin-map]").forEach(function (c) { if (c.rixinMap) c.rixinMap.invalidateSize(); });
  });
})();
