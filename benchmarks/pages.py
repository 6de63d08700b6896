"""Generated pages for the scale benchmarks (written to a temporary folder, never to the repository).

    from benchmarks.pages import archive, name_list_page, big_page, replicate_seeds

* :func:`archive` — a folder like the 212 People's Daily articles of issue 10: every page of
  ``../shared/corpus`` (THUCNews 时政, 新闻联播 transcripts and appointments, read in place and
  copied into the temporary folder) and the seed pages, plus one generated prize list of
  2,512 names (``获奖名单``, about 100 KB);
* :func:`name_list_page` — a 名单 page of ``n`` generated names with their units;
* :func:`big_page` — one page of about ``megabytes`` MB made of real articles, each kept whole;
* :func:`replicate_seeds` — the seed pages ``times`` times under new names.

Names are drawn from kg's surname list and a fixed set of given-name characters with a fixed
random seed, so every run generates the same bytes.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"
CORPORA = ("thucnews-shizheng", "xwlb", "xwlb_appointments")

#: Given-name characters (common in mainland names); two-character given names are most frequent.
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红文玉梅海波宁晓云飞鹏辉斌宇浩凯健俊帆帅旭"
UNITS = ("中学", "小学", "实验小学", "职业技术学院", "人民医院", "中心卫生院", "第一中学", "幼儿园")
PLACES = ("迎泽区", "小店区", "杏花岭区", "尖草坪区", "万柏林区", "晋源区", "清徐县", "阳曲县", "娄烦县", "古交市")
PRIZES = ("一等奖", "二等奖", "三等奖", "优秀奖")


def _surnames() -> list[str]:
    lines = (ROOT / "kg" / "data" / "nlp" / "surnames.txt").read_text(encoding="utf-8").splitlines()
    return [s for s in (line.split("#", 1)[0].strip() for line in lines) if len(s) == 1]


def names(n: int, seed: int = 10) -> list[str]:
    """``n`` person names (2–3 characters), reproducible for a seed."""
    rng = random.Random(seed)
    surnames = _surnames()[:200]
    return [rng.choice(surnames) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 2)))) for _ in range(n)]


def name_list_text(n: int, seed: int = 10, *, units: bool = True) -> str:
    """A 获奖名单 page: a headline, a lead, then ``n`` names grouped by prize, one paragraph of
    ``姓名（单位）`` entries joined by full-width spaces per 40 names."""
    rng = random.Random(seed + 1)
    people = names(n, seed)
    lines = ["太原市2023年度优秀教师评选结果公布", "", "2023年度优秀教师获奖名单", ""]
    lines.append("本报讯 经各县（市、区）推荐、专家评审和社会公示，市教育局日前公布2023年度优秀教师获奖名单，名单如下：")
    per_prize = -(-n // len(PRIZES))
    for p, prize in enumerate(PRIZES):
        group = people[p * per_prize : (p + 1) * per_prize]
        if not group:
            break
        lines += ["", f"{prize}（{len(group)}名）"]
        for i in range(0, len(group), 40):
            entries = []
            for name in group[i : i + 40]:
                entries.append(f"{name}（{rng.choice(PLACES)}{rng.choice(UNITS)}）" if units else name)
            lines.append("　".join(entries))
    lines += ["", "（记者 李明）", ""]
    return "\n".join(lines)


def name_list_page(folder: Path, n: int, name: str | None = None, seed: int = 10) -> Path:
    path = Path(folder) / (name or f"name_list_{n}.txt")
    path.write_text(name_list_text(n, seed), encoding="utf-8")
    return path


def corpus_pages() -> list[Path]:
    """Every page of ../shared/corpus (index.json files are not pages)."""
    out = []
    for sub in CORPORA:
        out += sorted((SHARED / "corpus" / sub).glob("*.txt"))
    return out


def archive(folder: Path, list_names: int = 2512) -> Path:
    """The issue-10 archive: shared corpus pages + seed pages + one prize list of ``list_names``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for page in corpus_pages():
        shutil.copyfile(page, folder / page.name)
    for page in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(page, folder / page.name)
    name_list_page(folder, list_names, "prize_list.txt")
    return folder


def replicate_seeds(folder: Path, times: int) -> Path:
    """The seed pages ``times`` times (copy k of x.txt is x.k.txt), with the seeds' manifest years."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pages = sorted(SEEDS.glob("*.txt"))
    for k in range(times):
        for page in pages:
            shutil.copyfile(page, folder / f"{page.stem}.{k}{page.suffix}")
    (folder / "manifest.toml").write_text('profile = "taiyuan_daily"\nyear = 2023\n', encoding="utf-8")
    return folder


def big_page(folder: Path, megabytes: float, name: str = "big.txt") -> Path:
    """One page of about ``megabytes`` MB (UTF-8): real articles one after another, each
    a headline, a blank line, its text and two blank lines, repeated until the size is reached."""
    sources = [p.read_text(encoding="utf-8").strip() for p in corpus_pages() + sorted(SEEDS.glob("*.txt"))]
    target = int(megabytes * 1_000_000)
    path = Path(folder) / name
    size = 0
    with path.open("w", encoding="utf-8") as fh:
        i = 0
        while size < target:
            block = sources[i % len(sources)] + "\n\n\n"
            fh.write(block)
            size += len(block.encode("utf-8"))
            i += 1
    return path
