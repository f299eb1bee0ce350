"""Exchange formats written from the published warehouse: FollowTheMoney entities, OCDS release
packages (for sources that are not OCDS already) and an xlsx workbook for reporters."""
FORMATS = ("ftm", "ocds", "xlsx")
