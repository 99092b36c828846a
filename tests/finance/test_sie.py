"""SIE 4I export of payments: the file read back (encoding, balance, checksum), the marks
that keep a payment from being exported twice, accounting codes, scope."""

import datetime as dt
import zlib

import pytest
import time_machine
from django.urls import reverse

from finance import sie
from finance.models import AccountingDefaults, CompensationCoding, SieExportBatch, SieExportLine
from partnerships.models import Sector
from tests.factories import agreement_with_parties
from tests.finance.factories import CompensationFactory, DecidedAmountFactory, PaymentFactory

EXPORTS = "/ekonomi/sie/"


# --- the pure writer and reader ----------------------------------------------------------


def _voucher(ore=10_000, account="4990"):
    return sie.Voucher(
        date=dt.date(2024, 1, 25),
        text='Utbetalning "IOP" åäö',
        transactions=(
            sie.Trans(account, ore, (("1", "120"), ("6", "P 7")), "Föreningen"),
            sie.Trans("2440", -ore),
        ),
    )


HEADER = sie.Header(
    program="IOP-registret",
    program_version="1.0",
    generated=dt.date(2026, 11, 23),
    generated_by="handlaggare",
    company_name="Linköpings kommun",
    organisation_number="212000-0449",
    dimensions=(("1", "Kostnadsställe"), ("6", "Projekt")),
)


def test_checksum_is_crc32_of_labels_and_field_contents_only():
    """SIE 4B: label and field contents count; spaces, quotes, braces and line ends do not."""
    lines = ['#FNAMN "Kommun \\"A\\""', "{", '#TRANS 4990 {1 "120"} 100.00', "}"]
    expected = zlib.crc32('#FNAMNKommun "A"'.encode("cp437"))
    expected = zlib.crc32(b"#TRANS49901120100.00", expected)
    assert sie.ksumma(lines) == expected
    assert sie.ksumma(['#TRANS\t4990  { 1 "120" }   100.00']) == zlib.crc32(b"#TRANS49901120100.00")


def _crc_as_printed_in_the_standard(data: bytes) -> int:
    """The SIE standard's own table algorithm (its C code example, as translated to Python
    in Open End AB's SIE module): reflected polynomial 0xEDB88320, register preset to
    0xFFFFFFFF, inverted at the end. Written out here so the test does not trust zlib."""
    table = []
    for i in range(256):
        crc = i
        for _ in range(8):
            crc = (crc >> 1) ^ 0xEDB88320 if crc & 1 else crc >> 1
        table.append(crc)
    crc = 0xFFFFFFFF
    for byte in data:
        crc = ((crc >> 8) & 0x00FFFFFF) ^ table[(crc ^ byte) & 0xFF]
    return crc ^ 0xFFFFFFFF


def test_checksum_is_the_standards_crc_over_the_whole_record_stream():
    """One CRC over the concatenated contents of every record in between (not one per
    record), CP437 bytes, written as an unsigned decimal number."""
    lines = ['#FNAMN "Kommun \\"A\\" åäö"', "{", '#TRANS 4990 {1 "120"} 100.00', "}"]
    stream = '#FNAMNKommun "A" åäö'.encode("cp437") + b"#TRANS49901120100.00"
    assert sie.ksumma(lines) == _crc_as_printed_in_the_standard(stream)
    data = sie.write_sie(HEADER, [_voucher()])
    last = data.decode("cp437").split("\r\n")[-2]
    value = last.removeprefix("#KSUMMA ")
    assert value.isdigit() and 0 <= int(value) <= 0xFFFFFFFF
    assert sie.parse_sie(data).checksum_ok


def test_file_reads_back_with_header_vouchers_and_a_valid_checksum():
    data = sie.write_sie(HEADER, [_voucher(), _voucher(25_050, "4991")])
    text = data.decode("cp437")
    lines = text.split("\r\n")
    assert lines[:3] == ["#FLAGGA 0", "#KSUMMA", '#PROGRAM "IOP-registret" "1.0"']
    assert "#FORMAT PC8" in lines and "#SIETYP 4" in lines
    assert '#GEN 20261123 "handlaggare"' in lines
    assert '#FNAMN "Linköpings kommun"' in lines and "#ORGNR 212000-0449" in lines
    assert "ö".encode("cp437") in data and "ö".encode() not in data  # CP437, not UTF-8
    parsed = sie.parse_sie(data)
    assert parsed.checksum_ok
    assert [v.balance for v in parsed.vouchers] == [0, 0]
    assert parsed.vouchers[1].transactions[0] == sie.Trans(
        "4991", 25_050, (("1", "120"), ("6", "P 7")), "Föreningen"
    )
    assert parsed.vouchers[0].text == 'Utbetalning "IOP" åäö'
    assert lines[-2].startswith("#KSUMMA ") and lines[-1] == ""


def test_one_changed_byte_breaks_the_checksum():
    data = sie.write_sie(HEADER, [_voucher()])
    changed = data.replace(b"100.00", b"100.01", 1)
    assert changed != data
    assert not sie.parse_sie(changed).checksum_ok


def test_signed_checksum_is_accepted_when_reading():
    data = sie.write_sie(HEADER, [_voucher()])
    value = sie.parse_sie(data).declared_checksum
    signed = value - 2**32 if value >= 2**31 else value
    data = data.replace(f"#KSUMMA {value}".encode(), f"#KSUMMA {signed}".encode())
    assert sie.parse_sie(data).checksum_ok


def test_an_unbalanced_voucher_is_never_written():
    broken = sie.Voucher(dt.date(2024, 1, 1), "x", (sie.Trans("4990", 100), sie.Trans("2440", -99)))
    with pytest.raises(ValueError, match="balanserar inte"):
        sie.write_sie(HEADER, [broken])


def test_amounts_are_written_in_kronor_with_two_decimals():
    assert [sie.format_amount(v) for v in (10_000, -5, 0, -123_456)] == [
        "100.00", "-0.05", "0.00", "-1234.56"
    ]  # fmt: skip


# --- the export through the app ----------------------------------------------------------


@pytest.fixture
def money(world):
    with time_machine.travel(dt.datetime(2024, 6, 10, 10, tzinfo=dt.UTC), tick=False):
        idea_party = world.agreement.parties.get(role=Sector.IDEA_BASED)
        compensation = CompensationFactory(
            party=idea_party, base_amount=100_000, base_year=2023, first_index_year=2024
        )
        for year in (2024, 2025, 2026):
            DecidedAmountFactory(compensation=compensation, year=year, amount=100_000)
        PaymentFactory(
            compensation=compensation, year=2024, amount=60_000, paid_on=dt.date(2024, 1, 20)
        )
        PaymentFactory(
            compensation=compensation, year=2024, amount=40_000, paid_on=dt.date(2024, 2, 3)
        )
        AccountingDefaults.objects.create(
            organisation=world.municipality,
            account="4990",
            counter_account="2440",
            cost_centre="120",
        )
        yield compensation


def _export(client, **data):
    form = {"include_paid": "on", "planned_until": "2024-12-31", **data}
    return client.post(EXPORTS, form)


def _file(client, batch):
    response = client.get(reverse("finance:sie_export_download", args=[batch.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{batch.filename}"'
    return response.content


@pytest.mark.django_db
def test_export_of_made_payments_balances_and_is_marked(client_for, world, money):
    client = client_for(world.admin)
    with time_machine.travel(dt.datetime(2024, 6, 10, 10, tzinfo=dt.UTC), tick=False):
        assert _export(client).status_code == 302
    batch = SieExportBatch.objects.get()
    parsed = sie.parse_sie(_file(client, batch))
    assert parsed.checksum_ok
    assert parsed.first("#ORGNR").fields == [world.municipality.organisation_number]
    assert parsed.first("#FNAMN").fields == ["Linköpings kommun"]
    labels = {r.label for r in parsed.records}
    assert labels == {
        "#FLAGGA", "#KSUMMA", "#PROGRAM", "#FORMAT", "#GEN", "#SIETYP", "#ORGNR", "#FNAMN",
        "#DIM", "#VER", "#TRANS",
    }  # fmt: skip
    assert [(v.date, v.balance) for v in parsed.vouchers] == [
        (dt.date(2024, 1, 20), 0),
        (dt.date(2024, 2, 3), 0),
    ]
    first = parsed.vouchers[0].transactions
    assert (first[0].account, first[0].amount_ore, first[0].objects) == (
        "4990",
        6_000_000,
        (("1", "120"),),
    )
    assert (first[1].account, first[1].amount_ore) == ("2440", -6_000_000)
    assert batch.voucher_count == 2 and batch.total == 100_000
    assert SieExportLine.objects.filter(batch=batch, payment__isnull=False).count() == 2


@pytest.mark.django_db
def test_a_payment_is_not_exported_twice_and_a_batch_downloads_again_unchanged(
    client_for, world, money
):
    client = client_for(world.admin)
    _export(client)
    batch = SieExportBatch.objects.get()
    first = _file(client, batch)
    response = _export(client)
    assert response.status_code == 400
    assert "inga utbetalningar att exportera" in response.content.decode()
    PaymentFactory(compensation=money, year=2025, amount=100_000, paid_on=dt.date(2025, 1, 22))
    assert _export(client).status_code == 302
    second = SieExportBatch.objects.get(number=2)
    assert [v.date for v in sie.parse_sie(_file(client, second)).vouchers] == [dt.date(2025, 1, 22)]
    assert _file(client, batch) == first  # "export again": the same bytes
    batch.refresh_from_db()
    assert batch.download_count == 2
    assert "Ladda ner iop-utbetalningar-0001.si igen" in client.get(EXPORTS).content.decode()


@pytest.mark.django_db
def test_planned_payments_are_exported_once_with_their_due_date(client_for, world, money):
    client = client_for(world.admin)
    with time_machine.travel(dt.datetime(2024, 6, 10, 10, tzinfo=dt.UTC), tick=False):
        _export(client, include_paid="", include_planned="on", planned_until="2025-12-31")
        batch = SieExportBatch.objects.get()
        parsed = sie.parse_sie(_file(client, batch))
        # 2024 is fully paid; 2025 is planned for January (payment month 1); 2026 is later.
        assert [(v.date, v.transactions[0].amount_ore) for v in parsed.vouchers] == [
            (dt.date(2025, 1, 31), 10_000_000)
        ]
        assert parsed.vouchers[0].text.startswith("Planerad utbetalning IOP 2025")
        response = _export(
            client, include_paid="", include_planned="on", planned_until="2025-12-31"
        )
        assert response.status_code == 400


@pytest.mark.django_db
def test_compensation_codes_override_the_bodys(client_for, world, money):
    client = client_for(world.admin)
    url = reverse("finance:compensation_coding", args=[money.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"account": "4995", "project": "IOP-7", "cost_centre": "", "version": "0"}
    )
    assert response.status_code == 302
    _export(client)
    trans = sie.parse_sie(_file(client, SieExportBatch.objects.get())).vouchers[0].transactions
    assert trans[0].account == "4995"
    assert trans[0].objects == (("1", "120"), ("6", "IOP-7"))  # cost centre from the body
    assert trans[1].account == "2440"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, value, message",
    [
        ("account", "49", "fyra siffror"),
        ("project", "8001011234", "högst 20 tecken"),  # ten digits: could be a personnummer
        ("cost_centre", "a b", "högst 20 tecken"),
    ],
)
def test_bad_codes_are_refused_and_kept(client_for, world, money, field, value, message):
    url = reverse("finance:compensation_coding", args=[money.pk])
    response = client_for(world.admin).post(url, {field: value, "version": "0"})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and f'value="{value}"' in html
    assert not CompensationCoding.objects.exists()


@pytest.mark.django_db
def test_export_needs_account_and_counter_account(client_for, world, money):
    AccountingDefaults.objects.all().delete()
    client = client_for(world.admin)
    response = _export(client)
    assert response.status_code == 400
    assert "Ange konto och motkonto" in response.content.decode()
    response = client.post(
        reverse("finance:accounting_defaults"), {"account": "4990", "version": "0"}
    )
    assert response.status_code == 400 and "Ange motkontot." in response.content.decode()
    response = client.post(
        reverse("finance:accounting_defaults"),
        {"account": "4990", "counter_account": "1930", "version": "0"},
    )
    assert response.status_code == 302
    assert _export(client).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["finance:accounting_defaults", "finance:compensation_coding"])
def test_a_coding_posted_without_its_version_is_refused(client_for, world, money, url_name):
    args = [money.pk] if url_name == "finance:compensation_coding" else []
    data = {"account": "4995", "counter_account": "1930"}
    response = client_for(world.admin).post(reverse(url_name, args=args), data)
    assert response.status_code == 400
    assert "saknar uppgift om vilken version" in response.content.decode()
    assert AccountingDefaults.objects.get().account == "4990"
    assert not CompensationCoding.objects.exists()


@pytest.mark.django_db
def test_two_concurrent_edits_of_the_body_coding_the_second_is_a_409(client_for, world, money):
    """Both read version 1; the first save wins, the second is refused with its input kept."""
    url = reverse("finance:accounting_defaults")
    client = client_for(world.admin)
    read = AccountingDefaults.objects.get().version
    assert f'name="version" value="{read}"' in client.get(url).content.decode()
    first = {"account": "4991", "counter_account": "2440", "version": str(read)}
    assert client.post(url, first).status_code == 302
    second = {"account": "4992", "counter_account": "2440", "version": str(read)}
    response = client.post(url, second)
    assert response.status_code == 409
    assert 'value="4992"' in response.content.decode()
    assert AccountingDefaults.objects.get().account == "4991"


@pytest.mark.django_db
def test_two_first_codings_of_a_compensation_the_second_is_a_409(client_for, world, money):
    """Neither had been saved when both were read (version 0): only the first is stored."""
    url = reverse("finance:compensation_coding", args=[money.pk])
    client = client_for(world.admin)
    assert 'name="version" value="0"' in client.get(url).content.decode()
    assert client.post(url, {"account": "4995", "version": "0"}).status_code == 302
    response = client.post(url, {"account": "4996", "version": "0"})
    assert response.status_code == 409
    assert 'value="4996"' in response.content.decode()
    assert CompensationCoding.objects.get().account == "4995"


@pytest.mark.django_db
def test_another_municipality_sees_neither_batches_nor_compensations(client_for, world, money):
    _export(client_for(world.admin))
    batch = SieExportBatch.objects.get()
    outsider = client_for(world.outsider_admin)
    assert outsider.get(reverse("finance:sie_export_download", args=[batch.pk])).status_code == 404
    url = reverse("finance:compensation_coding", args=[money.pk])
    assert outsider.get(url).status_code == 404
    assert "iop-utbetalningar-0001" not in outsider.get(EXPORTS).content.decode()
    # The outsider's own export has nothing of the municipality's.
    AccountingDefaults.objects.create(
        organisation=world.other_municipality, account="4990", counter_account="2440"
    )
    assert "inga utbetalningar" in _export(outsider).content.decode()


@pytest.mark.django_db
def test_draft_agreements_are_not_exported(client_for, world, money):
    draft = agreement_with_parties(world.municipality, world.association, approved=False, title="U")
    compensation = CompensationFactory(party=draft.parties.get(role=Sector.IDEA_BASED))
    PaymentFactory(compensation=compensation, year=2024, amount=5_000)
    _export(client_for(world.admin))
    assert SieExportBatch.objects.get().voucher_count == 2


@pytest.mark.django_db
def test_export_page_queries_do_not_grow(client_for, world, money, django_assert_max_num_queries):
    client = client_for(world.admin)
    for n in range(3):
        PaymentFactory(
            compensation=money, year=2025, amount=1_000 + n, paid_on=dt.date(2025, 3, n + 1)
        )
        _export(client)
    with django_assert_max_num_queries(8):
        assert client.get(EXPORTS).status_code == 200
