"""What every content admin shares: the source badge and warning, nl/en tabs with
a guarded History page, https:// for typed addresses, and re-encoded images.
surveys and careers build their admins on these too."""

from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from programmes.images import (
    image_discard_on_commit,
    make_thumbnail,
    reencode_upload,
    thumbnail_url,
)
from programmes.renditions import make_renditions

from .versions import GuardedHistoryAdmin

SOURCE_FIELDSET = (_("Source"), {"fields": ("data_status", "source")})


def source_badge(source):
    """A badge saying that figures are demo or synthetic; "" for real sources."""
    if source is None or source.is_real:
        return ""
    return format_html(
        '<strong class="data-badge data-badge--{}" title="{}" style="color:#ba2121">'
        "{}</strong>",
        source.kind,
        source.get_kind_display(),
        source.not_real_label,
    )


class SourceStatusMixin:
    """Marks rows whose figures come from demo or synthetic sources.

    Shows a badge column in the changelist and a warning on the change form, so
    that nobody takes demo figures for real ones.
    """

    @admin.display(description=_("data"), ordering="source__kind")
    def data_badge(self, obj):
        return source_badge(obj.source)

    @admin.display(description=_("data status"))
    def data_status(self, obj):
        if obj is None or obj.pk is None or obj.source is None:
            return _("No source given.")
        if obj.source.is_real:
            return obj.source.get_kind_display()
        return format_html(
            '{} <span class="help" style="color:#ba2121">{}</span>',
            source_badge(obj.source),
            _("These figures are not real: do not present them as facts."),
        )


class HttpsUrlMixin:
    """Web addresses typed without a scheme get https://, as Django 6 will do."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


def image_thumbnail(field_file):
    url = thumbnail_url(field_file)
    if not url:
        return ""
    return format_html('<img src="{}" alt="" class="admin-thumbnail">', url)


class HistoryTranslationAdmin(GuardedHistoryAdmin, TabbedTranslationAdmin):
    """Tabbed nl/en editing with a History page: each version's author, time and
    changed fields, and a form to restore it (django-simple-history)."""


class ThumbnailSaveMixin:
    """Re-encodes a newly uploaded ``image_field`` (dropping its metadata, naming it
    by its real format) and makes its Pillow thumbnail, and its renditions for a
    public page's srcset where ``image_renditions`` says so; the image it replaces
    or clears is deleted from storage once the save commits."""

    image_field = "image"
    image_renditions = False

    def save_model(self, request, obj, form, change):
        changed = self.image_field in form.changed_data
        uploaded = changed and getattr(obj, self.image_field)
        # The form has already put the new value on obj: read the old one.
        replaced = changed and change and self._stored_image_name(obj)
        if uploaded:
            setattr(obj, self.image_field, reencode_upload(uploaded.file))
        super().save_model(request, obj, form, change)
        if uploaded:
            make_thumbnail(getattr(obj, self.image_field))
            if self.image_renditions:
                make_renditions(getattr(obj, self.image_field))
        if replaced:
            image_discard_on_commit(name=replaced)

    def _stored_image_name(self, obj) -> str:
        stored = type(obj)._base_manager.filter(pk=obj.pk)
        return stored.values_list(self.image_field, flat=True).first() or ""
