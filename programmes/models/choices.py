"""Vocabularies of Dutch higher education (values as DUO/RIO publish them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InstitutionKind(models.TextChoices):
    WO = "wo", _("Research university")
    HBO = "hbo", _("University of applied sciences")


class Level(models.TextChoices):
    HBO_AD = "HBO-AD", _("Associate degree")
    HBO_BA = "HBO-BA", _("Bachelor (applied sciences)")
    HBO_MA = "HBO-MA", _("Master (applied sciences)")
    HBO_PM = "HBO-PM", _("Post-initial master (applied sciences)")
    HBO_O = "HBO-O", _("Undivided programme (applied sciences)")
    WO_BA = "WO-BA", _("Bachelor (research university)")
    WO_MA = "WO-MA", _("Master (research university)")
    WO_PM = "WO-PM", _("Post-initial master (research university)")
    WO_O = "WO-O", _("Undivided programme (research university)")


class Sector(models.TextChoices):
    """CROHO sectors ("onderdelen")."""

    ECONOMY = "ECONOMIE", _("Economics and business")
    BEHAVIOUR_AND_SOCIETY = "GEDRAG_EN_MAATSCHAPPIJ", _("Behaviour and society")
    HEALTH_CARE = "GEZONDHEIDSZORG", _("Health care")
    AGRICULTURE = (
        "LANDBOUW_EN_NATUURLIJKE_OMGEVING",
        _("Agriculture and the natural environment"),
    )
    NATURAL_SCIENCES = "NATUUR", _("Natural sciences")
    EDUCATION = "ONDERWIJS", _("Education")
    LAW = "RECHT", _("Law")
    INTERDISCIPLINARY = "SECTOROVERSTIJGEND", _("Interdisciplinary")
    LANGUAGE_AND_CULTURE = "TAAL_EN_CULTUUR", _("Language and culture")
    ENGINEERING = "TECHNIEK", _("Engineering and technology")


class Form(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
    DUAL = "dual", _("Work-study (dual)")


class Funding(models.TextChoices):
    GOVERNMENT = "government", _("Government-funded")
    DESIGNATED = "designated", _("Designated (recognised, not government-funded)")
    PRIVATE = "private", _("Private (not government-funded)")


class Language(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")
    DUTCH_AND_ENGLISH = "nl_en", _("Dutch and English")
    GERMAN = "de", _("German")
    OTHER = "other", _("Other")


class FeeKind(models.TextChoices):
    STATUTORY = "statutory", _("Statutory tuition fee")
    INSTITUTIONAL = "institutional", _("Institutional tuition fee")
