"""The 招商引资 KPI page runs as many queries with few leads and agreements as with more."""

from rixin.demo.scale import at_each_size, page_queries
from rixin.investment.models import Lead


def test_the_investment_kpi_page_runs_the_same_queries_at_two_data_sizes(personas, client_for):
    client = client_for(personas.leader)

    def measure():
        queries, _response = page_queries(client, "/investment/?year=2025&period=year")
        return queries, Lead.objects.filter(county_id="140725").count()

    (small, leads_small), (larger, leads_larger) = at_each_size(measure)
    assert leads_small < leads_larger
    assert small == larger
