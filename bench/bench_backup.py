"""Backup and restore (`fazhi backup` / `fazhi restore`), each beside a baseline in the same run.

Two systems: the demo (`fazhi load_demo`), and the demo grown by N generated chain entries and M evidence files of
64 KB (each named on the chain, so verification re-hashes it). For each:

- backup: ``fazhi.audit.backup.backup`` (SQLite online backup + media copy + SM3 of every file + manifest) vs the
  baseline, a plain ``shutil.copyfile`` of the database file and ``copytree`` of the media folder;
- restore: ``fazhi restore DIR`` in a fresh process into a freshly migrated database (loads the copy, puts the files
  back, verifies the whole chain with its files against the manifest's head) vs the baseline, the same process
  running ``fazhi audit_verify --against`` on the restored system (what verification alone costs);
- size of the backup folder and whether the verification passed.

    .venv/bin/python bench/bench_backup.py [N_ENTRIES] [M_FILES]   (defaults 20000, 300; SQLite only)
"""

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _django import setup, write_result

N_ENTRIES = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
M_FILES = int(sys.argv[2]) if len(sys.argv) > 2 else 300
BIN = Path(sys.executable).parent


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def restore_elsewhere(backup_dir: Path, head) -> tuple[float, float, bool]:
    """(restore seconds, verify-only seconds, ok) in a fresh process on a freshly migrated database."""
    var = Path(tempfile.mkdtemp(prefix="fazhi-bench-restore-"))
    env = {**os.environ, "FAZHI_VAR_DIR": str(var)}
    env.pop("FAZHI_DATABASE_URL", None)
    subprocess.run([str(BIN / "fazhi"), "migrate", "-v0"], env=env, check=True)
    t0 = time.perf_counter()
    done = subprocess.run([str(BIN / "fazhi"), "restore", str(backup_dir)], env=env, capture_output=True, text=True)
    t_restore = time.perf_counter() - t0
    t0 = time.perf_counter()
    check = subprocess.run(
        [str(BIN / "fazhi"), "audit_verify", "--quiet", "--against", str(head)], env=env, capture_output=True, text=True
    )
    t_verify = time.perf_counter() - t0
    shutil.rmtree(var, ignore_errors=True)
    return t_restore, t_verify, done.returncode == 0 and check.returncode == 0


def measure(label: str, work: Path) -> list[str]:
    from django.conf import settings
    from django.db import connection

    from fazhi.audit import backup
    from fazhi.audit.verify import current_head

    head = current_head()
    db_file = Path(connection.settings_dict["NAME"])
    media = Path(settings.MEDIA_ROOT)

    base = work / f"{label}-copy"
    t0 = time.perf_counter()
    base.mkdir(parents=True)
    shutil.copyfile(db_file, base / "db.sqlite3")
    if media.exists():
        shutil.copytree(media, base / "media")
    t_copy = time.perf_counter() - t0

    target = work / f"{label}-backup"
    t0 = time.perf_counter()
    manifest = backup.backup(target)
    t_backup = time.perf_counter() - t0
    size = folder_bytes(target)
    t_restore, t_verify, ok = restore_elsewhere(target, head)
    files = len(manifest.data["files"])
    return [
        f"| {label} | {head.seq:,} | {files:,} | {size / 1e6:,.1f} | {t_copy:.2f} | {t_backup:.2f} "
        f"| {t_verify:.2f} | {t_restore:.2f} | {'通过' if ok else '失败'} |"
    ]


def grow(n_entries: int, m_files: int) -> None:
    import hashlib

    from django.conf import settings
    from django.db import transaction

    from fazhi.audit.events import Event
    from fazhi.audit.services import record

    media = Path(settings.MEDIA_ROOT)
    names = []
    for _ in range(m_files):
        data = os.urandom(64 * 1024)
        digest = hashlib.new("sm3", data).hexdigest()
        name = f"enforcement/evidence/{digest[:2]}/{digest}.bin"
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(data)
        names.append({"name": name, "sm3": digest})
    batch = 500
    for start in range(0, n_entries, batch):
        with transaction.atomic():
            for i in range(start, min(start + batch, n_entries)):
                payload = {"old": {"value": i}, "new": {"value": i + 1}}
                if i < m_files:
                    payload["files"] = [names[i]]
                record(
                    actor=None,
                    event=Event.SETTING_CHANGED,
                    subject=("core.setting", f"b{i}", f"设置{i}"),
                    payload=payload,
                )


def main() -> None:
    var = setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "sqlite":
        raise SystemExit("bench_backup measures the SQLite path (pg_dump is PostgreSQL's own tool).")
    os.environ.setdefault("FAZHI_DEBUG", "1")
    call_command("load_demo", verbosity=0)
    work = Path(tempfile.mkdtemp(prefix="fazhi-bench-backup-", dir=var))
    rows = measure("演示数据", work)
    grow(N_ENTRIES, M_FILES)
    rows += measure(f"演示 + {N_ENTRIES:,} 条 + {M_FILES} 个文件", work)
    lines = [
        "# 备份与恢复：`fazhi backup` / `fazhi restore`",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, SQLite. "
        f"Run: `.venv/bin/python bench/bench_backup.py {N_ENTRIES} {M_FILES}`. 时间单位：秒。",
        "",
        "基线：备份对照为直接复制数据库文件和 media 目录（不做一致性快照、不算哈希、不写清单）；"
        "恢复对照为恢复后单独运行 `fazhi audit_verify --against`（只校验，不装载）。恢复在新进程中对新建的空数据库进行，"
        "包括装载、放回文件和带文件哈希的全链校验。",
        "",
        "| 系统 | 审计链条目 | 文件 | 备份大小 (MB) | 复制（基线） | fazhi backup | 只校验（基线） | fazhi restore | 恢复后校验 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
        *rows,
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    write_result("backup.md", text)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
