"""Files are written whole or not at all (issue #11, ADR 0020): a full disk mid-write is a clean Chinese refusal with
no partial file and nothing on the chain; the next upload succeeds and the chain verifies; a wrong file already
under the hash name is replaced, not trusted."""

import errno
import hashlib
import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from fazhi.audit.models import ChainEntry
from fazhi.enforcement import files
from fazhi.enforcement.models import Evidence
from fazhi.enforcement.tests.factories import JPEG, case_at

# A second JPEG, different bytes from the one case_at's evidence uses.
PHOTO = JPEG + b"photo-2"


def upload(name="现场照片2.jpg", data=PHOTO):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def evidence_post(client, case, data=PHOTO):
    return client.post(
        f"/cases/{case.pk}/step/add_evidence/",
        {"kind": "audiovisual", "title": "现场照片", "collected_on": "2022-03-05", "file": upload(data=data)},
    )


def all_files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_a_full_disk_mid_write_refuses_leaves_no_partial_file_and_the_next_upload_works(
    w, client, media_root, monkeypatch
):
    case = case_at(w, "investigating")
    client.force_login(w.officer1)
    before_files = all_files(media_root)
    before_chain = ChainEntry.objects.count()
    evidence_before = Evidence.objects.filter(case=case).count()
    real_write = os.write
    calls = []

    def full_after_some_bytes(fd, data):
        calls.append(len(data))
        if len(calls) == 1:  # the first write goes through halfway, then the disk is full
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "write", full_after_some_bytes)
    response = evidence_post(client, case)
    assert response.status_code == 400
    page = response.content.decode()
    errs = re.findall(r"invalid-feedback[^>]*>([^<]*)<|alert-danger[^>]*>([^<]*)<", page)
    assert "服务器磁盘已满" in page and "未能保存" in page, errs
    assert all_files(media_root) == before_files  # no partial file, no temp file left behind
    assert ChainEntry.objects.count() == before_chain
    assert Evidence.objects.filter(case=case).count() == evidence_before

    monkeypatch.setattr(files.os, "write", real_write)
    again = evidence_post(client, case)
    assert again.status_code == 302
    assert Evidence.objects.filter(case=case).count() == evidence_before + 1
    digest = hashlib.new("sm3", PHOTO).hexdigest()
    stored = media_root / "enforcement/evidence" / digest[:2] / f"{digest}.jpg"
    assert stored.read_bytes() == PHOTO
    call_command("audit_verify", quiet=True)  # raises on any broken entry or file hash


def test_a_wrong_file_under_the_hash_name_is_rewritten_before_reuse(w, media_root):
    digest = hashlib.new("sm3", PHOTO).hexdigest()
    target = media_root / "enforcement/evidence" / digest[:2] / f"{digest}.jpg"
    target.parent.mkdir(parents=True)
    target.write_bytes(PHOTO[:10])  # a torn file left by an older version
    stored = files.store_upload(upload(), folder="enforcement/evidence")
    assert stored.sm3 == digest and target.read_bytes() == PHOTO


def test_an_existing_good_file_is_reused_without_writing(w, media_root, monkeypatch):
    files.store_upload(upload(), folder="enforcement/evidence")
    monkeypatch.setattr(files, "write_atomically", lambda *a, **k: pytest.fail("rewrote a good file"))
    assert files.store_upload(upload(), folder="enforcement/evidence").size == len(PHOTO)


def test_a_read_only_disk_is_refused_in_chinese(w, monkeypatch):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(files.tempfile, "mkstemp", read_only)
    with pytest.raises(files.StorageFailed, match="服务器磁盘只读"):
        files.store_upload(upload(), folder="enforcement/evidence")
