"""The pure rules of keeping what was typed (no database)."""

from common.keep import (
    idle_expired,
    keepable_fields,
    needs_refresh,
    posted_from_this_site,
    same_origin_path,
)


def test_passwords_and_csrf_tokens_are_never_kept():
    kept = keepable_fields(
        [
            ("csrfmiddlewaretoken", ["abc"]),
            ("password", ["hemligt"]),
            ("new_password1", ["hemligt"]),
            ("narrative", ["Vi har haft öppet varje tisdag."]),
        ]
    )
    assert kept == {"narrative": ["Vi har haft öppet varje tisdag."]}


def test_oversized_input_is_dropped_not_kept():
    kept = keepable_fields([("a", ["x" * 100_001]), ("b", ["kort"])])
    assert kept == {"b": ["kort"]}


def test_idle_timeout_counts_from_last_activity():
    assert not idle_expired(last_seen=1000.0, now=1000.0 + 7200, idle_seconds=7200)
    assert idle_expired(last_seen=1000.0, now=1000.0 + 7201, idle_seconds=7200)
    assert not idle_expired(last_seen=None, now=5.0, idle_seconds=1)


def test_last_seen_is_written_at_most_once_a_minute():
    assert needs_refresh(last_seen=None, now=10.0)
    assert not needs_refresh(last_seen=10.0, now=69.0)
    assert needs_refresh(last_seen=10.0, now=70.0)


def test_only_this_sites_pages_count_as_origin():
    assert same_origin_path("http://iop.example/moten/3/?a=1", host="iop.example") == (
        "/moten/3/?a=1"
    )
    assert same_origin_path("https://evil.example/moten/3/", host="iop.example") is None
    assert same_origin_path("javascript:alert(1)", host="iop.example") is None


def test_a_post_from_another_site_is_not_trusted():
    host = "iop.example"
    assert posted_from_this_site({"Origin": "https://iop.example"}, host=host)
    assert not posted_from_this_site({"Origin": "https://evil.example"}, host=host)
    assert not posted_from_this_site({"Referer": "https://evil.example/x"}, host=host)
    assert not posted_from_this_site({"Origin": "null"}, host=host)
