"""Uploaded and generated files, stored by content hash (SM3) through Django's storage API.

The storage name is derived from the hash, so the same bytes are stored once and the name itself proves the content;
the hash goes on the chain (payload "files") and ``audit_verify`` re-hashes the stored file.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from fazhi.enforcement.errors import UploadRefused

MAX_UPLOAD_DEFAULT = 50 * 1024 * 1024
MAX_UPLOAD_SETTING = "enforcement.evidence_max_bytes"

# extension → (content type, magic prefixes that the file must start with; empty = not checked)
ALLOWED_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    ".ofd": ("application/ofd", (b"PK\x03\x04",)),
    ".txt": ("text/plain", ()),
    ".mp3": ("audio/mpeg", (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")),
    ".wav": ("audio/wav", (b"RIFF",)),
    ".mp4": ("video/mp4", ()),  # the 'ftyp' box sits at offset 4; checked below
    ".mov": ("video/quicktime", ()),
    ".avi": ("video/x-msvideo", (b"RIFF",)),
}
RECORDING_EXTENSIONS = {".mp3", ".wav", ".mp4", ".mov", ".avi"}


@dataclass(frozen=True)
class StoredFile:
    name: str
    sm3: str
    size: int
    content_type: str
    original_name: str

    def chain_item(self) -> dict:
        return {"name": self.name, "sm3": self.sm3}


def max_upload_bytes(body_id: int | None = None) -> int:
    from fazhi.core.selectors import get_setting

    return int(get_setting(MAX_UPLOAD_SETTING, body_id=body_id, default=MAX_UPLOAD_DEFAULT))


def _read(upload) -> bytes:
    if hasattr(upload, "chunks"):
        if hasattr(upload, "seek"):
            upload.seek(0)
        return b"".join(upload.chunks())
    return upload.read()


def check_upload(upload, *, body_id: int | None = None, field: str = "file") -> tuple[bytes, str, str]:
    """Size and type checks; returns (bytes, extension, content type). Refusals name the field and the limit."""
    if upload is None:
        raise UploadRefused("请选择要上传的文件。", field=field)
    original = os.path.basename(getattr(upload, "name", "") or "")
    size = getattr(upload, "size", None)
    limit = max_upload_bytes(body_id)
    if size is not None and size > limit:
        raise UploadRefused(f"文件“{original}”超过上传上限 {limit // (1024 * 1024)} MB。", field=field)
    data = _read(upload)
    if not data:
        raise UploadRefused(f"文件“{original}”是空文件，不能作为证据。", field=field)
    if len(data) > limit:
        raise UploadRefused(f"文件“{original}”超过上传上限 {limit // (1024 * 1024)} MB。", field=field)
    ext = os.path.splitext(original)[1].lower()
    if ext not in ALLOWED_TYPES:
        allowed = "、".join(sorted(e.lstrip(".") for e in ALLOWED_TYPES))
        raise UploadRefused(f"不支持的文件类型“{ext or '无扩展名'}”（可上传：{allowed}）。", field=field)
    content_type, magics = ALLOWED_TYPES[ext]
    ok = True
    if magics:
        ok = any(data.startswith(m) for m in magics)
    elif ext in (".mp4", ".mov"):
        ok = data[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free")
    elif ext == ".txt":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            ok = False
    if not ok:
        raise UploadRefused(f"文件“{original}”的内容与扩展名“{ext}”不符。", field=field)
    return data, ext, content_type


def store_bytes(
    data: bytes, *, folder: str, ext: str, content_type: str, original_name: str, field: str = "file"
) -> StoredFile:
    """Save ``data`` under a name made of its SM3 hash (once: identical content is not stored twice).

    On the local file system the write is atomic (ADR 0020): a temporary file in the same directory, written whole,
    fsynced, read back and checked for size and SM3, then renamed over the hash name with ``os.replace``; a crash or
    a full disk leaves either no file or the whole file, never a partial one under the hash name. A file already
    under the hash name is re-hashed before it is reused, and rewritten when its content is wrong. A full or
    read-only disk is refused in Chinese (``StorageFailed``: a 4xx on an upload, nothing saved)."""
    digest = hashlib.new("sm3", data).hexdigest()
    name = f"{folder}/{digest[:2]}/{digest}{ext}"
    try:
        target = Path(default_storage.path(name))
    except NotImplementedError:  # a remote storage: it writes whole objects itself
        target = None
    if target is None:
        if not default_storage.exists(name):
            saved = default_storage.save(name, ContentFile(data))
            if saved != name:  # a concurrent writer stored the same bytes first; keep the canonical name
                default_storage.delete(saved)
    elif not _holds(target, digest, len(data)):
        try:
            write_atomically(target, data, digest)
        except OSError as exc:
            raise StorageFailed(original_name, exc, field=field) from exc
    return StoredFile(name=name, sm3=digest, size=len(data), content_type=content_type, original_name=original_name)


class StorageFailed(UploadRefused):
    """The file could not be written (disk full, read-only, no permission): nothing was saved."""

    def __init__(self, original_name: str, exc: OSError, *, field: str = "file"):
        reason = {
            errno.ENOSPC: "服务器磁盘已满",
            errno.EDQUOT: "服务器磁盘配额已满",
            errno.EROFS: "服务器磁盘只读",
            errno.EACCES: "服务器文件目录无写入权限",
        }.get(exc.errno, "服务器写入文件失败")
        super().__init__(
            f"文件“{original_name}”未能保存：{reason}。本次操作未保存，之前已保存的数据不受影响；"
            "请通知系统管理员检查服务器磁盘空间和权限后重试。",
            field=field,
        )


def _holds(path: Path, digest: str, size: int) -> bool:
    """Whether ``path`` exists with exactly the content of ``digest`` (re-hashed, not trusted by name)."""
    try:
        if path.stat().st_size != size:
            return False
        return hashlib.new("sm3", path.read_bytes()).hexdigest() == digest
    except OSError:
        return False


def write_atomically(path: Path, data: bytes, digest: str | None = None) -> None:
    """Write ``data`` to ``path`` whole or not at all: temp file beside it, every byte written (``os.write`` may
    write fewer), fsync, size and SM3 checked on what the disk returns, ``os.replace``, then fsync the directory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-", suffix=".part")
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                if written <= 0:
                    raise OSError(errno.EIO, "short write")
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        back = Path(tmp).read_bytes()
        expected = digest or hashlib.new("sm3", data).hexdigest()
        if len(back) != len(data) or hashlib.new("sm3", back).hexdigest() != expected:
            raise OSError(errno.EIO, f"{path.name}: written bytes differ from the content")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename durable (not every file system lets a directory be opened)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def store_upload(upload, *, folder: str, body_id: int | None = None, field: str = "file") -> StoredFile:
    data, ext, content_type = check_upload(upload, body_id=body_id, field=field)
    original = os.path.basename(getattr(upload, "name", "") or "")
    return store_bytes(data, folder=folder, ext=ext, content_type=content_type, original_name=original, field=field)
