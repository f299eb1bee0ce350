"""Downstream of the warehouse: the static report page, the browse app and the exchange formats
(FollowTheMoney, OCDS, xlsx). Reads only the published warehouse, read-only."""
