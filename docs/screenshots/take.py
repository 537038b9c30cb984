"""Screenshots of every public page type, as a phone (390 px) and a laptop
(1366 px) see them first, in Dutch and English: `make screenshots`.

Runs against a portal already serving the real catalogue with the demo figures
(`make run`, or the address given as the first argument), with Debian's
chromium. The reference programme and its study, institution and city are
found through the pages themselves, so this works on any catalogue.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
VIEWPORTS = {"phone": (390, 844), "laptop": (1366, 900)}
REFERENCE = "/{lang}/{programmes}/biomedical-sciences-master-universiteit-leiden/"
PROGRAMMES = {"nl": "opleidingen", "en": "programmes"}


def page_paths(tab, base: str, lang: str) -> dict[str, str]:
    """Each page type's address, read off the reference programme's page."""
    programme = REFERENCE.format(lang=lang, programmes=PROGRAMMES[lang])
    tab.goto(base + programme)
    header = tab.locator(".programme-header__meta a")
    links = [header.nth(i).get_attribute("href") for i in range(header.count())]
    institution, city, study = links[0], links[1], links[-1]
    study_slug = study.rstrip("/").rsplit("/", 1)[-1]
    return {
        "home": f"/{lang}/",
        "listing": f"/{lang}/{PROGRAMMES[lang]}/?q=biomedische",
        "programme": programme,
        "compare": f"/{lang}/{'vergelijken' if lang == 'nl' else 'compare'}/"
        f"?study={study_slug}",
        "study": study,
        "institution": institution,
        "city": city,
    }


def main(base: str = "http://127.0.0.1:8000") -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        for lang in ("nl", "en"):
            for device, (width, height) in VIEWPORTS.items():
                tab = browser.new_page(viewport={"width": width, "height": height})
                for name, path in page_paths(tab, base, lang).items():
                    tab.goto(base + path)
                    target = HERE / f"{name}-{device}-{lang}.png"
                    tab.screenshot(path=str(target))
                    print(target.relative_to(HERE.parents[1]))
                tab.close()
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
