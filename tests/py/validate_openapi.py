"""Validates OpenAPI 3.1 documents with openapi-spec-validator, and every named example of a
response against the response's schema with jsonschema (which openapi-spec-validator uses).

Usage: validate_openapi.py DOCUMENT.json...

Prints one line per document, "ok PATH" or "invalid PATH: REASON", and exits with 1 if any
document is not a valid OpenAPI 3.1 document or has an example that its schema refuses.
"""

import json
import sys

from jsonschema import Draft202012Validator
from openapi_spec_validator import OpenAPIV31SpecValidator


def example_problems(document):
    """Every response example checked against its media type's schema."""
    components = document.get("components", {})
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            for status, response in operation.get("responses", {}).items():
                for media, content in response.get("content", {}).items():
                    if "schema" not in content:
                        continue
                    # A root that holds the components, so that local references resolve.
                    schema = dict(content["schema"], components=components)
                    validator = Draft202012Validator(schema)
                    for name, example in content.get("examples", {}).items():
                        for error in validator.iter_errors(example.get("value")):
                            yield f"{method} {path} {status} {media} example {name}: {error.message}"


def problems(path):
    with open(path, encoding="utf-8") as file:
        document = json.load(file)
    version = document.get("openapi", "")
    if not version.startswith("3.1."):
        return [f"openapi is {version!r}, not 3.1.x"]
    try:
        found = [error.message for error in OpenAPIV31SpecValidator(document).iter_errors()]
        found.extend(example_problems(document))
    # A reference to nowhere is raised, not reported: it is a problem of the document too.
    except Exception as error:  # noqa: BLE001
        found = [f"{type(error).__name__}: {error}"]
    return found


def main():
    failed = False
    for path in sys.argv[1:]:
        found = problems(path)
        if found:
            failed = True
            for problem in found:
                print(f"invalid {path}: {problem}")
        else:
            print(f"ok {path}")
    sys.exit(1 if failed else 0)


main()
