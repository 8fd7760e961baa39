"""Existing sites: Wagtail's own image rows become KepuImage rows with the same ids, so
that pages keep their pictures when they switch to the new image model (the renditions
are made again on demand)."""

from django.db import migrations


def copy_images(apps, schema_editor):
    WagtailImage = apps.get_model("wagtailimages", "Image")
    KepuImage = apps.get_model("kepu_media", "KepuImage")
    ours = {field.attname for field in KepuImage._meta.concrete_fields}
    shared = [f.attname for f in WagtailImage._meta.concrete_fields if f.attname in ours]
    existing = set(KepuImage.objects.values_list("pk", flat=True))
    KepuImage.objects.bulk_create(
        KepuImage(**{name: getattr(image, name) for name in shared})
        for image in WagtailImage.objects.exclude(pk__in=existing).iterator()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("kepu_media", "0001_images"),
        ("wagtailimages", "0027_image_description"),
    ]
    operations = [migrations.RunPython(copy_images, migrations.RunPython.noop)]
