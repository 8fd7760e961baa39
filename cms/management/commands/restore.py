from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the database and the stored files with a backup made by `backup`. "
        "Every checksum is verified first; stop the web, worker and scheduler processes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", required=True)
        parser.add_argument("--no-input", action="store_true", help="do not ask to confirm")

    def handle(self, *args, source, no_input, **options):
        if not no_input and input(f"Replace this site's content with {source}? [y/N] ") != "y":
            raise CommandError("Nothing restored.")
        try:
            manifest = restore(source)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored the database and {len(manifest['files'])} files from {source}")
