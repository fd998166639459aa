"""Generate a realistic synthetic ledger for benchmarks: Chinese text, every status, evidence.

    python benchmarks/generate.py --tasks 10000 --out /tmp/ledger-10k

Deterministic for a given --seed. Dates are spread around 2024-06-30 (the
day the benchmark asks about), so a realistic share of tasks is late, due
soon or stale. A few task files are broken on purpose (--invalid), as in a
real ledger that someone is editing.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

AS_OF = date(2024, 6, 30)
FEEDBACK = date(2023, 9, 15)

VERBS = [
    "制定",
    "修订",
    "完善",
    "建立",
    "健全",
    "落实",
    "开展",
    "推进",
    "规范",
    "加强",
    "整治",
    "清理",
]
OBJECTS = [
    "议事规则", "财务管理办法", "政府采购制度", "干部选拔任用工作", "基层党组织建设", "廉政风险排查",
    "内部审计整改", "公务接待管理", "档案管理制度", "信访举报处置流程", "项目资金监管", "合同管理",
    "意识形态工作责任制", "领导班子民主生活会", "巡察整改台账", "专项督查", "网络安全等级保护",
    "国有资产清查", "工程招投标管理", "选人用人专项检查",
]  # fmt: skip
QUALIFIERS = ["工作机制", "长效机制", "专项整治", "问题清单", "制度体系", "责任清单", "监督检查"]
UNITS = [
    "办公室", "组织部", "宣传部", "统战部", "政法委", "发改委", "财政局", "审计局", "人社局",
    "住建局", "交通局", "水利局", "农业农村局", "商务局", "文旅局", "卫健委", "应急局", "市场监管局",
    "统计局", "医保局", "机关事务局", "信访局", "数据局", "教育局", "科技局", "工信局", "民政局",
    "司法局", "自然资源局", "生态环境局", "国资委", "税务局", "公安局", "档案馆", "党校", "团委",
    "妇联", "工会", "科协", "社科联",
]  # fmt: skip
NOTES = [
    "制定工作方案，明确责任分工和时间节点", "召开专题会议研究部署", "形成初稿，征求相关单位意见",
    "根据意见修改完善", "提交党组会议审议", "印发实施并组织学习", "开展督导检查", "报送阶段性进展",
]  # fmt: skip
KINDS = ["纪要", "制度文件", "通知", "报告", "照片"]


def _settings() -> str:
    units = "".join(f"  - id: U{i:02d}\n    name: {name}\n" for i, name in enumerate(UNITS))
    leaders = "".join(f"  - id: L{i:02d}\n    name: 领导{i:02d}\n" for i in range(10))
    return (
        "title: 某省巡视整改台账（合成数据）\n"
        "source:\n  kind: 巡视\n  inspector: 省委第三巡视组\n"
        f"  feedback_date: {FEEDBACK}\n"
        f"units:\n{units}leaders:\n{leaders}"
        # Three levels, taken up after the sign-offs here (held to them from the next day).
        "approval:\n  signoff:\n    - {name: 责任单位申请}\n    - {name: 整改办审核}\n"
        f"    - {{name: 牵头领导审批}}\n  since: {AS_OF + timedelta(days=1)}\n"
    )


def _problems() -> str:
    lines = ["sections:"]
    for s in range(4):
        lines += [f"  - id: S{s + 1}", f"    title: 第{s + 1}方面", "    problems:"]
        for p in range(8):
            number = s * 8 + p + 1
            lines += [f"      - id: P{number:02d}", f"        title: 问题{number:02d}"]
    return "\n".join(lines) + "\n"


def _task(rng: random.Random, number: int, root: Path, width: int) -> str:
    task_id = f"TASK-{number:0{width}d}"
    title = rng.choice(VERBS) + rng.choice(OBJECTS) + rng.choice(QUALIFIERS)
    units = rng.sample(range(len(UNITS)), rng.choice([1, 1, 2, 3]))
    status = rng.choices(["in-progress", "done", "ongoing", "cancelled"], [45, 35, 18, 2])[0]
    lines = [
        f"id: {task_id}",
        f"title: {title}",
        f"problem: P{rng.randint(1, 32):02d}",
        f"source_ref: 第{rng.randint(1, 4)}方面第{rng.randint(1, 8)}条",
        f"measure: {title}，{rng.choice(NOTES)}，确保整改到位。",
        f"lead: L{rng.randint(0, 9):02d}",
        "units: [" + ", ".join(f"U{u:02d}" for u in units) + "]",
    ]
    if status == "ongoing":
        lines += ["term: ongoing", f"cadence: {rng.choice(['monthly', 'quarterly', 'yearly'])}"]
    else:
        deadline = AS_OF + timedelta(days=rng.randint(-60, 240))
        lines += [f"term: {rng.choice(['immediate', 'dated', 'dated'])}", f"deadline: {deadline}"]
        lines.append(f"deadline_basis: {rng.choice(['年内', '3个月内', '立行立改', '半年内'])}")
    lines.append(f"status: {status}")
    if status == "cancelled":
        lines.append("cancel_reason: 与其他举措合并")
    lines.append("progress:")
    # Most open tasks were written about in the last month, as under a weekly report.
    last = AS_OF - timedelta(
        days=rng.randint(0, 28) if rng.random() < 0.85 else rng.randint(29, 120)
    )
    count = rng.randint(1, 4)
    for step in range(count, 0, -1):
        day = last - timedelta(days=30 * (step - 1))
        lines += [
            f"  - date: {day}",
            f"    text: {rng.choice(NOTES)}",
            f"    by: {UNITS[units[0]]}",
        ]
    if status == "done":
        folder = root / "evidence" / task_id
        folder.mkdir(parents=True, exist_ok=True)
        kind = rng.choice(KINDS)
        content = f"合成佐证材料 {task_id} {kind}\n".encode()
        (folder / f"{kind}.txt").write_bytes(content)
        lines += [
            "evidence:",
            f"  - path: evidence/{task_id}/{kind}.txt",
            f"    sha256: {hashlib.sha256(content).hexdigest()}",
            f"    size: {len(content)}",
            f"    added: {day}",
            f"    kind: {kind}",
            "closing:",
            f"  date: {day}",
            "  by: 整改办",
            f"  summary: {title}已完成",
        ]
    if status == "in-progress" and number % 50 == 0:
        # One open task in fifty has applied for sign-off, half of them approved once.
        # Decided by the number, not the generator: the rest of the ledger stays the same.
        lines += ["requests:", "  - kind: signoff", f"    date: {last}",
                  f"    by: {UNITS[units[0]]}", f"    summary: {title}已完成"]  # fmt: skip
        if number % 100 == 0:
            lines += ["    steps:", "      - level: 整改办审核", "        action: approved",
                      f"        date: {last}", "        by: 整改办"]  # fmt: skip
    if rng.random() < 0.1:
        lines += [
            "regulations:",
            f"  - name: {rng.choice(OBJECTS)}",
            f"    action: {rng.choice('立改废')}",
        ]
    return "\n".join(lines) + "\n"


_BROKEN = [
    "id: {id}\ntitle: 重复键\ntitle: 又一个\n",
    "id: {id}\ntitle: 缺少字段\n",
    "id: {id}\ntitle: 日期错误\nproblem: P01\nlead: L00\nunits: [U00]\nterm: dated\n"
    "deadline: 2024-02-30\nstatus: in-progress\n",
]


def generate(tasks: int, out: Path, seed: int = 1, invalid: int = 3) -> Path:
    """Write a ledger of ``tasks`` task files into ``out`` (replaced if it exists)."""
    if out.exists():
        shutil.rmtree(out)
    (out / "tasks").mkdir(parents=True)
    (out / "evidence").mkdir()
    (out / "zhenggai.yaml").write_text(_settings(), encoding="utf-8")
    (out / "problems.yaml").write_text(_problems(), encoding="utf-8")
    rng = random.Random(seed)
    width = max(5, len(str(tasks)))
    broken = set(rng.sample(range(1, tasks + 1), min(invalid, tasks)))
    for number in range(1, tasks + 1):
        task_id = f"TASK-{number:0{width}d}"
        if number in broken:
            text = _BROKEN[number % len(_BROKEN)].format(id=task_id)
        else:
            text = _task(rng, number, out, width)
        (out / "tasks" / f"{task_id}.yaml").write_text(text, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--invalid", type=int, default=3)
    args = parser.parse_args()
    generate(args.tasks, args.out, args.seed, args.invalid)
    print(f"wrote {args.tasks} tasks to {args.out}")


if __name__ == "__main__":
    main()
