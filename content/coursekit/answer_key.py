"""Answer keys a learner cannot read: checks compare a digest of the answer, never the answer itself."""

import hashlib
import json


def digest(*parts) -> str:
    """The first 64 bits (16 hex digits) of the sha256 of the parts' canonical JSON form."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]
