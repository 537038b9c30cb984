"""The content-editor role as a Django group, kept up to date after each migrate."""

from django.contrib.auth.models import Group, Permission

CONTENT_EDITORS = "Content editors"
CONTENT_APPS = ("programmes", "surveys", "careers", "labour_market")


def roles_ensure(**kwargs) -> Group:
    """Content editors may view, add and change all content (deleting programmes
    stays with superusers: the admin unpublishes instead)."""
    group, _created = Group.objects.get_or_create(name=CONTENT_EDITORS)
    permissions = Permission.objects.filter(
        content_type__app_label__in=CONTENT_APPS,
        codename__regex=r"^(view|add|change|delete)_",
    ).exclude(codename="delete_programme")
    group.permissions.set(permissions)
    return group
