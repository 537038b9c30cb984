from .base import *  # noqa: F403

DEBUG = True
INTERNAL_IPS = ["127.0.0.1"]
# `make run` imports the catalogue every time: writing the open data files after
# it would add minutes (docs/API.md, "Bulk downloads"). `manage.py
# export_open_data` writes them; production writes them after every import.
OPEN_DATA_ON_IMPORT = "off"
