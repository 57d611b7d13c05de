"""What the public and the council read: the pages, feeds and calendars, the report, the open-data
export, and the guard that decides what may go out."""
