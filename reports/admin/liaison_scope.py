"""What an institution liaison sees in the admin: their own programmes' texts only.

The programme and specialisation admins are registered again here, scoped:
programmes' own admin knows nothing of liaisons. Editors and superusers are
unaffected. The decision whether a user is a liaison,
and of which institutions, is reports.access's; this module only applies it
to the admin's querysets, fields, inlines and buttons.
"""

from django.contrib import admin

from programmes.admin.programmes import (
    ProgrammeAdmin,
    SpecialisationAdmin,
    SpecialisationInline,
)
from programmes.models import Programme, Specialisation
from reports.access import is_liaison_only, liaison_institution_ids

LANGUAGES = ("nl", "en")


def translated(*names: str) -> set[str]:
    return {f"{name}_{language}" for name in names for language in LANGUAGES}


class LiaisonTextsAdminMixin:
    """Scope a ModelAdmin (or inline) for liaisons to their institutions' objects,
    with only `liaison_text_fields` (translated text fields) editable."""

    liaison_text_fields: tuple[str, ...] = ()
    institution_path = "institution"

    def is_liaison(self, request) -> bool:
        return is_liaison_only(request.user)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.is_liaison(request):
            ids = liaison_institution_ids(request.user)
            queryset = queryset.filter(**{f"{self.institution_path}__in": ids})
        return queryset

    def has_module_permission(self, request):
        return super().has_module_permission(request) or self.is_liaison(request)

    def has_view_permission(self, request, obj=None):
        if self.is_liaison(request):
            return self._liaison_may(request, "view", obj)
        return super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if self.is_liaison(request):
            return self._liaison_may(request, "change", obj)
        return super().has_change_permission(request, obj)

    def has_add_permission(self, request, *args):
        return not self.is_liaison(request) and super().has_add_permission(
            request, *args
        )

    def has_delete_permission(self, request, obj=None):
        return not self.is_liaison(request) and super().has_delete_permission(
            request, obj
        )

    # django-simple-history: a liaison reads who changed their own objects, but
    # opens no old version and restores none (a revert would set every field).
    def has_view_history_permission(self, request, obj=None):
        if self.is_liaison(request):
            return obj is not None and self._liaison_may(request, "view", obj)
        return super().has_view_history_permission(request, obj)

    def has_change_history_permission(self, request, obj=None):
        if self.is_liaison(request):
            return False
        return super().has_change_history_permission(request, obj)

    def may_open_versions(self, request) -> bool:
        return not self.is_liaison(request) and super().may_open_versions(request)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if not self.is_liaison(request):
            return readonly
        # The untranslated names too: modeltranslation would expand them again.
        editable = {*translated(*self.liaison_text_fields), *self.liaison_text_fields}
        names = [field.name for field in self.model._meta.fields]
        return [*readonly, *(name for name in names if name not in editable)]

    def _liaison_may(self, request, action, obj) -> bool:
        if obj is None:
            # The changelist and the like: get_queryset() holds their own only.
            return True
        # For inlines obj is the parent programme; the rule finds its institution.
        permission = f"{self.opts.app_label}.{action}_{self.opts.model_name}"
        return request.user.has_perm(permission, obj)


class LiaisonProgrammeAdminMixin(LiaisonTextsAdminMixin):
    """Programmes: descriptive texts editable; only the specialisation inline."""

    liaison_text_fields = ("description", "admission", "bridging")
    liaison_inlines: tuple = ()

    def get_prepopulated_fields(self, request, obj=None):
        if self.is_liaison(request):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_inline_instances(self, request, obj=None):
        instances = super().get_inline_instances(request, obj)
        if self.is_liaison(request):
            return [i for i in instances if type(i) in self.liaison_inlines]
        return instances

    def get_actions(self, request):
        return {} if self.is_liaison(request) else super().get_actions(request)


class LiaisonSpecialisationInline(LiaisonTextsAdminMixin, SpecialisationInline):
    liaison_text_fields = ("name", "description", "language_note")
    institution_path = "programme__institution"


class LiaisonScopedProgrammeAdmin(LiaisonProgrammeAdminMixin, ProgrammeAdmin):
    liaison_inlines = (LiaisonSpecialisationInline,)

    def get_inlines(self, request, obj):
        return [
            LiaisonSpecialisationInline if inline is SpecialisationInline else inline
            for inline in super().get_inlines(request, obj)
        ]


class LiaisonScopedSpecialisationAdmin(LiaisonTextsAdminMixin, SpecialisationAdmin):
    liaison_text_fields = LiaisonSpecialisationInline.liaison_text_fields
    institution_path = LiaisonSpecialisationInline.institution_path


# The content admins of programmes and specialisations, as liaisons may use them.
for model, scoped_admin in (
    (Programme, LiaisonScopedProgrammeAdmin),
    (Specialisation, LiaisonScopedSpecialisationAdmin),
):
    admin.site.unregister(model)
    admin.site.register(model, scoped_admin)
