"""The GeoJSON endpoint runs as many queries on a small county as on a larger one."""

from rixin.demo.scale import at_each_size, page_queries

URL = "/api/v1/projects/geojson?year=2025&month=12"


def test_the_geojson_endpoint_runs_the_same_queries_at_two_data_sizes(personas, client_for):
    client = client_for(personas.leader)

    def measure():
        queries, response = page_queries(client, URL)
        data = response.json()
        return queries, len(data["features"])

    (small, shown_small), (larger, shown_larger) = at_each_size(measure)
    assert 0 < shown_small < shown_larger
    assert small == larger
