"""The city view of the cockpit runs as many queries for small counties as for larger ones."""

from rixin.demo.scale import at_each_size, page_queries


def test_the_city_view_runs_the_same_queries_at_two_data_sizes(personas, client_for):
    client = client_for(personas.city_viewer)
    small, larger = at_each_size(lambda: page_queries(client, "/cockpit/city/140700/")[0], 3)
    assert small == larger
