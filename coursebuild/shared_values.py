"""Names the site's JavaScript, the build and the tests must agree on, each defined here once.

The build hands them to the JavaScript (the landing page's data, the extension's page config, a line
before the service worker) and the tests import them; the work file's format is grading.work's, an
exercise call exercises.CALL, a progress message's MIME type coursekit.progress's.
"""

# localStorage key of a course's progress: this, then the site's path (two courses on one host keep apart)
PROGRESS_KEY_PREFIX = "course-progress "
# JupyterLite's IndexedDB database of the learner's files: this, then the site's path (JupyterLite's name)
STORAGE_PREFIX = "JupyterLite Storage - "
# the service worker's cache of the site: this, then the site's path
CACHE_PREFIX = "course-offline "
# on an answer from that cache, the revision (hash) of the bytes it holds
REVISION_HEADER = "x-course-revision"
# on an answer from that cache when the network failed: the lesson-update check then compares nothing
OFFLINE_HEADER = "x-course-offline"
# the type of the message a page posts to the service worker to fill that cache
SYNC_MESSAGE = "course-sync"


def storage_name(site_path: str) -> str:
    """The name of JupyterLite's database of a site's learner files (`/course/` -> `... - /course/`)."""
    return STORAGE_PREFIX + site_path
