"""Driving Wagtail's page editor with the test client, as a browser would."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import querydict_from_html

EDITORS = "Biên tập viên"
REVIEWERS = "Người duyệt"
CODE = "1.001193"
OLD = "Mẫu cũ"
NEW = "Yêu cầu mới do biên tập viên nhập."


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def block_data(block, state, prefix: str, data) -> None:
    """Form fields for a block's client-side state, as Wagtail's JavaScript posts."""
    if isinstance(block, blocks.StreamBlock):
        data[f"{prefix}-count"] = str(len(state))
        for i, child in enumerate(state):
            data[f"{prefix}-{i}-type"] = child["type"]
            data.update({f"{prefix}-{i}-deleted": "", f"{prefix}-{i}-order": str(i)})
            data[f"{prefix}-{i}-id"] = child.get("id") or ""
            child_block = block.child_blocks[child["type"]]
            block_data(child_block, child["value"], f"{prefix}-{i}-value", data)
    elif isinstance(block, blocks.ListBlock):
        data[f"{prefix}-count"] = str(len(state))
        for i, item in enumerate(state):
            data.update({f"{prefix}-{i}-deleted": "", f"{prefix}-{i}-order": str(i)})
            data[f"{prefix}-{i}-id"] = item.get("id") or ""
            block_data(block.child_block, item["value"], f"{prefix}-{i}-value", data)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            block_data(child_block, state.get(name), f"{prefix}-{name}", data)
    elif isinstance(block, blocks.BooleanBlock):
        if state:
            data[prefix] = "on"
    elif isinstance(state, dict):  # a chooser
        data[prefix] = str(state.get("id", ""))
    elif isinstance(state, list):  # a select
        data[prefix] = state[0] if state else ""
    else:
        data[prefix] = "" if state is None else str(state)


def edit_form(client, page) -> dict:
    """The edit form as the browser would post it back, unchanged.

    Stream fields are drawn by JavaScript, so their fields are added from the
    page's latest revision the way the browser would post them.
    """
    response = client.get(edit_url(page))
    assert response.status_code == 200
    content = response.content.decode()
    data = querydict_from_html(content, form_id="page-edit-form")
    # A browser sends nothing for a multiple select with nothing selected (the
    # helper would pick the first option).
    soup = BeautifulSoup(content, "html.parser")
    for select in soup.select("select[multiple]"):
        if not select.select("option[selected]"):
            data.pop(select.get("name"), None)
    # A ticked checkbox without a value attribute is sent as "on" (the helper
    # sends an empty string, which the form reads as unticked).
    for box in soup.select("#page-edit-form input[type=checkbox][checked]"):
        if box.get("value") is None and box.get("name"):
            data[box["name"]] = "on"
    draft = page.get_latest_revision_as_object()
    for field in draft._meta.fields:
        if isinstance(field, StreamField):
            value = getattr(draft, field.name)
            block = field.stream_block
            block_data(block, block.get_form_state(value), field.name, data)
    return data


def post_edit(client, page, action: str, **changes):
    data = edit_form(client, page)
    for name, value in changes.items():
        data[name] = value
    data[f"action-{action}"] = "1"
    return client.post(edit_url(page), data)
