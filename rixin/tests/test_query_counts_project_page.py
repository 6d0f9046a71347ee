"""A project's page runs as many queries for a project with few reports, problems and
neighbours as for one in a larger county."""

from rixin.demo.scale import PROJECT_PREFIX, at_each_size, page_queries
from rixin.projects.models import Project


def test_a_project_page_runs_the_same_queries_at_two_data_sizes(personas, client_for):
    client = client_for(personas.leader)

    def measure():
        project = Project.objects.filter(county_id="140725", name__startswith=PROJECT_PREFIX)
        pk = project.order_by("pk").values_list("pk", flat=True).first()
        return page_queries(client, f"/projects/{pk}/?year=2025&month=12")[0]

    small, larger = at_each_size(measure)
    assert small == larger
