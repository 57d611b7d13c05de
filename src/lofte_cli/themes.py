"""The national themes a focus area may belong to (`theme:` in `focus_areas`), so that
"Droger och unga" in one pledge and "Narkotika" in another count as one theme. Chosen from
what real medborgarlöften promise; the labels are English msgids, said in Swedish by the
catalog."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from lofte_cli.i18n import N_, _, translations
from lofte_cli.places import fold


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    source_label: str  # English, the catalog's msgid

    @property
    def label(self) -> str:
        """The label in the active language."""
        return _(self.source_label)


THEMES: dict[str, Theme] = {
    t.id: t
    for t in (
        Theme("narkotika", N_("Narcotics")),
        Theme("alkohol-tobak", N_("Alcohol and tobacco")),
        Theme("ungdomsbrottslighet", N_("Youth crime")),
        Theme("unga-i-riskzon", N_("Children and young people at risk")),
        Theme("trafik", N_("Road safety")),
        Theme("motorburna-unga", N_("Young people on mopeds and A-tractors")),
        Theme("trygghet-offentlig-miljo", N_("Safety in public places")),
        Theme("ordningsstorningar", N_("Public disorder and littering")),
        Theme("skadegorelse", N_("Vandalism and graffiti")),
        Theme("inbrott", N_("Burglary")),
        Theme("bedrageri-aldre", N_("Fraud against the elderly")),
        Theme("vald-i-nara-relationer", N_("Violence in close relationships")),
        Theme("vald-offentlig-miljo", N_("Violence in public places")),
        Theme("organiserad-brottslighet", N_("Organised crime")),
        Theme("arbetslivskriminalitet", N_("Work-related crime and welfare fraud")),
        Theme("brottsoffer", N_("Support for victims of crime")),
        Theme("skola", N_("Safety at school")),
        Theme("foraldraskap", N_("Support for parents")),
        Theme("samverkan-lagesbild", N_("Cooperation and a shared picture of the situation")),
        Theme("medborgardialog", N_("Dialogue with residents")),
    )
}


def near_theme(wanted: str) -> str | None:
    """The theme someone probably meant: its label in either language ("Narkotika",
    "Road safety") or an id spelt nearly right."""
    key = fold(wanted)
    for theme in THEMES.values():
        swedish = translations("sv").gettext(theme.source_label)
        if key in (fold(theme.id), fold(theme.source_label), fold(swedish)):
            return theme.id
    near = difflib.get_close_matches(key.replace(" ", "-"), list(THEMES), n=1)
    return near[0] if near else None
