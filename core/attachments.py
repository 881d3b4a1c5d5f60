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
from django.utils.translation import gettext as _
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
            _("Tệp “%(name)s” vượt quá %(mb)d MB.")
            % {"name": upload.name, "mb": max_bytes // (1024 * 1024)}
        )
    if upload.size == 0:
        raise AttachmentRejected(_("Tệp “%(name)s” rỗng.") % {"name": upload.name})
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime not in ALLOWED_TYPES:
        raise AttachmentRejected(
            _("Tệp “%(name)s” không phải PDF, JPEG hoặc PNG (kiểm tra theo nội dung).")
            % {"name": upload.name}
        )
    upload.seek(0)
    if mime.startswith("image/"):
        _check_image(upload)
    else:
        upload.seek(max(0, upload.size - 1024))
        if b"%%EOF" not in upload.read():
            raise AttachmentRejected(
                _("Tệp PDF “%(name)s” không hoàn chỉnh.") % {"name": upload.name}
            )
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
                    _(
                        "Ảnh “%(name)s” quá lớn (%(width)d × %(height)d điểm ảnh; "
                        "tối đa %(million)d triệu điểm ảnh)."
                    )
                    % {
                        "name": upload.name,
                        "width": width,
                        "height": height,
                        "million": limit // 1_000_000,
                    }
                )
            image.load()
    except AttachmentRejected:
        raise
    except Image.DecompressionBombError as exc:
        raise AttachmentRejected(
            _("Ảnh “%(name)s” quá lớn (số điểm ảnh vượt giới hạn).")
            % {"name": upload.name}
        ) from exc
    except DECODE_ERRORS as exc:
        raise AttachmentRejected(
            _("Tệp ảnh “%(name)s” bị hỏng hoặc giả mạo.") % {"name": upload.name}
        ) from exc


def sha256_of(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
