from rixin.urlmatrix import EVERYONE, Route

ROUTES = [
    Route("home", EVERYONE),
    Route("healthz", EVERYONE, public=True),
    Route("set_language", EVERYONE, method="post", data={"language": "en"}, public=True),
    Route("javascript_catalog", EVERYONE, public=True),
    # The API's description is public (it holds no data); every operation needs a login or token.
    Route("api:openapi-json", EVERYONE, public=True),
    Route("api:openapi-view", EVERYONE, public=True),
    Route("api:api-root", frozenset(), denied={name: 404 for name in EVERYONE}, public=True),
]
