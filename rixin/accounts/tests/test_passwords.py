import pytest
from django.core.exceptions import ValidationError

from rixin.accounts.actions import change_own_password, create_user
from rixin.testing import division

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("password", ["Ab1!", "abcdefgh", "abcd1234", "ABCDEFGH12", "Passwords"])
def test_weak_passwords_are_refused(personas, password):
    with pytest.raises(ValidationError):
        change_own_password(personas.officer, password)


def test_password_with_three_classes_is_accepted(personas):
    change_own_password(personas.officer, "Shouyang-road7")
    personas.officer.refresh_from_db()
    assert personas.officer.check_password("Shouyang-road7")


def test_account_created_by_administrator_must_change_password(personas, client_for):
    user, password = create_user(
        acting_user=personas.sysadmin,
        username="new_officer",
        display_name="新工作人员",
        division=division("140725"),
    )
    assert user.must_change_password and user.role == ""
    client = client_for(user)
    response = client.get("/enterprises/")
    assert response.status_code == 302 and response["Location"] == "/accounts/password/"
    response = client.post(
        "/accounts/password/",
        {
            "old_password": password,
            "new_password1": "Shouyang-road7",
            "new_password2": "Shouyang-road7",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password


def test_password_change_names_the_wrong_field(personas, client_for):
    response = client_for(personas.officer).post(
        "/accounts/password/",
        {"old_password": "nope", "new_password1": "abc", "new_password2": "abd"},
    )
    assert "当前密码不正确" in response.text
