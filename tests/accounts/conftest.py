from tests.idp_fixture import identity_provider  # noqa: F401 - a fixture
