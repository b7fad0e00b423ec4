"""Backup and restore of the whole system: the database, the media files and a manifest that proves both (ADR 0022).

``backup(DIR)`` writes into an empty directory:

- ``db.sqlite3`` — SQLite's online backup API (a consistent copy while the site keeps running), or ``db.dump`` —
  ``pg_dump --format=custom`` on PostgreSQL;
- ``media/`` — every file under MEDIA_ROOT (evidence, generated documents), copied and re-hashed;
- ``manifest.json`` — the chain head (seq and hash) *read from the copy itself*, every file with its size and SM3
  (the database file included), and the versions (fazhi, Django, Python, database, the last migration of each app).

``restore(DIR)`` refuses unless the manifest's hashes all match and the target database is empty (no person, no
chain entry: a freshly migrated or a new database), then loads the copy, puts the media files back and verifies the
whole chain — files included — against the manifest's head, as ``fazhi audit_verify --against SEQ:HASH`` does.

Django's ``dumpdata`` cannot carry the chain (its JSON keeps milliseconds; each entry's hash covers microseconds), so
``fazhi dumpdata`` refuses the chain table and points here.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import django
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from fazhi.audit.verify import Checkpoint, Result, verify_chain

FORMAT = "fazhi-backup/1"
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A refused backup or restore; the message is Chinese and says what to do."""


def sm3_file(path: Path) -> str:
    digest = hashlib.new("sm3")
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _entry(path: Path, root: Path) -> dict:
    return {"path": path.relative_to(root).as_posix(), "size": path.stat().st_size, "sm3": sm3_file(path)}


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    try:
        fazhi_version = version("fazhi")
    except PackageNotFoundError:
        fazhi_version = "unknown"
    migrations: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).migration_qs.order_by("app", "id").values_list("app", "name"):
        migrations[app] = name
    return {
        "fazhi": fazhi_version,
        "django": django.get_version(),
        "python": platform.python_version(),
        "database": f"{connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else ''}".strip(),
        "migrations": migrations,
    }


def _pg_env() -> tuple[list[str], dict]:
    db = connection.settings_dict
    args = ["--host", str(db.get("HOST") or "localhost"), "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _head_of_sqlite_file(path: Path) -> Checkpoint | None:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        row = con.execute("SELECT seq, entry_hash FROM audit_chainentry ORDER BY seq DESC LIMIT 1").fetchone()
    return Checkpoint(int(row[0]), row[1]) if row else None


@dataclass(frozen=True)
class Manifest:
    data: dict

    @property
    def head(self) -> Checkpoint | None:
        head = self.data.get("chain_head")
        return Checkpoint(head["seq"], head["hash"]) if head else None


def backup(directory: Path) -> Manifest:
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"备份目录 {directory} 不是空的；请指定一个新的或空的目录，以免覆盖以前的备份。")
    directory.mkdir(parents=True, exist_ok=True)
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = directory / "db.sqlite3"
        with closing(sqlite3.connect(target)) as copy:
            connection.connection.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        head = _head_of_sqlite_file(target)
    elif connection.vendor == "postgresql":
        from fazhi.audit.verify import current_head

        head = current_head()  # read before the dump: the dump holds this entry and perhaps later ones
        target = directory / "db.dump"
        args, env = _pg_env()
        done = subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--file",
                str(target),
                *args,
                connection.settings_dict["NAME"],
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise BackupError(f"pg_dump 失败：{done.stderr.strip()[:500]}")
    else:
        raise BackupError(f"不支持的数据库：{connection.vendor}。")
    media_root = Path(settings.MEDIA_ROOT)
    files = []
    if media_root.exists():
        for source in sorted(p for p in media_root.rglob("*") if p.is_file()):
            relative = source.relative_to(media_root)
            if relative.name.startswith(".incoming-"):  # a write in progress (enforcement.files)
                continue
            copy_to = directory / "media" / relative
            copy_to.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy_to)
            files.append(_entry(copy_to, directory))
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(),
        "database": {"vendor": connection.vendor, **_entry(target, directory)},
        "chain_head": {"seq": head.seq, "hash": head.entry_hash} if head else None,
        "files": files,
        "versions": _versions(),
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return Manifest(manifest)


def read_manifest(directory: Path) -> Manifest:
    path = Path(directory) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"读不到备份清单 {path}：{exc}") from exc
    if data.get("format") != FORMAT:
        raise BackupError(f"{path} 不是法治平台的备份清单（格式 {data.get('format')!r}）。")
    return Manifest(data)


def check_files(directory: Path, manifest: Manifest) -> None:
    """Every file the manifest lists is present with its size and SM3 (the database copy first)."""
    directory = Path(directory)
    for item in [manifest.data["database"], *manifest.data["files"]]:
        path = directory / item["path"]
        if not path.is_file():
            raise BackupError(f"备份不完整：缺少文件 {item['path']}。")
        if path.stat().st_size != item["size"] or sm3_file(path) != item["sm3"]:
            raise BackupError(f"备份已损坏：文件 {item['path']} 的 SM3 与清单不符。")


def _database_is_empty() -> bool:
    from django.contrib.auth import get_user_model

    from fazhi.audit.models import ChainEntry

    tables = set(connection.introspection.table_names())
    for model in (ChainEntry, get_user_model()):
        if model._meta.db_table in tables and model.objects.exists():
            return False
    return True


def restore(directory: Path) -> Result:
    directory = Path(directory)
    manifest = read_manifest(directory)
    check_files(directory, manifest)
    vendor = manifest.data["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"这是 {vendor} 数据库的备份，不能恢复到 {connection.vendor} 数据库。")
    if not _database_is_empty():
        raise BackupError(
            "目标数据库不是空的（已有人员或审计链条目）。恢复只能在新建的空数据库上进行，以免覆盖现有数据；"
            "请新建数据库（或移走现有数据库文件）后再运行 fazhi restore。"
        )
    source = directory / manifest.data["database"]["path"]
    if vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as backup_db:
            backup_db.backup(connection.connection)
    else:
        args, env = _pg_env()
        done = subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--dbname",
                connection.settings_dict["NAME"],
                *args,
                str(source),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise BackupError(f"pg_restore 失败：{done.stderr.strip()[:500]}")
    connection.close()
    media_root = Path(settings.MEDIA_ROOT)
    for item in manifest.data["files"]:
        relative = Path(item["path"]).relative_to("media")
        target = media_root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".incoming-{target.name}")
        shutil.copy2(directory / item["path"], tmp)
        os.replace(tmp, target)
    head = manifest.head
    return verify_chain(against=head, check_files=True) if head else verify_chain(check_files=True)
