from django.urls import path

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from media.admin_views import POLICIES, NarrationViewSet, VideoViewSet, retry

for model, policy in POLICIES.items():
    register_permission_policy(model, policy)
register_snippet(VideoViewSet)
register_snippet(NarrationViewSet)


@hooks.register("register_admin_urls")
def media_admin_urls():
    return [path("media/retry/<str:model_name>/<int:pk>/", retry, name="kepu_media_retry")]
