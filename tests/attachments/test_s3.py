"""The S3-compatible storage, against a real S3 server on 127.0.0.1 (moto's server mode,
started by the fixture in its own thread: real HTTP, signed requests, no mock)."""

import contextlib

import boto3
import pytest
from django.urls import reverse

from attachments.models import Attachment, AttachmentKind
from tests.attachments import files

BUCKET = "iop-bilagor"
KEYS = {"access_key": "testing-key", "secret_key": "testing-secret"}


@pytest.fixture(scope="module")
def s3_server():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_storage(s3_server, settings):
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="eu-north-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    )
    with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
        )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "eu-north-1",
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
                **KEYS,
            },
        },
    }
    return client


def test_upload_and_download_round_trip_through_s3(world, client_for, s3_storage):
    client = client_for(world.partner)
    pdf = files.pdf_with_text("Revisionsberättelse 2024")
    response = client.post(
        reverse("attachments:upload", args=[world.agreement.pk]),
        {
            "organisation": world.association.pk,
            "kind": AttachmentKind.AUDIT_REPORT,
            "year": 2024,
            "file": files_upload("revision.pdf", pdf),
        },
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.file.storage.__class__.__name__ == "S3Storage"
    # The object is in the bucket under the random key, with exactly the uploaded bytes.
    stored = s3_storage.get_object(Bucket=BUCKET, Key=attachment.file.name)["Body"].read()
    assert stored == pdf
    response = client.get(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf
    assert response["X-Content-Type-Options"] == "nosniff"
    # The bucket does not hand the object out without a signature.
    import urllib.error
    import urllib.request

    endpoint = s3_storage.meta.endpoint_url
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{endpoint}/{BUCKET}/{attachment.file.name}")
    assert refused.value.code == 403


def files_upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")
