"""The admin permission matrix's expected answers: each role × model × page."""

ROLES = ("anonymous", "staff", "liaison_a", "liaison_b", "editor", "superuser")

# --- The expected matrix ------------------------------------------------------
# What each role may do with each model. "own" is a liaison's: their own
# institution's objects, texts only; another institution's objects "do not exist".
NONE, VIEW, EDIT, EDIT_NO_DELETE, OWN = "none", "view", "edit", "edit-no-delete", "own"
CLEAR = "view-and-delete"

CONTENT = {"editor": EDIT, "superuser": EDIT}
ACCESS = {
    "programmes.datasource": CONTENT,
    "programmes.municipality": CONTENT,
    "programmes.institution": CONTENT,
    "programmes.study": CONTENT,
    # Deleting a programme is for superusers; liaisons edit their own texts.
    "programmes.programme": {
        "liaison_a": OWN,
        "liaison_b": OWN,
        "editor": EDIT_NO_DELETE,
        "superuser": EDIT,
    },
    "programmes.specialisation": {
        "liaison_a": OWN,
        "liaison_b": OWN,
        **CONTENT,
    },
    "programmes.honoursprogramme": CONTENT,
    "programmes.tuitionfee": CONTENT,
    "programmes.enrolment": CONTENT,
    "programmes.studyprogress": CONTENT,
    # A former programme code (the trends break there): recorded by editors;
    # liaisons neither see nor edit it (not among their programme inlines).
    "programmes.programmecodechange": CONTENT,
    # The search's synonyms: content, edited like the catalogue.
    "programmes.synonymgroup": CONTENT,
    # A programme's versions: written by saves; editors only hide one from the
    # public change log, or show it again.
    "programmes.historicalprogramme": {"editor": "hide", "superuser": "hide"},
    # Logs are written by imports and exports, never typed in.
    "programmes.importrun": {"editor": VIEW, "superuser": VIEW},
    "surveys.surveyround": CONTENT,
    "surveys.aspect": CONTENT,
    "surveys.programmescore": CONTENT,
    "careers.careeroutcome": CONTENT,
    "careers.occupation": CONTENT,
    "careers.careerfigure": CONTENT,
    "careers.occupationshare": CONTENT,
    "careers.graduatejudgement": CONTENT,
    # CBS's published cells change only by importing CBS's files.
    "labour_market.positioncount": {"editor": VIEW, "superuser": VIEW},
    "labour_market.hourlywage": {"editor": VIEW, "superuser": VIEW},
    # Who is a liaison, and the export log: superusers only.
    "reports.institutionliaison": {"superuser": EDIT},
    "reports.exportlog": {"superuser": VIEW},
    # API keys with higher rate limits: issued by superusers only.
    "api.apikey": {"superuser": EDIT},
    # Accounts, and django-axes's login records (read, or deleted to lift a lock).
    "auth.user": {"superuser": EDIT},
    "auth.group": {"superuser": EDIT},
    "axes.accessattempt": {"superuser": CLEAR},
    "axes.accesslog": {"superuser": CLEAR},
    "axes.accessfailurelog": {"superuser": CLEAR},
}

# The answers: a page, a redirect after a write, refused, or the "does not exist"
# redirect (an object outside the user's scope).
OK, FOUND, DENIED, AWAY = "ok", "found", "denied", "away"
STATUS = {OK: 200, FOUND: 302, DENIED: 403, AWAY: 302}
PAGES = {
    EDIT: {
        "changelist": OK,
        "add": OK,
        "change": OK,
        "delete": OK,
        "history": OK,
        "version": OK,
        "autocomplete": OK,
        "change_post": FOUND,
        "revert_post": FOUND,
        "delete_post": FOUND,
    },
    VIEW: {
        "changelist": OK,
        "add": DENIED,
        "change": OK,
        "delete": DENIED,
        "history": OK,
        "version": OK,
        "autocomplete": OK,
        "change_post": DENIED,
        "revert_post": DENIED,
        "delete_post": DENIED,
    },
    NONE: dict.fromkeys(
        (
            "changelist",
            "add",
            "change",
            "delete",
            "history",
            "version",
            "autocomplete",
            "change_post",
            "revert_post",
            "delete_post",
        ),
        DENIED,
    ),
}
PAGES[CLEAR] = {**PAGES[EDIT], "add": DENIED}
PAGES[EDIT_NO_DELETE] = {**PAGES[EDIT], "delete": DENIED, "delete_post": DENIED}
# A version: its change page edits only whether it is in the public change log.
PAGES["hide"] = {**PAGES[EDIT_NO_DELETE], "add": DENIED}
# A liaison: their own object, and the other institution's.
OWN_PAGES = {
    "changelist": OK,
    "add": DENIED,
    "autocomplete": OK,
    "change": OK,
    "delete": DENIED,
    "history": OK,
    "version": DENIED,  # they read who changed what, but open no old version
    "change_post": FOUND,  # texts only: asserted below
    "revert_post": DENIED,
    "delete_post": DENIED,
}
OTHER_PAGES = {
    **OWN_PAGES,
    "change": AWAY,
    "history": AWAY,
    "version": AWAY,
    "change_post": AWAY,
    "revert_post": AWAY,
}
OBJECT_PAGES = (
    "change",
    "delete",
    "history",
    "version",
    "change_post",
    "revert_post",
    "delete_post",
)


def expected(role, label, page_name, whose):
    if role == "anonymous":
        return AWAY  # to the login page
    level = ACCESS[label].get(role, NONE)
    if level == OWN:
        mine = (role == "liaison_a") == (whose == "A")
        return (OWN_PAGES if mine else OTHER_PAGES)[page_name]
    return PAGES[level][page_name]
