import pytest
from django.core.management import CommandError, call_command

from rixin.accounts.models import User
from rixin.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_create_account_gives_a_temporary_password_to_change(capsys):
    call_command("create_account", "sec1", role=Role.SECURITY_ADMIN, division="140725")
    user = User.objects.get(username="sec1")
    assert user.role == Role.SECURITY_ADMIN and user.must_change_password
    assert "temporary password" in capsys.readouterr().out


def test_create_account_refuses_an_unknown_division():
    with pytest.raises(CommandError, match="不存在"):
        call_command("create_account", "x", role=Role.LEADER, division="149999")
    assert not User.objects.filter(username="x").exists()


def test_create_account_refuses_a_scope_of_the_wrong_level():
    with pytest.raises(CommandError):
        call_command("create_account", "x", role=Role.CITY_VIEWER, division="140725")


@pytest.mark.django_db(transaction=True)
def test_backup_command_writes_a_copy(tmp_path, settings, capsys):
    settings.RIXIN_BACKUP_DIR = tmp_path
    call_command("backup")
    assert list(tmp_path.glob("rixin-*"))
