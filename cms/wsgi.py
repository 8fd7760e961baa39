import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

django_application = get_wsgi_application()

# Page-cache hits are answered before Django's handler, everything else by it.
from cms import fast_hit  # noqa: E402  (once Django is set up)

application = fast_hit.FastHits(django_application)

# gunicorn loads this module once in its master (preload_app) and forks the workers:
# load jieba's dictionary here, so that every worker shares one copy instead of each
# spending a second of CPU and 50 MB on it at its first Chinese search.
from search.analysis import chinese  # noqa: E402

chinese.words("青海科普")

# Then render a page in each language (a few seconds at most), so that the workers
# forked from this process start warm (cms/warmup.py); it closes the connections it opened.
from cms import warmup  # noqa: E402

warmup.warm(application)
