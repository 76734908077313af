// Relais: the map of a results page (docs/server.md, "Map"). The list is the
// page; this script adds a "Voir sur une carte" button and, only when it is
// pressed, loads Leaflet and markercluster (npm, served under /static/) and
// shows the places of #carte's data attributes as clustered markers whose
// popups link to the place pages. Keyboard access is Leaflet's own.
(function () {
  'use strict';
  var box = document.getElementById('carte');
  var list = document.querySelector('ol.relais-lieux');
  if (!box || !list) return;
  var places = JSON.parse(box.getAttribute('data-lieux') || '[]');
  if (!places.length) return;
  var section = box.parentNode;
  var heading = document.getElementById('carte-titre');
  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'fr-btn fr-btn--secondary fr-text--bold';
  button.setAttribute('aria-controls', section.id);
  button.setAttribute('aria-expanded', 'false');
  button.textContent = 'Voir sur une carte';
  var line = document.createElement('p');
  line.className = 'fr-no-print';
  line.appendChild(button);
  list.parentNode.insertBefore(line, list);
  var ready = null;
  var map = null;

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      for (var name in attributes) element[name] = attributes[name];
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }
  function css(href) { return load('link', { rel: 'stylesheet', href: href }); }
  function js(src) { return load('script', { src: src }); }

  function libraries() {
    return Promise.all([
      css('/static/leaflet/leaflet.css'),
      css('/static/markercluster/MarkerCluster.css'),
      css('/static/markercluster/MarkerCluster.Default.css'),
      js('/static/leaflet/leaflet.js').then(function () {
        return js('/static/markercluster/leaflet.markercluster.js');
      })
    ]);
  }

  // A cluster: its count and, for screen readers, the word "lieux".
  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? 'small' : count < 100 ? 'medium' : 'large';
    return window.L.divIcon({
      html: '<div><span>' + count + '<span class="fr-sr-only"> lieux</span></span></div>',
      className: 'marker-cluster marker-cluster-' + size,
      iconSize: [40, 40]
    });
  }

  function draw() {
    var L = window.L;
    box.style.height = '32rem';
    map = L.map(box, { zoomControl: false });
    L.control.zoom({ zoomInTitle: 'Zoomer', zoomOutTitle: 'Dézoomer' }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    L.tileLayer(box.getAttribute('data-tuiles'), {
      maxZoom: 19,
      attribution: box.getAttribute('data-attribution') || ''
    }).addTo(map);
    var group = L.markerClusterGroup({ iconCreateFunction: clusterIcon });
    var bounds = [];
    places.forEach(function (place) {
      var link = document.createElement('a');
      link.href = place.url;
      // Text, never HTML.
      link.textContent = place.nom;
      var marker = L.marker([place.lat, place.lon], { title: place.nom, alt: place.nom });
      marker.bindPopup(link);
      group.addLayer(marker);
      bounds.push([place.lat, place.lon]);
    });
    map.addLayer(group);
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
  }

  function open() {
    section.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    button.textContent = 'Masquer la carte';
    if (!ready) {
      ready = libraries().then(draw, function () {
        ready = null;
        box.textContent = 'La carte n’a pas pu être chargée. Tous les lieux sont dans la liste.';
      });
    } else if (map) {
      map.invalidateSize();
    }
    heading.focus();
  }

  button.addEventListener('click', function () {
    if (section.hidden) {
      open();
    } else {
      section.hidden = true;
      button.setAttribute('aria-expanded', 'false');
      button.textContent = 'Voir sur une carte';
    }
  });
})();
