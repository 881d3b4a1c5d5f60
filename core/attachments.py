"""Attachment checks: type by content (not by name), size, image integrity.

``filetype`` reads the magic bytes; images are then decoded by Pillow so a
file that merely starts with a PNG or JPEG signature is still refused, and a
PDF must end with its ``%%EOF`` marker.

An image is decoded once, whole (``load()``: ``verify()`` reads no pixels, so
a truncated or bomb file passed it), and only after its header showed a size
within ``ATTACHMENT_MAX_IMAGE_PIXELS``: a 12000 × 12000 PNG of one colour is
a few kilobytes on the wire and hundreds of megabytes decoded. The limit is
checked here, per file, rather than through Pillow's process-wide
``MAX_IMAGE_PIXELS``, whose warning band (up to twice the limit) would let
such a file through.
"""

from __future__ import annotations

import hashlib
import struct
import zlib

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

# What a broken or hostile file makes Pillow raise while opening or decoding.
DECODE_ERRORS = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    struct.error,
    zlib.error,
    Image.DecompressionBombError,
)

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
        _check_image(upload)
    else:
        upload.seek(max(0, upload.size - 1024))
        if b"%%EOF" not in upload.read():
            raise AttachmentRejected(f"Tệp PDF “{upload.name}” không hoàn chỉnh.")
    upload.seek(0)
    return mime


def _check_image(upload: UploadedFile) -> None:
    """The image's size from its header, then every pixel decoded once."""
    limit = settings.ATTACHMENT_MAX_IMAGE_PIXELS
    try:
        with Image.open(upload, formats=["PNG", "JPEG"]) as image:
            width, height = image.size
            if width * height > limit:
                raise AttachmentRejected(
                    f"Ảnh “{upload.name}” quá lớn ({width} × {height} điểm ảnh; "
                    f"tối đa {limit // 1_000_000} triệu điểm ảnh)."
                )
            image.load()
    except AttachmentRejected:
        raise
    except Image.DecompressionBombError as exc:
        raise AttachmentRejected(
            f"Ảnh “{upload.name}” quá lớn (số điểm ảnh vượt giới hạn)."
        ) from exc
    except DECODE_ERRORS as exc:
        raise AttachmentRejected(
            f"Tệp ảnh “{upload.name}” bị hỏng hoặc giả mạo."
        ) from exc


def sha256_of(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
