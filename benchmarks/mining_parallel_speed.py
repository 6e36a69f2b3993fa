"""Speed and memory of bilingual mining: N generated segment pairs (default 100,000) written as two
line-aligned files NAME.en / NAME.zh, mined with `glossary mine NAME.en --parallel NAME.zh` in-process, on one
core, with the shipped glossary. Prints seconds, segments/s and peak memory (target: under 2 minutes, under
2 GB); the same run mines the English file alone, for the ratio of what the translations cost.

    python benchmarks/mining_parallel_speed.py [--pairs 100000]

The pairs are made from the vocabulary of samples/parallel (our own words): names, places and jargon in
sentence templates, each template written in English and in Chinese, seeded, so every run mines the same text.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NAMES = [("Alibaba Cloud", "阿里云"), ("Huawei", "华为"), ("Nvidia", "英伟达"), ("DingTalk", "钉钉"),
         ("Cainiao", "菜鸟"), ("Zhejiang University", "浙江大学"), ("Eddie Wu", "吴泳铭"), ("Ren Zhengfei", "任正非"),
         ("Tongyi Qianwen", "通义千问")]
PLACES = [("Hangzhou", "杭州"), ("Shenzhen", "深圳"), ("Guizhou", "贵州"), ("Europe", "欧洲"), ("China", "中国")]
THINGS = [("large language model", "大语言模型"), ("data centre", "数据中心"), ("research centre", "研究中心"),
          ("office app", "办公应用"), ("graphics chips", "图形芯片"), ("meeting notes", "会议纪要")]
TEMPLATES = [
    ("{n} opened a new {t} in {p}.", "{N}在{P}开设了新的{T}。"),
    ("{n} said the {t} now runs in {p}.", "{N}表示，{T}现已在{P}运行。"),
    ("Engineers at {n} tested the {t} last year.", "{N}的工程师去年测试了{T}。"),
    ("Students in {p} can try the {t} of {n}.", "{P}的学生可以试用{N}的{T}。"),
    ("On Monday, {n} told investors about the {t} in {p}.", "周一，{N}向投资者介绍了{P}的{T}。"),
    ("{n} sells the {t} in {p} and in {q}.", "{N}在{P}和{Q}销售{T}。"),
]


def generate(count: int, seed: int = 12) -> tuple[list[str], list[str]]:
    """`count` English sentences and their Chinese translations, from the templates."""
    rng = random.Random(seed)
    english, chinese = [], []
    for _ in range(count):
        en, zh = rng.choice(TEMPLATES)
        (n, N), (t, T) = rng.choice(NAMES), rng.choice(THINGS)
        (p, P), (q, Q) = rng.sample(PLACES, 2)
        english.append(en.format(n=n, t=t, p=p, q=q))
        chinese.append(zh.format(N=N, T=T, P=P, Q=Q))
    return english, chinese


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=100_000)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    english, chinese = generate(args.pairs)
    from glossary.alignment.lexicon import dictionary_words

    dictionary_words()  # the cached CC-CEDICT word index, as every run after the first finds it
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "generated.en", Path(folder) / "generated.zh"
        source.write_text("\n".join(english) + "\n", encoding="utf-8")
        target.write_text("\n".join(chinese) + "\n", encoding="utf-8")
        megabytes = source.stat().st_size / 1e6
        from glossary.mining import mine
        from glossary.mining.bilingual import mine_pairs, parallel_pairs

        warm = Path(folder) / "warm.en"
        warm.write_text(english[0] + "\n", encoding="utf-8")
        mine([warm])  # load the glossary, dictionaries and lexicons once, outside the timings
        started = time.perf_counter()
        alone = mine([source])
        monolingual = time.perf_counter() - started
        started = time.perf_counter()
        frame = mine_pairs([parallel_pairs(source, target)])
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    aligned = (frame["suggestion"] == "aligned").sum()
    print(f"{args.pairs:,} generated segment pairs ({megabytes:.1f} MB of English), one core, shipped glossary")
    print(f"glossary mine --parallel: {seconds:.1f} s, {args.pairs / seconds:,.0f} segments/s, "
          f"{len(frame)} rows ({aligned} with aligned Chinese), peak memory {peak:,.0f} MB")
    print(f"the English alone (glossary mine): {monolingual:.1f} s, {len(alone)} rows; "
          f"aligning costs {seconds / monolingual:.1f}× the monolingual time")
    print(f"targets: under 120 s ({'met' if seconds < 120 else 'MISSED'}), under 2,048 MB "
          f"({'met' if peak < 2048 else 'MISSED'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
