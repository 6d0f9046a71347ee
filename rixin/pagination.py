"""The API's one pagination: limit/offset, bounded so that a huge number is a 422 naming the
field, not an integer overflow in the database (a 500)."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

# Far beyond any list Rixin holds, and far below the databases' 64-bit integers.
MAX_OFFSET = 2**31 - 1
MAX_LIMIT = 1000


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
