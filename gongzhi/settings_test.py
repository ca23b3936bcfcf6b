"""Settings for the test suite: the real settings in test mode, with a fast hasher."""

import os

os.environ.setdefault("GONGZHI_ENV", "test")
os.environ.setdefault("TASK_BACKEND", "immediate")

from gongzhi.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SMS_BACKEND = "gongzhi.core.sms.MemorySmsBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
