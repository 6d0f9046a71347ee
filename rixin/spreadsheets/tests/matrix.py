from rixin.spreadsheets.models import ImportBatch, ImportStatus
from rixin.urlmatrix import EVERYONE, WRITERS, Route


def _batch(p):
    batch = ImportBatch.objects.create(
        kind="enterprises",
        user=p.officer,
        county="140725",
        filename="a.xlsx",
        content=b"",
        status=ImportStatus.REJECTED,
    )
    return {"pk": batch.pk}, None


# A batch is visible to its uploader only: everyone else gets 404, never a hint.
_NOT_OWNER = {name: 404 for name in EVERYONE - {"officer"}}

ROUTES = [
    Route("import_upload", WRITERS, objects=lambda p: ({"kind": "enterprises"}, None)),
    Route("import_preview", frozenset({"officer"}), objects=_batch, denied=_NOT_OWNER),
    Route(
        "import_confirm", frozenset({"officer"}), method="post", objects=_batch, denied=_NOT_OWNER
    ),
]
