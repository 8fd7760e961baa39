"""The project's floors (docs/adr/0015-layers.md), read from the code's imports.

Every ``import`` and ``from … import`` in a module counts, wherever it is written: one
inside a function is an edge like any other, so it cannot be used to hide a cycle or an
upward import. Tests and migrations are left out (migrations name models by their app
label, not by import).

``python -m tests.layering`` prints the report: the arrows that run upward or sideways,
and the cycles.
"""

import ast
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cms", "content", "media", "search")

# From the bottom up. A module belongs to the floor of the longest prefix that names it.
CORE, MIDDLE, PAGES, ROOMS, ENTRY = range(5)
FLOOR_NAMES = {
    CORE: "core",
    MIDDLE: "media and search",
    PAGES: "pages",
    ROOMS: "rooms",
    ENTRY: "entry points",
}
FLOORS = {
    "cms": CORE,
    "media": MIDDLE,
    "search": MIDDLE,
    "content": PAGES,
    "content.editorial": ROOMS,
    "content.translations": ROOMS,
    "content.syndication": ROOMS,
    "content.exchange": ROOMS,
    "content.demo": ROOMS,
    # Where the project is put together: settings, the URL map, the WSGI application.
    "cms.settings": ENTRY,
    "cms.urls": ENTRY,
    "cms.wsgi": ENTRY,
}
# Also entry points, in every app: what Django and Wagtail load by name (app configs,
# admin hooks, management commands, template tag libraries).
ENTRY_PARTS = ("apps", "wagtail_hooks", "management", "templatetags")
# Neighbours on one floor that must not lean on each other.
SEPARATE = {("media", "search"), ("search", "media")}


def modules():
    """{dotted name: path} of every project module but tests and migrations."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "tests" in parts or "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def floor(module):
    parts = module.split(".")
    if any(part in ENTRY_PARTS for part in parts[1:]):
        return ENTRY
    for end in range(len(parts), 0, -1):
        prefix = ".".join(parts[:end])
        if prefix in FLOORS:
            return FLOORS[prefix]
    raise LookupError(f"{module} has no floor: add its package to tests/layering.py")


def imports(module, path, known):
    """The project modules that ``module`` imports, anywhere in its file."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            # ``from package import module`` imports that module; ``from module import
            # name`` imports the module.
            names = [
                f"{source}.{alias.name}" if f"{source}.{alias.name}" in known else source
                for alias in node.names
            ]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                targets.add(name)
    return targets


def graph():
    known = modules()
    return {module: imports(module, path, known) for module, path in known.items()}


def wrong_way(edges):
    """(importer, imported) pairs that run upward, or sideways between neighbours that
    must stay apart."""
    wrong = []
    for source, targets in edges.items():
        for target in targets:
            low, high = floor(target), floor(source)
            pair = (source.split(".")[0], target.split(".")[0])
            if low > high or pair in SEPARATE:
                wrong.append((source, target))
    return sorted(wrong)


def cycles(edges):
    """Groups of modules that import each other, directly or around a loop (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        for node in sorted(edges):
            if node not in index:
                visit(node)
    finally:
        sys.setrecursionlimit(limit)
    return sorted(found)


def report(edges):
    lines = []
    between = Counter()
    for source, targets in edges.items():
        for target in targets:
            a, b = source.split(".")[0], target.split(".")[0]
            if a != b:
                between[(a, b)] += 1
    lines.append("Imports between top-level packages (importer -> imported: count):")
    lines += [f"  {a} -> {b}: {n}" for (a, b), n in sorted(between.items())]
    wrong = wrong_way(edges)
    lines.append(f"Imports that run upward or sideways: {len(wrong)}")
    by_floor = defaultdict(list)
    for source, target in wrong:
        by_floor[(FLOOR_NAMES[floor(source)], FLOOR_NAMES[floor(target)])].append(
            f"{source} -> {target}"
        )
    for (a, b), items in sorted(by_floor.items()):
        lines.append(f"  {a} -> {b}:")
        lines += [f"    {item}" for item in items]
    found = cycles(edges)
    lines.append(f"Cycles: {len(found)}")
    lines += [f"  {' <-> '.join(group)}" for group in found]
    lines.append(f"Modules: {len(edges)}, imports between them: {sum(map(len, edges.values()))}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(graph()))
