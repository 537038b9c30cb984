"""Run axe-core (from node_modules, installed by .ci/install-test-tools) on a page."""

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(tab) -> list[dict]:
    """WCAG 2.1 A and AA violations that axe-core finds on the open page."""
    # Evaluated over the DevTools protocol, so the page's own CSP still applies
    # to everything else (a script tag would need bypass_csp).
    tab.evaluate(AXE.read_text(encoding="utf-8"))
    results = tab.evaluate(
        """() => axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        })"""
    )
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "nodes": [node["html"][:200] for node in violation["nodes"][:3]],
        }
        for violation in results["violations"]
    ]
