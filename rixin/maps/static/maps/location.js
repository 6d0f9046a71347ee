/* The project form's location widget: click the map or type the coordinates; the server
   checks them (range, the county's box) and gives the WGS-84 values to store. */
(function () {
  "use strict";

  function init(widget) {
    var config = JSON.parse(document.getElementById(widget.dataset.config).textContent);
    var lat = document.getElementById(widget.dataset.lat), lon = document.getElementById(widget.dataset.lon);
    var feedback = widget.querySelector(".location-feedback");
    var map = L.map(widget.querySelector(".rixin-map"), { maxZoom: config.maxZoom });
    map.attributionControl.setPrefix(false);
    if (config.extent) map.fitBounds(config.extent); else if (config.centre) map.setView(config.centre, 10); else map.setView([35, 105], 4);
    if (config.tiles) {
      L.tileLayer(config.tiles, { maxZoom: config.maxZoom, subdomains: config.subdomains, attribution: config.attribution }).addTo(map);
      if (config.labels) L.tileLayer(config.labels, { maxZoom: config.maxZoom, subdomains: config.subdomains }).addTo(map);
    }
    L.control.scale({ imperial: false }).addTo(map);
    if (config.extent) L.rectangle(config.extent, { color: "#6c757d", weight: 1, fill: false, dashArray: "4 4", interactive: false }).addTo(map);
    var marker = null;

    function show(result) {
      feedback.replaceChildren();
      Object.values(result.errors).forEach(function (text) {
        var line = document.createElement("div"); line.className = "text-danger"; line.textContent = text; feedback.appendChild(line);
      });
      result.warnings.forEach(function (text) {
        var line = document.createElement("div"); line.className = "text-warning-emphasis"; line.textContent = text; feedback.appendChild(line);
      });
      if (result.shown) {
        if (marker) marker.setLatLng(result.shown); else marker = L.marker(result.shown).addTo(map);
      }
    }

    function check(latValue, lonValue, crs, fill) {
      var query = new URLSearchParams({ lat: latValue, lon: lonValue, crs: crs || "" });
      fetch(widget.dataset.checkUrl + "?" + query, { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (result) {
          if (fill && result.latitude) { lat.value = result.latitude; lon.value = result.longitude; }
          show(result);
        });
    }

    map.on("click", function (e) { check(e.latlng.lat.toFixed(7), e.latlng.lng.toFixed(7), config.crs, true); });
    [lat, lon].forEach(function (input) {
      input.addEventListener("change", function () { if (lat.value && lon.value) check(lat.value, lon.value, "", false); });
    });
    if (lat.value && lon.value) check(lat.value, lon.value, "", false);
  }

  document.querySelectorAll("[data-location-widget]").forEach(init);
})();
