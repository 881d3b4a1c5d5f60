"""Private file storage: uploads kept on disk outside the web root, no URL."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files on disk outside the web root, with no public URL.

    A subclass names the setting that holds its folder (``root_setting``) and
    the message given when something asks for a URL; staff download the
    files through the admin views that check their permissions.
    """

    root_setting: str = ""
    no_url_message = "Tệp chỉ được tải qua trang quản trị."

    def __init__(self, **kwargs):
        kwargs.setdefault("base_url", None)
        super().__init__(**kwargs)

    # Properties, not cached: the folder follows the setting (tests move it).
    @property
    def base_location(self):
        return self._value_or_setting(
            self._location, getattr(settings, self.root_setting)
        )

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):  # pragma: no cover - never linked publicly
        raise ValueError(self.no_url_message)
