"""The department scorecard of appeals runs as many queries with few appeals as with more."""

from rixin.appeals.models import Appeal
from rixin.demo.scale import at_each_size, page_queries

URL = "/appeals/scorecards/?start=2025-01-01&end=2025-12-31"


def test_the_department_scorecard_runs_the_same_queries_at_two_data_sizes(personas, client_for):
    client = client_for(personas.leader)

    def measure():
        queries, response = page_queries(client, URL)
        return queries, len(response.context["scorecards"]), Appeal.objects.count()

    (small, cards_small, appeals_small), (larger, cards_larger, appeals_larger) = at_each_size(
        measure
    )
    assert cards_small > 0 and appeals_small < appeals_larger
    assert small == larger
