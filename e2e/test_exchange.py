"""Two instances on loopback: a town's instance pushes its outbox to the upstream (docs/exchange.md).

The upstream is the demo server of the session (its own SQLite database under its own FAZHI_VAR_DIR, gunicorn). The
town's instance is a second database — a copy of the demo, whose outbox holds 2019 Q1–Q3 as sent (the demo's own
pushes, ADR 0068) and the versions Q4 added as pending — driven through `fazhi exchange_push`. The sender's account
upstream is the demo's 区司法局 supervisor (scope: the whole 西青区), with a token from `fazhi api_token`; the upstream
is read per sender (the demo's own pushes came from another account).
"""

import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _db(env) -> Path:
    return Path(env["FAZHI_VAR_DIR"]) / "fazhi.sqlite3"


def _rows(path: Path, sql: str, *args):
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, args).fetchall()


BATCH = 10
SUPERVISOR = "(select id from org_user where username = 'supervisor')"


def _push(env, url):
    return subprocess.run(
        [str(BIN / "fazhi"), "exchange_push", "--retries", "2", "--backoff", "0.1", "--batch-size", str(BATCH)],
        env={**env, "FAZHI_EXCHANGE_URL": url},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_towns_case_appears_upstream_once_after_a_failed_push_and_a_retry(demo_server, tmp_path):
    url, receiver_env = demo_server
    token = subprocess.run(
        [str(BIN / "fazhi"), "api_token", "supervisor", "--name", "辛口镇数据报送", "--days", "1"],
        env=receiver_env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    sender_dir = tmp_path / "town"
    sender_dir.mkdir()
    with sqlite3.connect(_db(receiver_env)) as source, sqlite3.connect(sender_dir / "fazhi.sqlite3") as target:
        source.backup(target)
    sender_env = {**receiver_env, "FAZHI_VAR_DIR": str(sender_dir), "FAZHI_EXCHANGE_TOKEN": token}
    sender_db, receiver_db = _db(sender_env), _db(receiver_env)
    (pending,) = _rows(sender_db, "select count(*) from exchange_outboxevent where sent_at is null")[0]
    (case_id,) = _rows(
        sender_db,
        "select record_id from exchange_outboxevent where record_type='case' and sent_at is null and record like ?"
        " group by record_id having count(*) >= 2 order by min(id) limit 1",
        '%"XQ-XK"%',
    )[0]
    case_versions = _rows(
        sender_db,
        "select version from exchange_outboxevent where record_id=? and sent_at is null order by version",
        case_id,
    )
    assert pending > 2 * BATCH and len(case_versions) >= 2  # what Q4 added, this case's Q4 steps

    def upstream(record_id):
        return _rows(
            receiver_db,
            f"select version from exchange_receivedrecord where record_id=? and sender_id={SUPERVISOR} order by version",
            record_id,
        )

    # 1. The upstream is down: nothing listens on the port. The push fails after its retries; nothing is marked sent.
    down = _push(sender_env, f"http://127.0.0.1:{_free_port()}")
    assert down.returncode != 0 and "连接失败" in down.stderr, down.stderr
    assert _rows(sender_db, "select count(*) from exchange_outboxevent where sent_at is null")[0][0] == pending
    # The first batch carries the failed attempt; the rest wait behind it, untried.
    assert _rows(sender_db, "select count(*) from exchange_outboxevent where attempts = 1")[0][0] == BATCH
    assert upstream(case_id) == []

    # 2. The upstream is back: the retry delivers every pending row, the case with each of its versions once.
    sent = _push(sender_env, url)
    assert sent.returncode == 0, sent.stderr
    assert f"已送达 {pending} 条" in sent.stdout
    assert _rows(sender_db, "select count(*) from exchange_outboxevent where sent_at is null")[0][0] == 0
    assert upstream(case_id) == case_versions
    (received,) = _rows(receiver_db, f"select count(*) from exchange_receivedrecord where sender_id={SUPERVISOR}")[0]
    assert received == pending

    # 3. The acknowledgement was lost (the town never heard back): the same rows go again and change nothing upstream.
    with sqlite3.connect(sender_db) as conn:
        conn.execute(
            "update exchange_outboxevent set sent_at = null where record_id = ? and version >= ?",
            (case_id, case_versions[0][0]),
        )
    again = _push(sender_env, url)
    assert again.returncode == 0 and f"已送达 {len(case_versions)} 条" in again.stdout
    assert upstream(case_id) == case_versions
    count = f"select count(*) from exchange_receivedrecord where sender_id={SUPERVISOR}"
    assert _rows(receiver_db, count)[0][0] == received

    # The upstream's chain still verifies, with one entry per accepted batch.
    verify = subprocess.run([str(BIN / "fazhi"), "audit_verify"], env=receiver_env, capture_output=True, text=True)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert os.path.exists(receiver_db)
