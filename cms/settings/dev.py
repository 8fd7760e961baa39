"""Local development and `make run`: debug on, a throwaway secret, loopback hosts."""

import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = os.environ.get("KEPU_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret-qinghai-kepu"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
KEPU_DEMO = True
