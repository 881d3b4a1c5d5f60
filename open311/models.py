"""API keys of the civic apps that file petitions, and what each filed."""

from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.utils import timezone

from feedback.models import Petition


def hash_key(key: str) -> str:
    """Keys are long random strings: a plain SHA-256 is enough to store them."""
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return secrets.token_urlsafe(32)


class ApiClient(models.Model):
    """A civic app allowed to file petitions through Open311 (``api_key``)."""

    name = models.CharField("tên ứng dụng", max_length=200)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField("đang dùng", default=True)
    created_at = models.DateTimeField("ngày tạo", default=timezone.now, editable=False)
    last_used_at = models.DateTimeField("lần dùng cuối", null=True, editable=False)

    class Meta:
        verbose_name = "ứng dụng Open311"
        verbose_name_plural = "ứng dụng Open311"

    def __str__(self) -> str:
        return self.name


class Submission(models.Model):
    """A petition filed through Open311: which app filed it, and its token."""

    petition = models.OneToOneField(
        Petition, on_delete=models.CASCADE, related_name="open311"
    )
    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="+")
    token = models.CharField(max_length=40, unique=True)
    device_id = models.CharField(max_length=200, blank=True)
    account_id = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.token
