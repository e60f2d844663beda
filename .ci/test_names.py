"""Fails if two tests share a name: in two test files, or twice in one module or class,
where the later silently replaces the earlier. A name says what one test checks.

Usage: python .ci/test_names.py [folder, default tests]
"""

import ast
import collections
import sys
from pathlib import Path

folder = Path(sys.argv[1] if len(sys.argv) > 1 else "tests")
places = collections.defaultdict(list)
for path in sorted(folder.rglob("test_*.py")):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    scopes = [("", tree.body)] + [(f"{node.name}.", node.body) for node in tree.body if isinstance(node, ast.ClassDef)]
    for prefix, body in scopes:
        for node in body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
                places[node.name].append(f"{path}:{node.lineno} {prefix}{node.name}")

shared = {name: where for name, where in places.items() if len(where) > 1}
for name, where in sorted(shared.items()):
    print(f"test name used {len(where)} times: {name}")
    for place in where:
        print(f"    {place}")
sys.exit(1 if shared else 0)
