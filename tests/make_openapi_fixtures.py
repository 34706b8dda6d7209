#!/usr/bin/env python3
"""Scaffold and check the OpenAPI rule fixtures (fixtures/openapi/<rule-id>/{old,new}.yaml).

Each fixture starts from the `## Example` section of rules/openapi/<id>.md: the `# old` and
`# new` snippets become complete documents (an `openapi:` version and `info:` are added, and
path templates whose parameters are declared nowhere get a path-level parameter).

  tests/make_openapi_fixtures.py                   create missing fixtures (never overwrites)
  tests/make_openapi_fixtures.py --force ID...     recreate these fixtures from their docs
  tests/make_openapi_fixtures.py --check [ID...]   run driftcheck on each fixture (the rule must
                                                   fire) and, if openapi-spec-validator is
                                                   installed, validate both documents

Snapshots (expected.txt) are written by the unit test:
  DRIFTCHECK_UPDATE_SNAPSHOTS=1 BUILD/tests/unit_tests "[fixtures]"
"""
import argparse
import pathlib
import re
import subprocess
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "openapi"
FIXTURES = ROOT / "fixtures" / "openapi"

# Syntax that only OpenAPI 3.1 (JSON Schema 2020-12) accepts.
OAS31 = re.compile(r"(?:^|[\s{,])(webhooks|const|prefixItems|\$defs|dependentRequired|dependentSchemas|"
                   r"contentMediaType|contentEncoding|unevaluatedProperties|unevaluatedItems|"
                   r"if|then|else|propertyNames|contains|minContains|maxContains|"
                   r"jsonSchemaDialect|pathItems|patternProperties)\s*:|type:\s*\[|exclusive(Minimum|Maximum):\s*-?\d",
                   re.M)
METHOD = re.compile(r"^(\s+)(get|put|post|delete|options|head|patch|trace):\s*$")
# Fixtures that are invalid on purpose: the rule only fires on such a document.
INVALID_ON_PURPOSE = {
    "new-request-path-parameter": "old.yaml",  # the old template variable was never declared
}
HEADER = 'info: {title: Pets, version: "1.0"}\n'


def rule_ids():
    for doc in sorted(RULES.glob("*.md")):
        text = doc.read_text()
        if re.search(r"^domain:\s*openapi\s*$", text, re.M):
            yield doc.stem


def example(rule_id):
    """The `# old` and `# new` snippets of a rule doc's example."""
    text = (RULES / f"{rule_id}.md").read_text()
    section = text.split("## Example", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```\w*\n(.*?)```", section, re.S).group(1)
    old, new = re.split(r"^# new[^\n]*\n", block, maxsplit=1, flags=re.M)
    old = re.sub(r"^# old[^\n]*\n", "", old, flags=re.M)
    new = re.sub(r"^# new[^\n]*\n", "", new, flags=re.M)
    return old, new


def path_params_declared(snippet):
    """Names of the parameters declared `in: path` anywhere in the snippet."""
    names = set()

    def walk(node):
        if isinstance(node, dict):
            if node.get("in") == "path" and "name" in node:
                names.add(str(node["name"]))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(yaml.safe_load(snippet))
    return names


def add_path_params(snippet, other):
    """Declare template parameters that neither side declares, at path level, so both documents
    are valid without changing what the example compares."""
    declared = path_params_declared(snippet) | path_params_declared(other)
    out = []
    lines = snippet.split("\n")
    for i, line in enumerate(lines):
        out.append(line)
        m = re.match(r"^(\s+)(/[^:]*\{[^:]*):\s*$", line)
        if not m:
            continue
        missing = [p for p in re.findall(r"\{(\w+)\}", m.group(2)) if p not in declared]
        if not missing:
            continue
        indent = m.group(1) + "  "
        params = ", ".join(f"{{name: {p}, in: path, required: true, schema: {{type: string}}}}" for p in missing)
        out.append(f"{indent}parameters: [{params}]")
    return "\n".join(out)


def add_responses(snippet):
    """Give operations without `responses` the minimal one the specification requires."""
    lines = snippet.split("\n")
    out = []
    i = 0
    while i < len(lines):
        m = METHOD.match(lines[i])
        out.append(lines[i])
        i += 1
        if not m:
            continue
        indent = len(m.group(1))
        block = []
        while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
            block.append(lines[i])
            i += 1
        while block and not block[-1].strip():  # keep blank lines after the inserted line
            i -= 1
            block.pop()
        out.extend(block)
        if not any(re.match(r"^\s{%d}responses:" % (indent + 2), b) for b in block):
            out.append(" " * (indent + 2) + 'responses: {"200": {description: ok}}')
    return "\n".join(out)


def add_missing_schemas(snippet):
    """Define referenced component schemas that the example leaves out, so $refs resolve."""
    wanted = sorted(set(re.findall(r"#/components/schemas/(\w+)", snippet)))
    missing = [n for n in wanted if not re.search(r"^\s+%s:" % n, snippet, re.M)]
    if not missing:
        return snippet
    if re.search(r"^components:", snippet, re.M):
        return snippet  # mixed cases are fixed by hand
    defs = "".join(f"    {n}: {{type: object}}\n" for n in missing)
    return snippet.rstrip() + "\ncomponents:\n  schemas:\n" + defs


def document(snippet, other):
    if re.search(r"^(swagger|openapi):", snippet, re.M):
        return snippet
    version = "3.1.0" if OAS31.search(snippet) or OAS31.search(other) else "3.0.3"
    body = add_missing_schemas(add_responses(add_path_params(snippet, other)))
    if version.startswith("3.0") and not re.search(r"^paths:", body, re.M):
        body = "paths: {}\n" + body
    return f"openapi: {version}\n{HEADER}{body.rstrip()}\n"


def scaffold(rule_id, force):
    folder = FIXTURES / rule_id
    if folder.exists() and not force:
        return False
    old, new = example(rule_id)
    folder.mkdir(parents=True, exist_ok=True)
    # A first line `# with driftcheck.yaml: ...` in the example is the configuration it needs.
    config = re.search(r"^# with driftcheck.yaml: (.*)\n", old, re.M)
    if config:
        old = old.replace(config.group(0), "")
        (folder / "driftcheck.yaml").write_text(config.group(1) + "\n")
    (folder / "old.yaml").write_text(document(old, new))
    (folder / "new.yaml").write_text(document(new, old))
    return True


def validator():
    try:
        from openapi_spec_validator import validate
        from openapi_spec_validator.readers import read_from_filename
    except ImportError:
        return None

    def check(path):
        try:
            spec, _ = read_from_filename(str(path))
            validate(spec)
            return None
        except Exception as e:  # the validator raises several kinds
            return str(e).split("\n")[0][:200]
    return check


def check(rule_id, binary, validate):
    folder = FIXTURES / rule_id
    problems = []
    if not (folder / "old.yaml").exists():
        return ["no fixture"]
    r = subprocess.run([str(binary), "old.yaml", "new.yaml", "--rule", rule_id, "--min-level", "info",
                        "--fail-on", "never", "--color", "never"], cwd=folder, capture_output=True, text=True)
    if r.returncode != 0 or r.stderr:
        problems.append(f"exit {r.returncode}: {r.stderr.strip()[:200]}")
    elif f"[{rule_id}]" not in r.stdout:
        problems.append("does not fire")
    if validate:
        for side in ("old.yaml", "new.yaml"):
            if INVALID_ON_PURPOSE.get(rule_id) == side:
                continue
            err = validate(folder / side)
            if err:
                problems.append(f"{side} invalid: {err}")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ids", nargs="*")
    ap.add_argument("--force", action="store_true", help="recreate the named fixtures from their docs")
    ap.add_argument("--check", action="store_true", help="run driftcheck and the validator on fixtures")
    ap.add_argument("--binary", default=None, help="driftcheck binary (default: the newest build*/driftcheck)")
    args = ap.parse_args()
    ids = args.ids or list(rule_ids())
    if args.check:
        binary = pathlib.Path(args.binary).resolve() if args.binary else max(ROOT.glob("build*/driftcheck"), key=lambda p: p.stat().st_mtime)
        validate = validator()
        if not validate:
            print("openapi-spec-validator not installed: documents are not validated", file=sys.stderr)
        bad = 0
        for rid in ids:
            for p in check(rid, binary, validate):
                print(f"{rid}: {p}")
                bad += 1
        print(f"{len(ids)} fixtures checked, {bad} problems")
        return 1 if bad else 0
    if args.force and not args.ids:
        ap.error("--force needs the rule ids to recreate")
    made = [rid for rid in ids if scaffold(rid, args.force)]
    print(f"{len(made)} fixtures created" + (": " + " ".join(made) if 0 < len(made) <= 20 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
