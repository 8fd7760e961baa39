"""Where uploaded files live: the disk by default, S3-compatible object storage when
KEPU_S3_BUCKET is set (cms/settings/base.py reads the KEPU_S3_* variables into the
KEPU_S3 setting, and ``configure_storages`` here turns it into STORAGES; any
S3-compatible service works, with path-style addressing for those that need it).

Published files (images and their renditions, and later video renditions) are public
objects served from a public base URL or CDN, without signed URLs, so that cached pages
never hold a link that expires. Originals of videos and audio go to a private prefix
and are only ever reached through signed URLs.
"""

from botocore.config import Config
from storages.backends import s3

from django.utils.deconstruct import deconstructible


@deconstructible(path="media.storage.S3Storage")
class S3Storage(s3.S3Storage):
    """django-storages' S3 storage with timeouts given as plain numbers: Wagtail hands a
    storage's constructor arguments to background tasks (to delete files), so they must
    be JSON, not a botocore Config object."""

    def __init__(self, connect_timeout=5, read_timeout=60, max_attempts=3, **settings):
        # Fail fast when the store is unreachable: an editor waits on the upload.
        settings.setdefault(
            "client_config",
            Config(
                connect_timeout=connect_timeout,
                read_timeout=read_timeout,
                retries={"max_attempts": max_attempts},
            ),
        )
        super().__init__(**settings)


def s3_options(s3, public=True):
    """The django-storages S3 options from the KEPU_S3 setting (a dict with the keys
    bucket, endpoint_url, region, access_key_id, secret_access_key, addressing_style
    and public_base_url; empty values are left to boto3's defaults)."""
    options = {
        "bucket_name": s3["bucket"],
        "endpoint_url": s3.get("endpoint_url") or None,
        "region_name": s3.get("region") or None,
        "access_key": s3.get("access_key_id") or None,
        "secret_key": s3.get("secret_access_key") or None,
        "addressing_style": s3.get("addressing_style") or None,  # "path" for MinIO & co.
        "file_overwrite": False,
        "default_acl": None,
    }
    if public:
        base = (s3.get("public_base_url") or "").rstrip("/")
        options.update(
            {
                "location": "public",
                "querystring_auth": False,
                # A CDN or public bucket address: https://media.example.gov.cn
                "custom_domain": base.split("://", 1)[-1] if base else None,
                "url_protocol": (base.split("://", 1)[0] + ":") if "://" in base else "https:",
            }
        )
    else:
        options.update(
            {"location": "private", "querystring_auth": True, "querystring_expire": 3600}
        )
    return {key: value for key, value in options.items() if value is not None}


def configure_storages(storages, private_root, s3):
    """STORAGES with S3 for the default (public) and "private" storages when the KEPU_S3
    setting ``s3`` names a bucket, else the filesystem for both: private files in
    ``private_root``, outside MEDIA_ROOT, so that no URL reaches them."""
    storages = dict(storages)
    if s3.get("bucket"):
        storages["default"] = {
            "BACKEND": "media.storage.S3Storage",
            "OPTIONS": s3_options(s3, public=True),
        }
        storages["private"] = {
            "BACKEND": "media.storage.S3Storage",
            "OPTIONS": s3_options(s3, public=False),
        }
    else:
        storages.setdefault(
            "private",
            {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(private_root), "base_url": "/no-public-url/"},
            },
        )
    return storages
