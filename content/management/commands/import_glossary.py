from django.core.management.base import BaseCommand, CommandError

from content.exchange import glossary


class Command(BaseCommand):
    help = "Add or update glossary terms from a CSV file with columns key, zh, bo, mn, note."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            with open(file, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        result = glossary.read(data)
        if result.errors:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(result.errors)} problem(s); nothing imported")
        glossary.apply(result)
        self.stdout.write(
            f"{result.created} created, {result.updated} updated, {result.unchanged} unchanged"
        )
