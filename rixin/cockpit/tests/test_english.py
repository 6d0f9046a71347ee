import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_cockpit_speaks_english_to_a_user_who_chose_it(personas, client_for):
    client = client_for(personas.leader)
    client.post("/accounts/language/", {"language": "en", "next": "/cockpit/"})
    text = client.get(reverse("cockpit") + "?period=2024H1").text
    assert "Shouyang cockpit" in text and "Red list" in text and "the first half of 2024" in text
    city = client_for(personas.city_viewer)
    city.post("/accounts/language/", {"language": "en", "next": "/cockpit/"})
    assert "counties compared" in city.get("/cockpit/city/140700/").text
