"""rixin.settings for the benchmarks, with one change: static files are collected without the
manifest. The manifest storage of production (DEBUG off) refuses to collect the vendored
Bootstrap Icons CSS because it names fonts/bootstrap-icons.woff, which is not vendored (only
the .woff2 is); that is reported, and the pages timed here do not depend on it."""

from rixin.settings import *  # noqa: F403
from rixin.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
