"""The project library (filtered, 50 rows a page) runs as many queries on a small county as
on a larger one."""

from rixin.demo.scale import at_each_size, page_queries

URL = "/projects/?status=under_construction&year=2025&month=12"


def test_the_filtered_project_library_runs_the_same_queries_at_two_data_sizes(personas, client_for):
    client = client_for(personas.leader)

    def measure():
        queries, response = page_queries(client, URL)
        return queries, response.context["page"].paginator.count

    (small, shown_small), (larger, shown_larger) = at_each_size(measure)
    assert 0 < shown_small < shown_larger
    assert small == larger
