"""Attachment checks: type by content (not by name), size, image integrity.

``filetype`` reads the magic bytes; images are then decoded by Pillow so a
file that merely starts with a PNG or JPEG signature is still refused, and a
PDF must end with its ``%%EOF`` marker.
"""

from __future__ import annotations

import hashlib

import filetype
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
}


class AttachmentRejected(ValueError):
    """The file is not an acceptable attachment (message in Vietnamese)."""


def check_attachment(upload: UploadedFile, max_bytes: int) -> str:
    """The file's real content type, or :class:`AttachmentRejected`."""
    if upload.size is None or upload.size > max_bytes:
        raise AttachmentRejected(
            f"Tệp “{upload.name}” vượt quá {max_bytes // (1024 * 1024)} MB."
        )
    if upload.size == 0:
        raise AttachmentRejected(f"Tệp “{upload.name}” rỗng.")
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime not in ALLOWED_TYPES:
        raise AttachmentRejected(
            f"Tệp “{upload.name}” không phải PDF, JPEG hoặc PNG "
            "(kiểm tra theo nội dung)."
        )
    upload.seek(0)
    if mime.startswith("image/"):
        try:
            with Image.open(upload) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError) as exc:
            raise AttachmentRejected(
                f"Tệp ảnh “{upload.name}” bị hỏng hoặc giả mạo."
            ) from exc
    else:
        upload.seek(max(0, upload.size - 1024))
        if b"%%EOF" not in upload.read():
            raise AttachmentRejected(f"Tệp PDF “{upload.name}” không hoàn chỉnh.")
    upload.seek(0)
    return mime


def sha256_of(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
