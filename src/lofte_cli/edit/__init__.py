"""New and changed data files, each planned and checked before it is written: activities,
pledges, follow-ups, the canonical layout (fmt), a new repository (init), spreadsheets (import)."""
