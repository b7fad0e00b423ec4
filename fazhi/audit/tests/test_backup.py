"""Backup and restore (issue #11, ADR 0022): a round trip on SQLite brings back the people, the chain and the files,
and the restored chain verifies against the head the manifest recorded; a non-empty target, a damaged backup and
dumpdata of the chain are refused in Chinese."""

import hashlib
import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.audit import backup
from fazhi.audit.tests.factories import UserFactory, append
from fazhi.audit.verify import current_head

pytestmark = pytest.mark.django_db(transaction=True)

EVIDENCE = b"%PDF-1.4 evidence kept by hash"
DIGEST = hashlib.new("sm3", EVIDENCE).hexdigest()
NAME = f"enforcement/evidence/{DIGEST[:2]}/{DIGEST}.pdf"


@pytest.fixture
def system(media_root):
    """Three chain entries by one person, the second naming an evidence file stored under media."""
    (media_root / NAME).parent.mkdir(parents=True)
    (media_root / NAME).write_bytes(EVIDENCE)
    person = UserFactory(username="backup_person")
    append(1, actor=person)
    append(1, actor=person, files=[{"name": NAME, "sm3": DIGEST}])
    append(1, actor=person)
    return person


def test_backup_then_restore_into_an_empty_database_verifies_against_the_head(system, media_root, tmp_path):
    head = current_head()
    assert head.seq == 3
    manifest = backup.backup(tmp_path / "bk")
    assert manifest.head == head
    written = json.loads((tmp_path / "bk" / "manifest.json").read_text(encoding="utf-8"))
    assert written["chain_head"] == {"seq": 3, "hash": head.entry_hash}
    assert written["files"] == [{"path": f"media/{NAME}", "size": len(EVIDENCE), "sm3": DIGEST}]
    from django.db import connection

    dump = "db.sqlite3" if connection.vendor == "sqlite" else "db.dump"  # SQLite's backup API, or pg_dump
    assert written["database"]["sm3"] == backup.sm3_file(tmp_path / "bk" / dump)
    assert written["versions"]["migrations"]["audit"]

    with pytest.raises(backup.BackupError, match="目标数据库不是空的"):
        backup.restore(tmp_path / "bk")

    call_command("flush", interactive=False, verbosity=0)  # an empty database: no person, no chain
    shutil.rmtree(media_root)
    assert current_head() is None

    result = backup.restore(tmp_path / "bk")
    assert result.ok, result.message
    assert current_head() == head
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(username="backup_person").exists()
    assert (media_root / NAME).read_bytes() == EVIDENCE
    call_command("audit_verify", against=str(head), quiet=True)  # raises CommandError on any mismatch


def test_a_damaged_backup_is_refused_before_anything_is_touched(system, tmp_path):
    backup.backup(tmp_path / "bk")
    (tmp_path / "bk" / "media" / NAME).write_bytes(b"changed")
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(backup.BackupError, match=f"文件 media/{NAME} 的 SM3 与清单不符"):
        backup.restore(tmp_path / "bk")
    assert current_head() is None


def test_backup_refuses_a_directory_that_is_not_empty(system, tmp_path):
    (tmp_path / "bk").mkdir()
    (tmp_path / "bk" / "old.txt").write_text("x")
    with pytest.raises(CommandError, match="不是空的"):
        call_command("backup", str(tmp_path / "bk"))


def test_dumpdata_of_the_chain_points_at_backup(system):
    for labels in ((), ("audit",), ("audit.chainentry",)):
        with pytest.raises(CommandError, match="fazhi backup"):
            call_command("dumpdata", *labels)
    call_command("dumpdata", "auth.group", verbosity=0)  # other data still dumps
