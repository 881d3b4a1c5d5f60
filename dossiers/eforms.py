"""Interactive national e-forms (mẫu hộ tịch điện tử tương tác) as web forms.

Civil-status procedures list, as a dossier component filed online, "Mẫu hộ
tịch điện tử tương tác đăng ký khai sinh (do người yêu cầu cung cấp thông tin
theo hướng dẫn trên Cổng dịch vụ công...)": not a file anyone has, but a form
the portal shows. A component so named gets the e-form's fields instead of an
upload slot; the values are stored with the dossier (``Dossier.eforms``),
with their labels as shown, and printed on its receipt.

The fields follow the paper declarations of Circular 04/2020/TT-BTP (tờ khai
đăng ký khai sinh, khai tử, kết hôn), reduced to what the applicant types;
what the registry fills from the national population database (ID numbers,
residence) is not asked twice. A procedure whose e-form is not one of these
gets the declaration as one text ("nội dung kê khai").

``personal`` says how the public receipt masks a value: "name" to initials,
"date" to its year, "" shown as typed (sex, ethnicity, nationality, places).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

_EFORM = re.compile(r"(?i)điện tử tương tác")

SEX = [{"value": "Nam", "label": "Nam"}, {"value": "Nữ", "label": "Nữ"}]


def _text(name, label, *, required=True, max_length=200, personal="", hint=""):
    field = {
        "name": name,
        "label": label,
        "type": "text",
        "required": required,
        "max_length": max_length,
        "personal": personal,
    }
    if hint:
        field["hint"] = hint
    return field


def _date(name, label, *, required=True, personal="date"):
    return {
        "name": name,
        "label": label,
        "type": "date",
        "required": required,
        "personal": personal,
    }


def _choice(name, label, choices, *, required=True):
    return {
        "name": name,
        "label": label,
        "type": "radio",
        "required": required,
        "choices": choices,
        "personal": "",
    }


FORMS: dict[str, dict[str, Any]] = {
    "khai-sinh": {
        "title": "Tờ khai đăng ký khai sinh (điện tử)",
        "fields": [
            _text(
                "child_name",
                "Họ, chữ đệm, tên người được khai sinh",
                personal="name",
            ),
            _date("child_birth_date", "Ngày, tháng, năm sinh"),
            _choice("child_sex", "Giới tính", SEX),
            _text(
                "child_birth_place",
                "Nơi sinh",
                max_length=300,
                hint="Cơ sở y tế, xã/phường, tỉnh/thành phố",
            ),
            _text("child_home_town", "Quê quán", required=False, max_length=300),
            _text("child_ethnicity", "Dân tộc", max_length=50),
            _text("child_nationality", "Quốc tịch", max_length=80),
            _text(
                "mother_name",
                "Họ, chữ đệm, tên người mẹ",
                required=False,
                personal="name",
            ),
            _text(
                "father_name",
                "Họ, chữ đệm, tên người cha",
                required=False,
                personal="name",
            ),
            _text(
                "relationship",
                "Quan hệ của người đi khai với người được khai sinh",
                max_length=50,
                hint="Ví dụ: mẹ, cha, ông, bà",
            ),
        ],
    },
    "khai-tu": {
        "title": "Tờ khai đăng ký khai tử (điện tử)",
        "fields": [
            _text("deceased_name", "Họ, chữ đệm, tên người đã chết", personal="name"),
            _date("deceased_birth_date", "Ngày, tháng, năm sinh"),
            _choice("deceased_sex", "Giới tính", SEX),
            _date("death_date", "Ngày, tháng, năm chết", personal=""),
            _text("death_place", "Nơi chết", max_length=300),
            _text("death_cause", "Nguyên nhân chết", required=False, max_length=300),
            _text(
                "relationship",
                "Quan hệ của người đi khai với người đã chết",
                max_length=50,
            ),
        ],
    },
    "ket-hon": {
        "title": "Tờ khai đăng ký kết hôn (điện tử)",
        "fields": [
            _text("wife_name", "Họ, chữ đệm, tên bên nữ", personal="name"),
            _date("wife_birth_date", "Ngày, tháng, năm sinh của bên nữ"),
            _text("wife_ethnicity", "Dân tộc của bên nữ", max_length=50),
            _text("wife_nationality", "Quốc tịch của bên nữ", max_length=80),
            _text("husband_name", "Họ, chữ đệm, tên bên nam", personal="name"),
            _date("husband_birth_date", "Ngày, tháng, năm sinh của bên nam"),
            _text("husband_ethnicity", "Dân tộc của bên nam", max_length=50),
            _text("husband_nationality", "Quốc tịch của bên nam", max_length=80),
            _choice(
                "first_marriage",
                "Kết hôn lần thứ mấy (cả hai bên)",
                [
                    {"value": "Lần đầu", "label": "Lần đầu"},
                    {"value": "Không phải lần đầu", "label": "Không phải lần đầu"},
                ],
            ),
        ],
    },
    "chung": {
        "title": "Tờ khai điện tử",
        "fields": [
            {
                "name": "declaration",
                "label": "Nội dung kê khai theo mẫu",
                "type": "textarea",
                "required": True,
                "max_length": 4000,
                "personal": "text",
            }
        ],
    },
}


@dataclass(frozen=True)
class EForm:
    form: str
    title: str
    fields: list[dict[str, Any]]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def eform_for(component_name: str) -> EForm | None:
    """The e-form a dossier component stands for, or None (an upload)."""
    name = _fold(component_name)
    if not _EFORM.search(name):
        return None
    tail = name[_EFORM.search(name).end() :]
    if "khai sinh" in tail:
        form = "khai-sinh"
    elif "khai tử" in tail:
        form = "khai-tu"
    elif "kết hôn" in tail:
        form = "ket-hon"
    else:
        form = "chung"
    spec = FORMS[form]
    return EForm(form=form, title=spec["title"], fields=spec["fields"])


def field_key(slot_key: str, field: str) -> str:
    """The multipart name of an e-form field: ``doc-6-child_name``."""
    return f"{slot_key}-{field}"


_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$|^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _parse_date(value: str) -> dt.date | None:
    match = _DATE.match(value)
    if not match:
        return None
    try:
        if match[1]:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        return dt.date(int(match[6]), int(match[5]), int(match[4]))
    except ValueError:
        return None


def clean(
    eform: EForm, slot_key: str, data: Any, plain_text
) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """The e-form's values from the posted ``data``, and the errors by field key.

    Dates come as ``YYYY-MM-DD`` (the browser's date input) or ``DD/MM/YYYY``
    and are stored as ISO dates; choices must be one offered; text is plain.
    """
    values, errors = [], {}
    today = timezone.localdate()
    for field in eform.fields:
        key = field_key(slot_key, field["name"])
        raw = data.get(key, "")
        raw = raw if isinstance(raw, str) else ""
        value = " ".join(raw.split()) if field["type"] != "textarea" else raw.strip()
        if not value:
            if field["required"]:
                errors[key] = [_("Cần điền: %(label)s.") % {"label": field["label"]}]
            continue
        if field["type"] == "date":
            day = _parse_date(value)
            if day is None:
                errors[key] = [
                    _("%(label)s: ngày không hợp lệ (ngày/tháng/năm).")
                    % {"label": field["label"]}
                ]
                continue
            if day > today or day.year < 1900:
                errors[key] = [
                    _("%(label)s: ngày phải từ năm 1900 đến hôm nay.")
                    % {"label": field["label"]}
                ]
                continue
            value = day.isoformat()
        elif field["type"] == "radio":
            allowed = {choice["value"] for choice in field["choices"]}
            if value not in allowed:
                offered = ", ".join(choice["value"] for choice in field["choices"])
                errors[key] = [
                    _("%(label)s: chọn một trong %(offered)s.")
                    % {"label": field["label"], "offered": offered}
                ]
                continue
        else:
            if len(value) > field.get("max_length", 200):
                errors[key] = [
                    _("%(label)s: tối đa %(most)d ký tự.")
                    % {"label": field["label"], "most": field.get("max_length", 200)}
                ]
                continue
            value = plain_text(value)
            if not value and field["required"]:
                errors[key] = [_("Cần điền: %(label)s.") % {"label": field["label"]}]
                continue
        values.append(
            {
                "name": field["name"],
                "label": field["label"],
                "value": value,
                "personal": field.get("personal", ""),
            }
        )
    return values, errors


def shown(field: dict[str, Any]) -> str:
    """A stored value as an official reads it (dates as DD/MM/YYYY)."""
    value = field.get("value", "")
    if field.get("personal") == "date" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        day = _parse_date(value)
        if day is not None:
            return f"{day:%d/%m/%Y}"
    return value
