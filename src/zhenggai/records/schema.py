"""JSON Schema (draft-07) of the ledger's files, for editors: titles and descriptions in zh or en.

Draft-07 because that is what the VS Code YAML extension (yaml-language-server)
understands best; pydantic writes 2020-12, so ``$defs`` become ``definitions``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from zhenggai.messages import Language
from zhenggai.records.model import (
    HolidaysFile,
    ProblemsFile,
    Settings,
    Task,
    records_within,
    yaml_key,
)
from zhenggai.records.validation import json_schema as record_schema
from zhenggai.records.validation import plain

DRAFT_07 = "http://json-schema.org/draft-07/schema#"

SCHEMAS: dict[str, type] = {
    "task": Task,
    "settings": Settings,
    "problems": ProblemsFile,
    "holidays": HolidaysFile,
}

#: Where `zhenggai init` writes the schemas, and the file name of each.
SCHEMA_DIR = "schema"
FILE_NAMES = {kind: f"{kind}.schema.json" for kind in SCHEMAS}

# (model, field) -> (zh, en). Models are keyed by their class name with field "".
_DOCS: dict[tuple[str, str], tuple[str, str]] = {
    ("Cancellation", "date"): ("撤销日期；此后任务计为已撤销", "The day it was cancelled; it counts as cancelled from then on"),
    ("Cancellation", "reason"): ("撤销理由", "Why it was cancelled"),
    ("Cancellation", "by"): ("经办人", "Who cancelled it"),
    ("Closing", "date"): ("销号日期", "The day it was signed off"),
    ("Closing", "by"): ("销号经办人", "Who signed it off"),
    ("Closing", "summary"): ("完成情况摘要", "What was done, in short"),
    ("Closing", "approved_by"): ("验收人", "Who accepted the work (验收)"),
    ("Closing", "no_evidence_reason"): ("无佐证材料时的说明（需 allow_close_without_evidence）", "Why there is no evidence (needs allow_close_without_evidence)"),
    ("Correction", "date"): ("更正日期", "The day the correction was made"),
    ("Correction", "record"): ("被更正的日期，如 progress[2].date", "The date corrected, such as progress[2].date"),
    ("Correction", "from"): ("原日期", "The date as it was written"),
    ("Correction", "to"): ("更正后的日期", "The date as it should be"),
    ("Correction", "reason"): ("更正理由", "Why it was wrong"),
    ("Correction", "by"): ("经办人", "Who corrected it"),
    ("Counter", "what"): ("计数的对象，如 网信项目", "What is counted, e.g. 网信项目"),
    ("Counter", "done"): ("已完成数", "How many are done"),
    ("Counter", "total"): ("总数", "How many in all"),
    ("Evidence", "path"): ("文件路径，相对台账根目录，在 evidence/<编号>/ 下", "The file's path from the ledger root, under evidence/<ID>/"),
    ("Evidence", "sha256"): ("文件的 sha256，文件改动即可发现", "The file's sha256: any change to the file is found"),
    ("Evidence", "size"): ("文件大小（字节）", "The file's size in bytes"),
    ("Evidence", "added"): ("列入日期", "The day it was added"),
    ("Evidence", "kind"): ("材料类别，如 纪要、制度文件、照片", "What it is: 纪要, 制度文件, 照片…"),
    ("Evidence", "note"): ("说明", "A note on the file"),
    ("Evidence", "also"): ("内容相同的其他文件名（只存一份）", "Other names the same content was given (stored once)"),
    ("Extension", "from"): ("延期前的时限", "The deadline before the extension"),
    ("Extension", "to"): ("延期后的时限", "The new deadline"),
    ("Extension", "basis"): ("新时限的原文表述，如 +30d", "The new deadline as it was typed, e.g. +30d"),
    ("Extension", "reason"): ("延期理由", "Why the deadline moved"),
    ("Extension", "approved_by"): ("批准人", "Who approved it"),
    ("Extension", "date"): ("批准日期；此后新时限生效", "The day it was approved; the new deadline holds from then"),
    ("Milestone", "due"): ("节点时限", "When the milestone is due"),
    ("Milestone", "what"): ("节点内容", "What is to be reached"),
    ("Milestone", "done"): ("达成日期", "The day it was reached"),
    ("Outcomes", "held_accountable"): ("问责（人次）：依照问责条例问责的人次，与处分、批评教育等分列", "Held accountable under the accountability rules: 问责 (people), apart from sanctions and criticism"),
    ("Outcomes", "party_disciplined"): ("党纪处分（人次）", "Party discipline: 党纪处分 (people)"),
    ("Outcomes", "recovered_wan_yuan"): ("挽回经济损失（万元）", "Losses recovered, in 10,000 yuan"),
    ("ProgressNote", "date"): ("进展日期", "The day of the note"),
    ("ProgressNote", "text"): ("进展内容", "Where the work stands"),
    ("ProgressNote", "by"): ("填报人", "Who wrote it"),
    ("ProgressNote", "public"): ("可公开：通报只引用标记为可公开的进展", "Marked for publication: a bulletin quotes only such notes"),
    ("Regulation", "name"): ("制度名称", "The regulation's name"),
    ("Regulation", "action"): ("立（新建）、改（修订）或废（废止）", "立 (new), 改 (revised) or 废 (abolished)"),
    ("Regulation", "count"): ("件数（一批制度）", "How many (a batch of regulations)"),
    ("Regulation", "adopted"): ("出台日期；未填为计划中", "The day it was adopted; none while planned"),
    ("Regulation", "date"): ("出台日期（旧写法，用 adopted）", "The day it was adopted (older name: use adopted)"),
    ("Reopening", "date"): ("重新打开的日期", "The day it was reopened"),
    ("Reopening", "reason"): ("回头看发现的问题", "What the spot check (回头看) found"),
    ("Reopening", "by"): ("经办人", "Who reopened it"),
    ("Reopening", "previous_closing"): ("原销号记录", "The sign-off it had before"),
    ("Settings", "signoff_requires_approver"): ("销号和延期须有验收或批准人（--approved-by）", "A sign-off or extension needs an approver (--approved-by)"),
    ("Settings", "allow_close_without_evidence"): ("允许无佐证材料销号（须说明理由）", "Allow a sign-off without evidence (with a reason)"),
    ("Settings", "shift_deadline_to_workday"): ("推算出的时限落在休息日时顺延至下一个工作日", "A computed deadline on a rest day moves to the next working day"),
    ("Settings", "example"): ("示例台账：由其生成的每份文件在标题下标明“示例”", "An example ledger: every document made from it is marked 示例 under its title"),
    ("Settings", "commit"): ("每次写入后自动 git 提交（同 --commit）", "Every write commits to git, as with --commit"),
    ("Settings", "evidence_max_mb"): ("单个佐证文件的大小上限（MB）", "The largest evidence file taken, in MB"),
    ("Settings", "sheet_max_cells"): ("导入表格的大小上限（行数 × 列数，读取前按文件所记计算）", "The largest sheet an import reads: rows × columns, as its file says before it is read"),
    ("Settings", "text_max"): ("各类文字的长度上限（字数），导入、写入和检查一律执行", "The longest text each field may hold, in characters: import, the writes and check hold to it"),
    ("Settings", "approval"): ("销号和延期的审批环节（逐级审核）", "The levels a sign-off and an extension pass through"),
    ("Approval", ""): ("审批环节：第一级申请，其后各级依次审核、审批；只设一级或不设即一步销号", "The approval levels: the first applies, each later one approves in turn; one level, or none, signs off in one step"),
    ("Approval", "signoff"): ("销号的各级环节，如 责任单位申请 → 整改办审核 → 牵头领导审批", "The levels of a sign-off, e.g. 责任单位申请 → 整改办审核 → 牵头领导审批"),
    ("Approval", "extension"): ("延期的各级环节；不设则同销号", "The levels of an extension; as the sign-off's when not set"),
    ("Approval", "pending_days"): ("申请在某一环节停留多少天起提示（request-pending）", "Days an application may wait at one level before request-pending says so"),
    ("Approval", "since"): ("自此日起的销号须经各级审批；此前的不受约束", "Sign-offs from this day on must carry the levels' approvals; earlier ones need not"),
    ("ApprovalLevel", ""): ("一个审批环节", "One level of an approval chain"),
    ("ApprovalLevel", "name"): ("环节名称，如 整改办审核", "The level's name, e.g. 整改办审核"),
    ("ApprovalLevel", "who"): ("可办理者：--by 所写的名称；lead 指任务的牵头领导，units 指任务的责任单位；不设则任何人", "Who may act: names as given with --by; lead: the task's lead leader; units: the task's units; none: anyone"),
    ("Task", "requests"): ("销号申请和延期申请，及各级审核记录", "Applications to sign off or to extend, with each level's act"),
    ("Request", ""): ("一次申请（申请销号或申请延期）", "An application (to sign off, or to extend)"),
    ("Request", "kind"): ("signoff（申请销号）或 extension（申请延期）", "signoff or extension"),
    ("Request", "date"): ("申请日期；销号申请即完成整改之日", "The day applied for; for a sign-off, the day the work was done"),
    ("Request", "by"): ("申请单位或申请人", "Who applied"),
    ("Request", "summary"): ("整改完成情况", "What was done"),
    ("Request", "evidence"): ("所依据的佐证材料（evidence 中的文件）", "The evidence files it rests on (as in evidence:)"),
    ("Request", "no_evidence_reason"): ("无佐证材料的理由（台账允许时）", "Why there is no evidence (where the ledger allows it)"),
    ("Request", "to"): ("申请延至的时限", "The deadline asked for"),
    ("Request", "basis"): ("新时限的原文表述", "The new deadline as typed"),
    ("Request", "reason"): ("延期理由", "Why the deadline should move"),
    ("Request", "steps"): ("各级的审核记录", "Each level's act"),
    ("Request", "approved"): ("最后一级审批同意的日期", "The day the last level approved"),
    ("Step", ""): ("一级的审核记录：同意或退回", "One level's act: approved or returned"),
    ("Step", "level"): ("环节名称", "The level's name"),
    ("Step", "action"): ("approved（同意）或 returned（退回）", "approved or returned"),
    ("Step", "date"): ("办理日期", "The day of the act"),
    ("Step", "by"): ("办理人", "Who acted"),
    ("Step", "opinion"): ("审核意见；退回时为退回理由", "The opinion; for a return, its reason"),
    ("Closing", "applied"): ("经各级审批时：申请销号的日期（完成整改之日）", "Through approval levels: the day the sign-off was applied for"),
    ("Closing", "approvals"): ("经各级审批时：各级的审批意见", "Through approval levels: each level's approval"),
    ("Extension", "applied"): ("经各级审批时：申请延期的日期", "Through approval levels: the day the extension was applied for"),
    ("Extension", "approvals"): ("经各级审批时：各级的审批意见", "Through approval levels: each level's approval"),
    ("TextMax", ""): ("文字长度上限（字数）", "The longest texts, in characters"),
    ("TextMax", "title"): ("标题及各单行字段（姓名、单位、填报人等）", "A title, and every one-line field (names, units, who recorded)"),
    ("TextMax", "measure"): ("整改措施的具体内容", "The measure in full"),
    ("TextMax", "note"): ("进展、理由、销号情况等其他文字", "Progress, reasons, summaries and every other text"),
    ("Leader", "id"): ("领导编号，任务的 lead 引用它", "The leader's id, as a task's lead names it"),
    ("Leader", "name"): ("姓名或职务", "Name or post"),
    ("Leader", "role"): ("分工", "Their part in the work"),
    ("Period", "start"): ("开始日期", "The first day"),
    ("Period", "end"): ("结束日期", "The last day"),
    ("Source", "kind"): ("巡视、巡察、审计或督查", "巡视, 巡察, 审计 or 督查"),
    ("Source", "inspector"): ("检查组，如 中央第七巡视组", "Who inspected, e.g. 中央第七巡视组"),
    ("Source", "period"): ("检查期间", "When the inspection was on site"),
    ("Source", "feedback_date"): ("反馈日期；相对时限从此日起算", "The day the findings were handed over; relative deadlines count from it"),
    ("Source", "document"): ("反馈意见或整改方案的文件名", "The feedback or the rectification plan, by name"),
    ("Thresholds", "notice_days"): ("距时限多少天起亮提示灯", "Days before a deadline the notice light comes on"),
    ("Thresholds", "yellow_days"): ("距时限多少天起亮黄灯（临期）", "Days before a deadline the yellow light (due soon) comes on"),
    ("Unit", "id"): ("单位编号，任务的 units 引用它", "The unit's id, as a task's units name it"),
    ("Unit", "name"): ("单位全称", "The unit's full name"),
    ("Unit", "liaison"): ("联络员", "The liaison (联络员) who reports for it"),
    ("Unit", "phone"): ("联系电话", "The liaison's phone"),
    ("Unit", "prompt"): ("true：监督单位（如派驻纪检监察组），发“提示函”而非“督办单”", "true: a supervising body (such as the discipline inspection group) receives a 提示函, not a 督办单"),
    ("Unit", "email"): ("联络员电子邮箱（forms issue --mail 的收件人）", "The liaison's mail address (where forms issue --mail sends the form)"),
    ("Unit", "formerly"): ("曾用编号（zhenggai unit rename、unit merge 记录）", "The ids it had before (kept by zhenggai unit rename and unit merge)"),
    ("Leader", "formerly"): ("并入的编号（zhenggai leader merge 记录）", "The ids merged into it (kept by zhenggai leader merge)"),
    ("ProblemsFile", "sections"): ("方面（如 （一）…），每个方面下列反馈问题", "The headings (（一）…), each with its problems"),
    ("Problem", "id"): ("问题编号，任务的 problem 引用它", "The problem's id, as a task's problem names it"),
    ("Problem", "title"): ("问题表述", "The finding, in one line"),
    ("Problem", "source_ref"): ("在反馈意见中的位置", "Where it stands in the feedback"),
    ("Problem", "summary"): ("具体表现", "How it showed itself"),
    ("Section", "id"): ("方面编号", "The heading's id"),
    ("Section", "title"): ("方面标题", "The heading"),
    ("Section", "problems"): ("本方面的反馈问题", "The problems under this heading"),
    ("Section", "early"): ("先期整改：巡视期间、反馈之前即启动的整改；通报在第一部分叙述，不列入反馈问题", "先期整改: begun during the inspection, before the feedback; a bulletin tells it in part 一, not among the feedback problems"),
    ("HolidaysFile", "years"): ("按年份的法定节假日和调休上班日", "Public holidays and make-up working days, by year"),
    ("HolidayYear", "holidays"): ("放假日期", "Days off"),
    ("HolidayYear", "workdays"): ("调休上班的周末", "Weekend days worked instead (调休)"),
    ("Task", ""): ("整改举措：一个任务文件", "A rectification measure: one task file"),
    ("Task", "id"): ("编号，与文件名相同，如 TASK-042", "The id, the same as the file name: TASK-042"),
    ("Task", "title"): ("整改举措（标题）", "The measure, in one line"),
    ("Task", "problem"): ("所属反馈问题的编号（problems.yaml）", "The problem's id in problems.yaml"),
    ("Task", "source_ref"): ("在通报原文中的位置：问题，再加分句（一是）、另起一段的主体（机关纪委）、分句内的次序（2），如 二(一)1 一是 2", "Where it stands in the source: the problem, then its clause (一是), the body a new paragraph speaks of (机关纪委) and the place in the clause (2), e.g. 二(一)1 一是 2"),
    ("Task", "measure"): ("整改措施的具体内容", "What will be done, in full"),
    ("Task", "bulletin_text"): ("通报中的表述；不填则用 measure", "The bulletin's wording; without it, the measure's"),
    ("Task", "lead"): ("牵头领导的编号（zhenggai.yaml 的 leaders）", "The leader's id (leaders: in zhenggai.yaml)"),
    ("Task", "units"): ("责任单位编号，第一个为牵头单位，其余为配合单位", "Unit ids; the first leads, the rest cooperate"),
    ("Task", "owner"): ("责任人", "The person responsible"),
    ("Task", "term"): ("立行立改 immediate / 限期整改 dated / 长期坚持 ongoing", "immediate, dated or ongoing"),
    ("Task", "deadline"): ("完成时限（YYYY-MM-DD）；延期后为最新时限", "The deadline (YYYY-MM-DD); after an extension, the new one"),
    ("Task", "deadline_basis"): ("时限的原文表述，如“年内”", "The deadline's original wording, e.g. 年内"),
    ("Task", "cadence"): ("长期坚持任务的报告周期", "How often an ongoing task reports"),
    ("Task", "status"): ("推进中 in-progress / 已完成 done / 长期坚持 ongoing / 已撤销 cancelled", "in-progress, done, ongoing or cancelled"),
    ("Task", "created"): ("任务列入台账的日期；此前不存在", "The day the task entered the ledger; it does not exist before"),
    ("Task", "cancelled"): ("撤销记录：日期、理由、经办人", "The cancellation: date, reason, by"),
    ("Task", "cancel_reason"): ("撤销的理由（旧写法，无日期；新记录用 cancelled）", "Why the task was cancelled (older form, undated; use cancelled)"),
    ("Task", "corrections"): ("日期更正记录（zhenggai correct）", "Dates put right, with the reason (zhenggai correct)"),
    ("Task", "imported"): ("从表格导入时的来源（zhenggai import），供再次导入时对应", "Where an imported task came from (zhenggai import), for the next import"),
    ("Task", "notices"): ("已发出的督办单（zhenggai report notice --record）", "Supervision notices issued (zhenggai report notice --record)"),
    ("Notice", ""): ("督办单", "A supervision notice"),
    ("Notice", "date"): ("发出日期", "The day it was issued"),
    ("Notice", "level"): ("等级：提醒、督办或告诫", "Its level: 提醒 (reminder), 督办 (supervision) or 告诫 (warning)"),
    ("Notice", "reply_by"): ("要求反馈的日期；此前应记录进展", "The day a reply is due: a progress note by then answers it"),
    ("Notice", "by"): ("发出单位或人", "Who issued it"),
    ("Notice", "number"): ("督办单编号，如 督办〔2021〕3号；同一督办单的各项任务编号相同", "The notice's number, e.g. 督办〔2021〕3号, the same on each of its tasks"),
    ("Task", "private_reason"): ("不公开的理由：涉密、在办案件、可能引起炒作、可能引发群体性事件、重大敏感", "Why the task stays out of a public bulletin: 涉密, 在办案件, 可能引起炒作, 可能引发群体性事件 or 重大敏感"),
    ("Outcomes", "disciplined"): ("政务处分（人次）", "Sanctioned: 政务处分 (people)"),
    ("Outcomes", "reorganised"): ("组织处理（人次）", "Dealt with by the organisation: 组织处理 (people)"),
    ("Outcomes", "admonished"): ("诫勉（人次）", "Admonished: 诫勉 (people)"),
    ("Outcomes", "criticised"): ("批评教育（人次）", "Criticised and educated: 批评教育 (people)"),
    ("Outcomes", "reminded"): ("提醒谈话（人次）", "Reminder talks: 提醒谈话 (people)"),
    ("Outcomes", "referred"): ("移交纪委（件）", "Referred to the discipline commission: 移交纪委 (cases)"),
    ("Outcomes", "confiscated_wan_yuan"): ("追缴（万元）", "Confiscated: 追缴 (10,000 yuan)"),
    ("Outcomes", "refunded_wan_yuan"): ("清退（万元）", "Returned: 清退 (10,000 yuan)"),
    ("Source", "round"): ("巡视轮次，如 十九届中央第六轮", "The inspection round, e.g. 十九届中央第六轮"),
    ("Source", "authority"): ("部署这次巡视（巡察、审计、督查）的机关，通报中写作“贯彻…的部署”：党中央、省委、市委、县委；不写则按巡视组名称推断", "Who ordered the inspection, as the bulletin names it: 党中央, 省委, 市委, 县委; default: read from the inspector's name"),
    ("Source", "plan_measures"): ("整改方案明确的整改举措总数（台账可只收录其中一部分）", "How many measures the rectification plan holds (the ledger may keep some of them)"),
    ("Settings", "bulletin"): ("整改进展情况通报（zhenggai report bulletin）所用的信息", "What the public bulletin takes from the settings (zhenggai report bulletin)"),
    ("Bulletin", ""): ("整改进展情况通报的设置", "Settings of the bulletin"),
    ("Bulletin", "announce_left_out"): ("通报中说明未列入的事项数", "Whether the bulletin says how many tasks it leaves out"),
    ("Bulletin", "issuer"): ("发布通报的单位，如 中共政协全国委员会机关党组", "Who publishes the bulletin"),
    ("Bulletin", "subject"): ("被巡视（审计、督查）的对象，如 全国政协机关党组", "Who was inspected"),
    ("Bulletin", "title"): ("通报标题；默认由发布单位和巡视轮次生成", "The bulletin's title; default: built from the issuer and the round"),
    ("Bulletin", "title_lines"): ("标题的分行（各行连起来即标题），不填则按语义自动分行", "The title as the office breaks it into lines (joined, they are the title); without it, broken by sense"),
    ("Settings", "documents"): ("工作周报、督办单等文件的编发单位、报送范围和落款样式", "Who issues the weekly report and notices, to whom they go, how they are signed"),
    ("Documents", ""): ("发文设置", "How documents go out"),
    ("Documents", "issuer"): ("编发单位和落款，如 巡视整改工作领导小组办公室", "Issuer and signature, e.g. 巡视整改工作领导小组办公室"),
    ("Documents", "weekly_title"): ("工作周报的标题；不写则为“被巡视对象 + 巡视整改工作周报”", "The weekly report's title; default: the subject's 巡视整改工作周报"),
    ("Documents", "sealed"): ("true：落款按加盖印章的格式编排（成文日期右空四字，署名居中其上）", "true: the signature laid out for a seal (the date four characters in, the issuer centred over it)"),
    ("Documents", "report_to"): ("报：上级领导或机关", "报: superiors the document is reported to"),
    ("Documents", "send_to"): ("送：送阅的领导或单位", "送: those it is sent to"),
    ("Documents", "copy_to"): ("抄送：抄送单位", "抄送: those copied"),
    ("Documents", "signer"): ("签发人，填入 Word 模板的 {签发人}", "签发人 (who signs it off), for a template's {签发人}"),
    ("Documents", "secrecy"): ("密级，填入 Word 模板的 {密级}", "密级 (secrecy), for a template's {密级}"),
    ("Documents", "printer"): ("印发机关，填入 Word 模板的 {印发机关}；默认为编发单位", "印发机关 (who prints it), for a template's {印发机关}; default: the issuer"),
    ("Documents", "next_steps"): ("工作周报“下步工作安排”的固定事项，列在标记为下步安排的进展之前", "The weekly report's standing next steps, before the notes marked for them"),
    ("ProgressNote", "entered"): ("补记的日期：晚于其后各条进展录入（progress --late-entry）", "The day a note was entered after later ones (progress --late-entry)"),
    ("ProgressNote", "weekly"): ("列入工作周报：problem 存在问题 / next 下步工作安排", "For the weekly report: problem (存在问题) or next (下步工作安排)"),
    ("Bulletin", "count_private"): ("不公开的任务是否计入通报的总数", "Whether tasks kept out of a public bulletin count in its totals"),
    ("Bulletin", "contact"): ("接受监督的联系方式", "Where the public sends its views"),
    ("Bulletin", "facts"): ("通报引用的计数事实，各有日期", "Counted facts the bulletin quotes, each with its day"),
    ("Contact", ""): ("联系方式", "Contact"),
    ("Contact", "phone"): ("联系电话", "Phone"),
    ("Contact", "mailbox"): ("邮政信箱（地址）", "Postal address"),
    ("Contact", "postcode"): ("邮编", "Postcode"),
    ("Contact", "email"): ("电子邮箱", "Email"),
    ("Fact", ""): ("计数事实", "A counted fact"),
    ("Fact", "key"): ("占位符名，如 party_meetings，在通报文本中写作 {party_meetings}", "Its placeholder, e.g. party_meetings, written {party_meetings} in the bulletin's text"),
    ("Fact", "what"): ("事实，如 党组会议研究巡视整改", "What was counted"),
    ("Fact", "count"): ("数目", "How many"),
    ("Fact", "unit"): ("量词，如 次、个、轮", "The measure word: 次, 个, 轮"),
    ("Fact", "source"): ("数字的出处，如 2021年10月23日通报", "Where the figure is published"),
    ("Fact", "date"): ("截至日期；此前的通报不引用", "As of this day; a report of an earlier day does not know it"),
    ("Reopening", "review"): ("重新打开它的回头看抽查记录编号（reviews/）", "The 回头看 sampling record (reviews/) whose check reopened it"),
    ("Settings", "review_days"): ("回头看抽查记录等待结论的天数，超过即提示（review-pending）", "Days a 回头看 sample may wait for its outcomes before review-pending reports it"),
    ("Settings", "children"): ("下级台账：各单位的台账，本台账汇总读取", "Child ledgers read together with this one"),
    ("Child", ""): ("下级台账", "A child ledger"),
    ("Child", "name"): ("简称，如 提案局；两个台账任务编号相同时用以区分（提案局:TASK-042）", "Its short name, e.g. 提案局; qualifies clashing ids (提案局:TASK-042)"),
    ("Child", "path"): ("其文件夹，相对于本台账", "Its folder, relative to this ledger's"),
    ("Settings", "same_units"): ("下级台账中实为同一单位的单位（汇总时合并统计）", "Units of several children that are one unit in the parent's view (counted together)"),
    ("SameUnit", ""): ("同一单位", "One unit across children"),
    ("SameUnit", "id"): ("上级台账中的单位编号", "The parent's id for it"),
    ("SameUnit", "name"): ("单位名称", "Its name"),
    ("SameUnit", "units"): ("各下级台账中的单位，写作 下级:单位编号", "The children's units, written child:unit"),
    ("Imported", ""): ("导入来源", "Where an imported task came from"),
    ("Imported", "key"): ("表格中该行的编号、序号，或整改措施的摘要", "The row's 编号 or 序号 in the sheet, or a digest of its measure"),
    ("Imported", "digest"): ("导入时写入内容的摘要；不一致即说明导入后在台账中改过", "A digest of what the import wrote; a task that no longer gives it was changed since"),
    ("Task", "milestones"): ("节点", "Milestones"),
    ("Task", "progress"): ("整改进展记录，按日期先后", "Progress notes, in date order"),
    ("Task", "counters"): ("进度计数，如 8 项中已完成 5 项", "Partial progress: 5 of 8 done"),
    ("Task", "extensions"): ("延期记录；第一条的 from 为原定时限", "Extensions; the first one's from is the original deadline"),
    ("Task", "evidence"): ("佐证材料，以 sha256 固定", "Evidence files, pinned by sha256"),
    ("Task", "closing"): ("销号记录", "The sign-off"),
    ("Task", "reopenings"): ("重新打开（回头看）记录，保留原销号", "Reopenings after a spot check, keeping the old sign-off"),
    ("Task", "regulations"): ("制度立、改、废", "Rules established, revised or abolished"),
    ("Task", "outcomes"): ("成效数据（问责人数、挽回损失）", "Numbers reports add up"),
    ("Task", "public"): ("false：不在公开通报中出现", "false keeps the task out of public bulletins"),
    ("Task", "tags"): ("标签", "Tags"),
    ("Settings", ""): ("台账设置与名录（zhenggai.yaml）", "The ledger's settings and registries (zhenggai.yaml)"),
    ("Settings", "title"): ("台账名称", "The ledger's title"),
    ("Settings", "source"): ("巡视、巡察、审计或督查的来源信息", "The inspection this ledger answers"),
    ("Settings", "timezone"): ("“今天”按此时区计算", "Today is the date in this timezone"),
    ("Settings", "language"): ("报表语言", "The language of tables and reports"),
    ("Settings", "id_prefix"): ("任务编号前缀", "The prefix of task ids"),
    ("Settings", "thresholds"): ("提示与黄灯的天数", "Days before a deadline for the notice and yellow lights"),
    ("Settings", "stale_days"): ("超过多少天无进展记录即提示", "Days without a progress note before a task is stale"),
    ("Settings", "units"): ("责任单位名录", "The units"),
    ("Settings", "leaders"): ("牵头领导名录", "The leaders"),
    ("Settings", "checks"): ("各项检查的级别：error / warning / off", "Each check's level: error, warning or off"),
    ("ProblemsFile", ""): ("反馈问题（problems.yaml）", "The inspection's findings (problems.yaml)"),
    ("HolidaysFile", ""): ("法定节假日与调休（holidays.yaml）", "Official holidays and make-up working days (holidays.yaml)"),
}  # fmt: skip


def json_schema(kind: str, language: Language = "zh") -> dict[str, Any]:
    """The draft-07 JSON Schema of one kind of ledger file."""
    model = SCHEMAS[kind]
    schema = record_schema(model)
    definitions = schema.pop("$defs", {})
    index = 0 if language == "zh" else 1
    records = {record.__name__: record for record in records_within(model)}
    for name, part in [(model.__name__, schema), *definitions.items()]:
        _describe(name, part, index)
        if name in records:  # the other definitions are enumerations
            _add_factory_defaults(records[name], part)
    document: dict[str, Any] = {"$schema": DRAFT_07, **schema}
    if definitions:
        document["definitions"] = dict(sorted(definitions.items()))
    return document


def _describe(model: str, schema: dict[str, Any], index: int) -> None:
    own = _DOCS.get((model, ""))
    if own:
        schema["title"], schema["description"] = own[index], own[index]
    for field, prop in schema.get("properties", {}).items():
        doc = _DOCS.get((model, field))
        if doc:
            prop["description"] = doc[index]
        prop.pop("title", None)  # "Deadline Basis" helps nobody; the key is its own title


def _add_factory_defaults(record: type, schema: dict[str, Any]) -> None:
    # pydantic leaves out defaults made by a factory ([], {}, a default sub-record);
    # editors show them, so they are written in like any other default.
    for item in dataclasses.fields(record):
        if item.default_factory is dataclasses.MISSING:
            continue
        value = item.default_factory()
        default = plain(value, defaults=True) if dataclasses.is_dataclass(value) else value
        schema["properties"][yaml_key(item.name)]["default"] = default


def schema_text(kind: str, language: Language) -> str:
    import json

    return json.dumps(json_schema(kind, language), ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path, language: Language) -> list[Path]:
    """Write every schema into ``folder``; returns the files written."""
    from zhenggai.files.atomic import write_atomic

    written = []
    for kind, name in FILE_NAMES.items():
        path = folder / name
        write_atomic(path, schema_text(kind, language).encode("utf-8"))
        written.append(path)
    return written


def modeline(kind: str, depth: int) -> str:
    """The comment that points the YAML language server at a file's schema.

    ``depth`` is how many folders below the ledger root the file lies.
    """
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_DIR}/{FILE_NAMES[kind]}\n"
