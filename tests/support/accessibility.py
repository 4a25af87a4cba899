"""What axe-core, run in the page, finds serious about a page's accessibility."""

from .course import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


def serious_accessibility_violations(page) -> list:
    """axe-core's serious or critical violations on the page as it is now, (rule, help, elements) each."""
    assert AXE.is_file(), "axe-core is missing: run `npm ci`"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    assert len(result["passes"]) > 10  # axe really ran its rules
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in result["violations"]
            if v["impact"] in ("serious", "critical")]
