"""Settings for the test suite: the real settings in test mode, with a fast hasher."""

import os

os.environ.setdefault("GONGZHI_ENV", "test")
os.environ.setdefault("TASK_BACKEND", "immediate")

from gongzhi.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SMS_BACKEND = "gongzhi.core.sms.MemorySmsBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Abuse limits count in the database cache, which a transactional test's flush does not
# empty: off for the suite, switched on (with small limits) by the tests of the limits.
GONGZHI_RATE_LIMITS_ENABLED = False
