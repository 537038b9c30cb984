"""Run axe-core (from node_modules, installed by .ci/install-test-tools) on a page."""

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(tab) -> list[dict]:
    """WCAG 2.1 A and AA violations that axe-core finds on the open page."""
    tab.add_script_tag(path=str(AXE))
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
