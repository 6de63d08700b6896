"""The data files of kg.resolve: every shipped profile loads; bad rows fail with E301."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import DataError
from kg.resolve import available_profiles, load_profile
from kg.resolve.tables import load_tables


@pytest.mark.parametrize("name", available_profiles())
def test_every_shipped_profile_and_its_tables_load(name: str) -> None:
    p = load_profile(name)
    t = load_tables(p)
    assert t.bodies and t.departments and t.institutions and t.subunits
    assert all(path.is_file() for path in p.alias_files + p.institution_files)


def test_alias_tables_are_well_formed() -> None:
    t = load_tables(load_profile("taiyuan_daily"))
    orgs_ = t.aliases["Organization"]
    assert len(orgs_) >= 250
    assert all(a.alias != a.canonical for a in orgs_.values()), "an alias row that changes nothing"
    # an alias must not point at another alias: the canonical name is final
    assert not [a.alias for a in orgs_.values() if a.canonical in orgs_]
    assert {"aliases_national.tsv", "aliases_shanxi.tsv"} <= {a.source for a in orgs_.values()}


def _profile_with(tmp_path: Path, key: str, file_text: str) -> Path:
    (tmp_path / "extra.tsv").write_text(file_text, encoding="utf-8")
    path = tmp_path / "p.toml"
    path.write_text(
        f'name = "p"\npaper = "p"\n{key} = ["extra.tsv"]\n[home.city]\nname = "长治市"\nshort = "长治"\nprefix = "市"\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "key, text, problem",
    [
        ("aliases", "长钢\t首钢长治钢铁有限公司\tCompany\t-\n", "unknown type 'Company'"),
        ("aliases", "长钢\t首钢长治钢铁有限公司\n", "2 fields, expected 4"),
        ("institutions", "{n}中\t第{n}中学\tcollege\n", "unknown kind 'college'"),
        ("institutions", "{n}中\t第中学\tschool\n", "{n} must appear"),
    ],
)
def test_bad_regional_file_names_the_file(tmp_path: Path, key: str, text: str, problem: str) -> None:
    p = load_profile(_profile_with(tmp_path, key, text))
    with pytest.raises(DataError) as err:
        load_tables(p)
    assert err.value.code == "E301" and "extra.tsv" in str(err.value) and problem in str(err.value)


def test_missing_regional_file_is_E301(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('name = "p"\npaper = "p"\naliases = ["nope.tsv"]\n[home.city]\nname = "长治市"\nshort = "长治"\n', encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_tables(load_profile(path))
    assert err.value.code == "E301" and "nope.tsv" in str(err.value)

