"""``manage.py deliver_notices``: the old name of the one worker, ``manage.py work``
(rixin/jobs/management/commands/work.py), with the same options. It delivers the outbox
and runs due background jobs in the same process."""

from rixin.jobs.management.commands.work import Command as Work


class Command(Work):
    help = "The one worker under its old name: deliver pending notices and run due jobs."
