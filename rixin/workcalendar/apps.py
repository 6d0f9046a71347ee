from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _seed(sender, using="default", **kwargs) -> None:
    # After migrate, and after every flush (a transactional test empties the tables): the
    # years chinese-calendar knows, when the table does not hold them yet. Cheap when it does.
    from .seed import seed_if_empty

    seed_if_empty(using=using)


class WorkCalendarConfig(AppConfig):
    name = "rixin.workcalendar"
    label = "workcalendar"
    verbose_name = _("节假日安排")
    nav_order = 105  # rixin.discovery: place of nav.ENTRIES in the menu

    def ready(self) -> None:
        post_migrate.connect(_seed, sender=self, dispatch_uid="rixin.workcalendar.seed")
