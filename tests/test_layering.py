"""The floors of docs/adr/0015-layers.md hold: imports run only downwards, and no module
imports itself back around a loop. Each failure names the import to remove or invert."""

from tests import layering


def test_imports_only_run_downwards():
    edges = layering.graph()
    wrong = [
        f"{source} ({layering.FLOOR_NAMES[layering.floor(source)]}) imports {target} "
        f"({layering.FLOOR_NAMES[layering.floor(target)]})"
        for source, target in layering.wrong_way(edges)
    ]
    assert not wrong, "\n".join(wrong)


def test_no_cycles():
    found = layering.cycles(layering.graph())
    assert not found, "\n".join(" <-> ".join(group) for group in found)


def test_every_module_has_a_floor():
    for module in layering.modules():
        layering.floor(module)  # raises LookupError for a package the ADR does not place


def test_the_check_sees_what_it_must_refuse(tmp_path, monkeypatch):
    """An upward import inside a function, and a loop between two modules, are found:
    the check reads every import, not only those at the top of a file."""
    for package in layering.PACKAGES:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "cms" / "helpers.py").write_text(
        "def later():\n    from content import pages\n    return pages\n"
    )
    (tmp_path / "content" / "pages.py").write_text("from content import lists\n")
    (tmp_path / "content" / "lists.py").write_text("import content.pages\n")
    monkeypatch.setattr(layering, "ROOT", tmp_path)
    edges = layering.graph()
    assert ("cms.helpers", "content.pages") in layering.wrong_way(edges)
    assert ["content.lists", "content.pages"] in layering.cycles(edges)
