"""Who may open each Open311 URL at all; rows are scoped on top (``visible_to``).

The GeoReport endpoints are public: GET is public by the specification, and POST checks
its ``api_key`` itself. The key pages are the bureau's.
"""

from gongzhi.accounts.models import Role
from gongzhi.core.access import PUBLIC, Rule, roles

ACCESS: dict[str, Rule] = {
    "open311:discovery": PUBLIC,
    "open311:services": PUBLIC,
    "open311:service": PUBLIC,
    "open311:requests": PUBLIC,
    "open311:request": PUBLIC,
    "open311:token": PUBLIC,
    "open311:key_list": roles(Role.BUREAU),
    "open311:key_revoke": roles(Role.BUREAU),
}
