"""The standard wording of the documents: pure functions, no database."""

import datetime as dt

from documents import texts


def test_period_text_of_three_whole_years_reads_like_the_agreement():
    assert texts.period_text(dt.date(2024, 1, 1), dt.date(2026, 12, 31)) == (
        "Överenskommelsen gäller under tre år från och med 2024-01-01 till och med 2026-12-31."
    )


def test_period_text_of_an_odd_period_leaves_out_the_length():
    text = texts.period_text(dt.date(2024, 3, 1), dt.date(2025, 12, 31))
    assert text == "Överenskommelsen gäller från och med 2024-03-01 till och med 2025-12-31."


def test_one_year_is_ett_ar():
    assert "under ett år" in texts.period_text(dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def test_notice_text_spells_the_months():
    assert "Uppsägningstiden är sex (6) månader" in texts.notice_text(6)
    assert "en (1) månad " in texts.notice_text(1)


def test_followup_text_uses_the_cadence():
    assert "minst en (1) gång per år" in texts.followup_text(1)
    assert "minst två (2) gånger per år" in texts.followup_text(2)


def test_join_names():
    assert texts.join_names(["A"]) == "A"
    assert texts.join_names(["A", "B"]) == "A och B"
    assert texts.join_names(["A", "B", "C"]) == "A, B och C"


def test_director_and_genitive_of_the_administration():
    assert (
        texts.director_title("Social- och omsorgsförvaltningen") == "Social- och omsorgsdirektören"
    )
    assert texts.director_title("") == "Förvaltningsdirektören"
    assert texts.genitive("Omsorgskontoret") == "omsorgskontorets"


def test_new_memo_proposals_follow_seed_002():
    lines = texts.new_memo_proposals(
        idea_based_names=["IOGT-NTO", "Sionförsamlingen"],
        administration_name="Social- och omsorgsförvaltningen",
    )
    assert lines[0] == (
        "Överenskommelse om Idéburet Offentligt Partnerskap med IOGT-NTO och "
        "Sionförsamlingen godkänns enligt social- och omsorgsförvaltningens förslag."
    )
    assert lines[1] == "Social- och omsorgsdirektören ges i uppdrag att teckna överenskommelsen."


def test_renewal_memo_proposals_follow_seed_004():
    lines = texts.renewal_memo_proposals(
        years=3,
        new_end=dt.date(2023, 12, 31),
        administration_name="Social- och omsorgsförvaltningen",
    )
    assert lines == [
        "Uppföljningen godkänns.",
        "Nuvarande överenskommelse/IOP förnyas och gäller tre år till och med 2023-12-31.",
        "Social- och omsorgsdirektören ges i uppdrag att teckna överenskommelsen.",
        "En rapport för utgången av överenskommelsen delges nämnden årligen med start under "
        "första kvartalet 2021.",
    ]


def test_split_lines_drops_typed_numbering_but_not_years():
    assert texts.split_lines("1. Ett\n\n2) Två\n2023 års nivå", strip_numbering=True) == [
        "Ett",
        "Två",
        "2023 års nivå",
    ]
