"""Uploaded and generated files, stored by content hash (SM3) through Django's storage API.

The storage name is derived from the hash, so the same bytes are stored once and the name itself proves the content;
the hash goes on the chain (payload "files") and ``audit_verify`` re-hashes the stored file.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

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


def store_bytes(data: bytes, *, folder: str, ext: str, content_type: str, original_name: str) -> StoredFile:
    """Save ``data`` under a name made of its SM3 hash (once: identical content is not stored twice)."""
    digest = hashlib.new("sm3", data).hexdigest()
    name = f"{folder}/{digest[:2]}/{digest}{ext}"
    if not default_storage.exists(name):
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:  # a concurrent writer stored the same bytes first; keep the canonical name
            default_storage.delete(saved)
    return StoredFile(name=name, sm3=digest, size=len(data), content_type=content_type, original_name=original_name)


def store_upload(upload, *, folder: str, body_id: int | None = None, field: str = "file") -> StoredFile:
    data, ext, content_type = check_upload(upload, body_id=body_id, field=field)
    original = os.path.basename(getattr(upload, "name", "") or "")
    return store_bytes(data, folder=folder, ext=ext, content_type=content_type, original_name=original)
