"""The procedure's admin form."""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.base import BlockWidget

# The StreamFields' block definitions as the editor's script reads them, per
# field and language: (the telepath context, its JSON). They are the same for
# every page and request (fixed choices, lazy labels), yet Wagtail packed the
# six of them again for each edit page (about a tenth of its time).
_BLOCK_DEFINITIONS: dict[tuple[int, str], tuple[object, str]] = {}


class ManyProceduresSelect(forms.SelectMultiple):
    """A ``<select multiple>`` of every procedure, written in one pass.

    Django renders each option through a template; with hundreds of
    procedures (thousands in the national catalogue) that alone took about a
    second of the edit page.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(pk) for pk in self.format_value(value)}
        final = {**self.build_attrs(self.attrs, attrs), "name": name, "multiple": True}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (pk, mark_safe(" selected") if str(pk) in chosen else "", label)  # noqa: S308 - a constant
                for pk, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


class ProcedurePageForm(WagtailAdminPageForm):
    """The edit form of a procedure, without loading every procedure whole.

    "Related procedures" lists every procedure as a choice; its default
    choices load each page with all its StreamField columns (steps, channels,
    documents, legal basis: the bulk of the catalogue) and build a page object
    for each, which made the edit page take seconds. A choice needs the code
    and the title only; the field still validates against its queryset.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        share_block_definitions(self.fields)
        related = self.fields.get("related_procedures")
        if related is not None:
            related.widget = ManyProceduresSelect(attrs=related.widget.attrs)
            related.widget.choices = [
                (pk, f"{code} {title}")
                for pk, code, title in related.queryset.order_by("code").values_list(
                    "pk", "code", "title"
                )
            ]


def share_block_definitions(fields) -> None:
    """Give each StreamField's widget the definitions packed once per language.

    The block objects live as long as the model (its fields hold them), so
    their ids are stable keys."""
    language = translation.get_language() or ""
    for field in fields.values():
        widget = field.widget
        if not isinstance(widget, BlockWidget):
            continue
        key = (id(widget.block_def), language)
        packed = _BLOCK_DEFINITIONS.get(key)
        if packed is None:
            packed = _BLOCK_DEFINITIONS[key] = (widget.js_context, widget.block_json)
        widget._js_context, widget._block_json = packed
