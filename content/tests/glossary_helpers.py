"""Running ``manage.py import_glossary`` on a CSV file, for the glossary tests."""

import io

from django.core.management import call_command
from django.core.management.base import CommandError


def run(tmp_path, text, name="terms.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_glossary", str(path), stdout=out, stderr=err)
    except CommandError as exc:
        return None, err.getvalue() + str(exc)
    return out.getvalue(), err.getvalue()
