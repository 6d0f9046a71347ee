"""A county's cockpit runs as many queries on a small county as on a larger one."""

from rixin.demo.scale import at_each_size, page_queries


def test_the_county_cockpit_runs_the_same_queries_at_two_data_sizes(personas, client_for):
    client = client_for(personas.leader)
    small, larger = at_each_size(lambda: page_queries(client, "/cockpit/")[0])
    assert small == larger
