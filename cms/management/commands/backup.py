from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and every stored file (with checksums) into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, help="a new or empty folder")

    def handle(self, *args, to, **options):
        try:
            manifest = backup(to)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        size = sum(f["size"] for f in manifest["files"].values())
        self.stdout.write(
            f"Backed up the database ({manifest['database']['size']:,} bytes) and "
            f"{len(manifest['files'])} files ({size:,} bytes) to {to}"
        )
