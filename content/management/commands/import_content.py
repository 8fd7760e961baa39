from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from content.exchange import importing


class Command(BaseCommand):
    help = "Import articles and videos from a JSON Lines file (see docs/import-export.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the valid lines even if others have errors.",
        )

    def handle(self, file, skip_invalid, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        report = importing.validate(data)
        for problem in report.problems:
            self.stderr.write(str(problem))
        if report.errors and not skip_invalid:
            raise CommandError(
                f"{len(report.bad_lines())} line(s) with errors; nothing imported. "
                "Fix them, or use --skip-invalid to import the other lines."
            )
        summary = importing.apply(report.items)
        skipped = len(report.bad_lines())
        self.stdout.write(
            f"Imported {file.name}: {summary}"
            + (f", {skipped} invalid line(s) skipped" if skipped else "")
        )
