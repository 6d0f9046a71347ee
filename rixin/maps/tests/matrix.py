"""Every maps URL against every persona (see rixin/urlmatrix.py). No route takes an object:
each answers for the user's own county (the GeoJSON scoping has its own tests)."""

from rixin.urlmatrix import READERS, WRITERS, Route

DENSITY = frozenset({"leader", "other_leader", "yingshang"})

ROUTES = [
    Route("maps_projects", READERS),
    Route("maps_basemap", frozenset({"county_admin"})),
    Route("maps_location_check", WRITERS, query="lat=37.9&lon=113.2"),
    Route("maps_appeals_density", DENSITY),
    Route("maps_appeals_public", READERS),
    Route("api:project_geojson", READERS),
]
