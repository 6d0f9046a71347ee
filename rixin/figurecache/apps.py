from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(sender, using: str = "default", **kwargs) -> None:
    """``migrate`` (hence ``make setup``, ``make demo`` and the test databases) creates the
    database cache's table when the database cache is configured; an existing table is kept."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class FigureCacheConfig(AppConfig):
    name = "rixin.figurecache"
    verbose_name = _("数据缓存")

    def ready(self) -> None:
        post_migrate.connect(create_cache_table, sender=self)
