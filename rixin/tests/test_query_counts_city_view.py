"""The city view of the cockpit runs as many queries for small counties as for larger ones,
and as many for a city with few counties at work as for one with more."""

from rixin.demo.scale import TEST_SIZES, at_each_size, generate, page_queries

URL = "/cockpit/city/140700/"


def test_the_city_view_runs_the_same_queries_at_two_data_sizes(personas, client_for):
    client = client_for(personas.city_viewer)
    small, larger = at_each_size(lambda: page_queries(client, URL)[0], 3)
    assert small == larger


def test_the_city_view_runs_the_same_queries_whatever_the_number_of_counties_at_work(
    personas, client_for
):
    client = client_for(personas.city_viewer)
    client.get(URL)  # the session's first request writes its activity mark; later ones do not
    generate(2, volume=TEST_SIZES[0])
    few = page_queries(client, URL)[0]
    generate(5, volume=TEST_SIZES[0])
    more = page_queries(client, URL)[0]
    assert few == more
