"""我的待办 runs as many queries on a small county as on a larger one."""

from rixin.demo.scale import at_each_size, page_queries


def test_the_to_do_list_runs_the_same_queries_at_two_data_sizes(
    personas, client_for, django_assert_max_num_queries
):
    clients = [client_for(p) for p in (personas.officer, personas.gongshanglian)]
    for client in clients:
        client.get("/todo/")  # the session's first request writes its activity mark

    def measure():
        return [page_queries(client, "/todo/")[0] for client in clients]

    small, larger = at_each_size(measure)
    assert small == larger
    with django_assert_max_num_queries(30):
        clients[0].get("/todo/")
