"""A URL map with one slow view, for the test of the live server's idle check."""

import time

from django.http import HttpResponse
from django.urls import path


def slow(request):
    time.sleep(1.5)
    return HttpResponse("done")


urlpatterns = [path("slow/", slow)]
