"""Issue 12: the publication settings' write checks its own permission."""

import pytest
from django.core.exceptions import PermissionDenied

from publication import services
from publication.models import Publication


@pytest.mark.parametrize("who", ["board_staff", "partner"])
def test_publication_save_refuses_a_user_who_may_not_manage_the_list(world, who):
    publication = Publication(organisation=world.municipality, slug="linkoping")
    with pytest.raises(PermissionDenied):
        services.publication_save(
            user=getattr(world, who), publication=publication, expected_version=0
        )
    assert not Publication.objects.exists()


def test_publication_save_lets_the_administrator_through(world):
    publication = Publication(organisation=world.municipality, slug="linkoping")
    services.publication_save(user=world.admin, publication=publication, expected_version=0)
    assert Publication.objects.get().slug == "linkoping"
