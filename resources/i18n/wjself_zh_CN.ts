<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AnswerController</name>
    <message>
        <source>This self-assessment is finalized and read-only. Reopen it to change answers.</source>
        <translation>本自评已定稿，只读。如需修改答案，请先重新打开。</translation>
    </message>
    <message>
        <source>Why does this item not apply?</source>
        <translation>为何不适用？</translation>
    </message>
    <message>
        <source>Item %1 applies to this school by its profile. Say why it does not apply (kept as the item's note; inspectors read it):</source>
        <translation>按学校情况，检查项 %1 适用于本校。请说明不适用的原因（保存为本项备注，督学会查看）：</translation>
    </message>
</context>
<context>
    <name>AnswerEditor</name>
    <message>
        <source>Clear answer</source>
        <translation>清除答案</translation>
    </message>
    <message>
        <source>Target: %1</source>
        <translation>达标要求：%1</translation>
    </message>
    <message>
        <source>Key %1 in the item list</source>
        <translation>在检查项列表中按 %1</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>This item does not concern the school; it then leaves the score</source>
        <translation>本项与本校无关时选择；选“不适用”的项不计入得分</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>填写数字</translation>
    </message>
    <message>
        <source>Write the answer here; it is saved as you type.</source>
        <translation>在此填写，输入时自动保存。</translation>
    </message>
</context>
<context>
    <name>AssessmentTable</name>
    <message>
        <source>Last changed</source>
        <translation>最近修改</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Open rectifications</source>
        <translation>整改中</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>%1 · new version</source>
        <translation>%1 · 有新版本</translation>
    </message>
    <message>
        <source>Version %1 of this checklist is installed: open the draft to see the changes and upgrade it.</source>
        <translation>已安装本检查表的新版本 %1：打开草稿即可查看变化并升级。</translation>
    </message>
</context>
<context>
    <name>BlankPrinter</name>
    <message>
        <source>Print &amp;blank checklist…</source>
        <translation>打印空白自查表(&amp;B)…</translation>
    </message>
    <message>
        <source>A PDF of the checklist with answer boxes, to fill in on paper</source>
        <translation>生成带勾选框的检查表 PDF，打印后现场手工填写</translation>
    </message>
    <message>
        <source>Print blank checklist</source>
        <translation>打印空白自查表</translation>
    </message>
    <message>
        <source>PDF file (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing %1 …</source>
        <translation>正在生成 %1 …</translation>
    </message>
    <message>
        <source>Saved the blank %1 (%2 items) to %3. Print it from the viewer.</source>
        <translation>已将空白《%1》（%2 个检查项）保存到 %3，请在打开的阅读器中打印。</translation>
    </message>
    <message>
        <source>The blank checklist was not written</source>
        <translation>空白自查表未生成</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message>
        <source>Schools and scores</source>
        <translation>学校与得分</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Read the selected assessment as the school sent it</source>
        <translation>按学校报送时的样子查看所选自评</translation>
    </message>
    <message>
        <source>All townships</source>
        <translation>全部镇街</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>全部学段</translation>
    </message>
    <message>
        <source>All checklists</source>
        <translation>全部自查表</translation>
    </message>
    <message>
        <source>All periods</source>
        <translation>全部时段</translation>
    </message>
    <message>
        <source>School name or code</source>
        <translation>学校名称或标识码</translation>
    </message>
    <message>
        <source>%1 assessments from %2 schools · average %3</source>
        <translation>%2 所学校的 %1 份自评 · 平均 %3</translation>
    </message>
    <message>
        <source>Nothing received yet: bundles are imported on the Receive page.</source>
        <translation>尚未接收任何自评：请在“接收”页导入数据包。</translation>
    </message>
    <message>
        <source>No received assessment matches the filter.</source>
        <translation>没有符合筛选条件的已接收自评。</translation>
    </message>
</context>
<context>
    <name>ContactPage</name>
    <message>
        <source>Address and contacts</source>
        <translation>地址与联系人</translation>
    </message>
    <message>
        <source>Printed on the report cover; all optional.</source>
        <translation>印在自评报告封面上；均可不填。</translation>
    </message>
    <message>
        <source>e.g. 湖塘镇</source>
        <translation>如：湖塘镇</translation>
    </message>
    <message>
        <source>Township / subdistrict</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>校长</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>wjself ran into an unexpected error. Your answers saved so far are safe.

Please send the log file to support:
%1</source>
        <translation>wjself 遇到了意外错误。已保存的答案都是安全的。

请将日志文件发给技术支持：
%1</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>Not filled in</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>Type a date such as 2024-03-15, or pick one from the calendar</source>
        <translation>输入日期，如 2024-03-15，或从日历中选择</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <source>Pick a day from the calendar</source>
        <translation>从日历中选择日期</translation>
    </message>
</context>
<context>
    <name>DistrictOverview</name>
    <message>
        <source>Schools and scores</source>
        <translation>学校与得分</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>No item answered “not met”</source>
        <translation>没有答“不符合”的检查项</translation>
    </message>
    <message>
        <source>Items most often not met</source>
        <translation>不符合最多的检查项</translation>
    </message>
    <message>
        <source>Items not met</source>
        <translation>不符合项</translation>
    </message>
    <message>
        <source>No open rectification</source>
        <translation>没有未完成的整改</translation>
    </message>
    <message>
        <source>Overdue by township</source>
        <translation>各镇街逾期整改</translation>
    </message>
    <message>
        <source>Rectifications</source>
        <translation>整改</translation>
    </message>
    <message>
        <source>Import the list of schools…</source>
        <translation>导入学校名单…</translation>
    </message>
    <message>
        <source>A CSV file with the columns 学校标识码, 学校名称, 镇街, 学段: the schools expected to report, also those that have sent nothing yet</source>
        <translation>CSV 文件，列为 学校标识码、学校名称、镇街、学段：应报送的全部学校，包括尚未报送过任何自查表的学校</translation>
    </message>
    <message>
        <source>Not sent yet</source>
        <translation>未上报</translation>
    </message>
    <message>
        <source>No scored assessment shown</source>
        <translation>没有已计分的自评</translation>
    </message>
    <message>
        <source>No rated assessment shown</source>
        <translation>没有已评定等级的自评</translation>
    </message>
    <message>
        <source>Average score by township</source>
        <translation>各镇街平均得分率</translation>
    </message>
    <message>
        <source>Score distribution</source>
        <translation>得分率分布</translation>
    </message>
    <message>
        <source>Average score by checklist (lowest first)</source>
        <translation>各自查表平均得分率（低的在前）</translation>
    </message>
    <message>
        <source>Assessments by rating</source>
        <translation>各等级自评数</translation>
    </message>
    <message>
        <source>The comparison could not be read</source>
        <translation>无法读取比较数据</translation>
    </message>
    <message>
        <source>%1: average %2 over %3 assessments</source>
        <translation>%1：%3 份自评，平均 %2</translation>
    </message>
    <message>
        <source>Reading the received assessments…</source>
        <translation>正在读取已接收的自评……</translation>
    </message>
    <message>
        <source>Open rectifications: %1 · overdue: %2 · schools: %3</source>
        <translation>未完成整改：%1 项 · 逾期：%2 项 · 涉及学校：%3 所</translation>
    </message>
    <message>
        <source>%1: %2 overdue of %3 open</source>
        <translation>%1：未完成 %3 项，其中逾期 %2 项</translation>
    </message>
    <message>
        <source>%1 checklists not sent, from %2 schools</source>
        <translation>%2 所学校共 %1 份自查表尚未报送</translation>
    </message>
    <message>
        <source>Import the list of schools</source>
        <translation>导入学校名单</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>The list of schools was not imported</source>
        <translation>学校名单未能导入</translation>
    </message>
    <message>
        <source>List of schools imported</source>
        <translation>学校名单已导入</translation>
    </message>
    <message>
        <source>%1 schools are expected to report.</source>
        <translation>应报送的学校：%1 所。</translation>
    </message>
</context>
<context>
    <name>DistrictReportButtons</name>
    <message>
        <source>District report (PDF)…</source>
        <translation>区级汇总报告（PDF）…</translation>
    </message>
    <message>
        <source>District report (XLSX)…</source>
        <translation>区级汇总报告（XLSX）…</translation>
    </message>
    <message>
        <source>A report is being written…</source>
        <translation>正在生成报告……</translation>
    </message>
    <message>
        <source>Choose a period first: the district report covers one period.</source>
        <translation>请先选择时段：区级汇总报告按一个时段生成。</translation>
    </message>
    <message>
        <source>No received assessment matches the filter.</source>
        <translation>没有符合筛选条件的已接收自评。</translation>
    </message>
    <message>
        <source>The summary of %1 for the schools shown</source>
        <translation>所列学校 %1 的汇总</translation>
    </message>
    <message>
        <source>Save the district report</source>
        <translation>保存区级汇总报告</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>District report written</source>
        <translation>区级汇总报告已生成</translation>
    </message>
    <message>
        <source>The district report was saved as
%1</source>
        <translation>区级汇总报告已保存为
%1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The district report was not written</source>
        <translation>区级汇总报告未能生成</translation>
    </message>
</context>
<context>
    <name>DistrictWords</name>
    <message>
        <source>Signed, key known</source>
        <translation>已签名，密钥相符</translation>
    </message>
    <message>
        <source>Signed, key new</source>
        <translation>已签名，首次登记密钥</translation>
    </message>
    <message>
        <source>Signed by another key!</source>
        <translation>签名密钥与登记的不同！</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>未签名</translation>
    </message>
    <message>
        <source>Signature invalid</source>
        <translation>签名无效</translation>
    </message>
    <message>
        <source>Key id: %1</source>
        <translation>密钥标识：%1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Done, awaiting verification</source>
        <translation>已完成，待验收</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已验收</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>镇街</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>学段</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>自查表</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>较上期</translation>
    </message>
    <message>
        <source>No earlier period received</source>
        <translation>未收到上一时段的自评</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>检查内容</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Schools</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>%1 (%2 days overdue)</source>
        <translation>%1（逾期 %2 天）</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>完成期限</translation>
    </message>
    <message>
        <source>School code</source>
        <translation>学校标识码</translation>
    </message>
    <message>
        <source>Checklist not sent</source>
        <translation>未报送的自查表</translation>
    </message>
</context>
<context>
    <name>EvidenceController</name>
    <message>
        <source>Evidence files (%1);;All files (*)</source>
        <translation>佐证材料 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Add evidence to %1</source>
        <translation>为检查项 %1 添加佐证材料</translation>
    </message>
    <message>
        <source>Remove “%1” from item %2?</source>
        <translation>从检查项 %2 移除“%1”？</translation>
    </message>
    <message>
        <source>Remove evidence</source>
        <translation>移除佐证材料</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <source>No files yet. Add files, drop them here, or paste a picture (Ctrl+V).</source>
        <translation>尚无佐证材料。可添加文件、把文件拖到这里，或粘贴图片（Ctrl+V）。</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Paste picture</source>
        <translation>粘贴图片</translation>
    </message>
    <message>
        <source>Attach the picture on the clipboard (Ctrl+V in the list)</source>
        <translation>附上剪贴板中的图片（在列表中按 Ctrl+V）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>%1
added %2</source>
        <translation>%1
添加于 %2</translation>
    </message>
    <message>
        <source>No files attached.</source>
        <translation>未附佐证材料。</translation>
    </message>
    <message>
        <source>The clipboard holds no picture or file to attach.</source>
        <translation>剪贴板中没有可附加的图片或文件。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export %1 self-assessments</source>
        <translation>导出 %1 份自评</translation>
    </message>
    <message>
        <source>PDF report for the inspectors</source>
        <translation>PDF 报告（交责任督学）</translation>
    </message>
    <message>
        <source>Cover, summary, every item, rectifications, sign-off, evidence</source>
        <translation>封面、总体情况、逐项自查、整改清单、审核签章、佐证材料</translation>
    </message>
    <message>
        <source>Excel workbook</source>
        <translation>Excel 表格</translation>
    </message>
    <message>
        <source>Answers, rectifications and a summary, one row each</source>
        <translation>答案、整改和汇总，每条一行</translation>
    </message>
    <message>
        <source>Data bundle (.wjsa) for the bureau</source>
        <translation>数据包（.wjsa，交教育局）</translation>
    </message>
    <message>
        <source>Answers, evidence files and the fingerprint; one self-assessment only</source>
        <translation>含答案、佐证文件和指纹；每次一份自评</translation>
    </message>
    <message>
        <source>Drafts are exported with a 草稿 watermark and no fingerprint.</source>
        <translation>草稿导出时带“草稿”水印，没有指纹。</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose self-assessments of one period to export them together.</source>
        <translation>只能一起导出同一周期的自评，请重新选择。</translation>
    </message>
    <message>
        <source>PDF report (*.pdf)</source>
        <translation>PDF 报告 (*.pdf)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 表格 (*.xlsx)</translation>
    </message>
    <message>
        <source>wjself data bundle (*.wjsa)</source>
        <translation>wjself 数据包 (*.wjsa)</translation>
    </message>
    <message>
        <source>Writing %1 …</source>
        <translation>正在生成 %1 …</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>Signed with this school's key %1.</source>
        <translation>已用本校密钥 %1 签名。</translation>
    </message>
    <message>
        <source>The export failed unexpectedly. Details are in the log file:
%1</source>
        <translation>导出时发生意外错误。详细信息已写入日志文件：
%1</translation>
    </message>
</context>
<context>
    <name>FactsPage</name>
    <message>
        <source>About the school</source>
        <translation>学校情况</translation>
    </message>
    <message>
        <source>These decide which checklist items apply to your school: for example, without a canteen the canteen items are marked not applicable.</source>
        <translation>这些情况决定哪些检查项适用于本校：例如没有食堂的学校，食堂管理的检查项会自动标为“不适用”。</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>No program on this computer opens %1 files. The file is here:
%2</source>
        <translation>这台电脑上没有能打开 %1 文件的程序。文件保存在：
%2</translation>
    </message>
    <message>
        <source>The system could not open it. It is here:
%1</source>
        <translation>系统无法打开它。位置：
%1</translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation>无法打开</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search items (Ctrl+F)</source>
        <translation>搜索检查项（Ctrl+F）</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Unanswered</source>
        <translation>未填</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Required, missing</source>
        <translation>必填未填</translation>
    </message>
    <message>
        <source>To re-confirm</source>
        <translation>需重新确认</translation>
    </message>
</context>
<context>
    <name>FinalizedBanner</name>
    <message>
        <source>Finalized %1 · filled in by %2 · reviewed by %3 · fingerprint %4. Read-only.</source>
        <translation>已于 %1 定稿 · 填表人 %2 · 审核人 %3 · 指纹 %4。只读。</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <source>Version %1 of the checklist is installed; its self-assessment is started.</source>
        <translation>本检查表的新版本 %1 已安装，对应的自评已经新建。</translation>
    </message>
    <message>
        <source>Open it</source>
        <translation>打开新版本自评</translation>
    </message>
    <message>
        <source>Version %1 of the checklist is installed.</source>
        <translation>本检查表有新版本 %1。</translation>
    </message>
    <message>
        <source>New draft from version %1…</source>
        <translation>以新版本新建草稿…</translation>
    </message>
</context>
<context>
    <name>FinishDialog</name>
    <message>
        <source>Finish the self-assessment</source>
        <translation>完成自评</translation>
    </message>
    <message>
        <source>Go to item %1</source>
        <translation>转到检查项 %1</translation>
    </message>
    <message>
        <source>Filled in by (填表人):</source>
        <translation>填表人：</translation>
    </message>
    <message>
        <source>The self-check report (自查报告) has parts not written: %1. You may finalize without them; the PDF will say they were not written.</source>
        <translation>自查报告尚有未填写的部分：%1。可以不填写而定稿，PDF 报告中将注明这些部分未填写。</translation>
    </message>
    <message>
        <source>Reviewed by (审核人，校长):</source>
        <translation>审核人（校长）：</translation>
    </message>
    <message>
        <source>Finalizing makes this self-assessment read-only and records its fingerprint, which the PDF and the data bundle carry. It can be reopened later, with a reason.</source>
        <translation>定稿后本自评变为只读，并记录指纹（PDF 报告和数据包都会载明）。以后如需修改，可说明原因后重新打开。</translation>
    </message>
    <message>
        <source>Finalize</source>
        <translation>定稿</translation>
    </message>
    <message>
        <source>%1 things still stop this self-assessment from being finalized</source>
        <translation>还有 %1 处需要补齐，才能定稿</translation>
    </message>
    <message>
        <source>Click an entry to go to the item.</source>
        <translation>点击一条，即可转到对应的检查项。</translation>
    </message>
    <message>
        <source>Everything is answered. Sign off to finalize.</source>
        <translation>各项均已完成。请填写签名后定稿。</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>User guide</source>
        <translation>用户手册</translation>
    </message>
    <message>
        <source>The user guide was not found at %1.</source>
        <translation>未找到用户手册（应在 %1）。</translation>
    </message>
</context>
<context>
    <name>Hints</name>
    <message>
        <source> (open it and use “Reopen…” on its page)</source>
        <translation>（打开该自评，在其页面上点“重新打开…”）</translation>
    </message>
    <message>
        <source> (open the draft and use “See the changes and upgrade…”)</source>
        <translation>（打开该草稿，点“查看变化并升级…”）</translation>
    </message>
    <message>
        <source> (Settings → “Back up now”)</source>
        <translation>（设置页的“立即备份”）</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History of %1</source>
        <translation>%1 的历史记录</translation>
    </message>
    <message>
        <source>Checklist upgrades</source>
        <translation>升级记录</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Checklist upgrades of this self-assessment</source>
        <translation>本自评的检查表升级记录</translation>
    </message>
    <message>
        <source>No checklist upgrade has been made.</source>
        <translation>尚未升级过检查表版本。</translation>
    </message>
    <message>
        <source>Answers taken out of use by checklist upgrades (double-click a file to open it)</source>
        <translation>升级时移出的答案（双击佐证材料可打开）</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Item (as it was)</source>
        <translation>检查项（原表述）</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>原答案</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>Nothing was taken out of use.</source>
        <translation>没有移出的答案。</translation>
    </message>
    <message>
        <source>Changes to this item</source>
        <translation>本题的修改记录</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>item removed</source>
        <translation>题目已删除</translation>
    </message>
    <message>
        <source>set aside</source>
        <translation>暂存</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>（未作答）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Double-click to open</source>
        <translation>双击打开</translation>
    </message>
    <message>
        <source>Rectifications</source>
        <translation>整改</translation>
    </message>
    <message>
        <source>%1, still in the rectification list</source>
        <translation>%1 条，仍保留在整改清单中</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>作答</translation>
    </message>
    <message>
        <source>answer cleared</source>
        <translation>清除答案</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>confirmed after an update</source>
        <translation>升级后确认无误</translation>
    </message>
    <message>
        <source>update: to re-confirm</source>
        <translation>升级：需重新确认</translation>
    </message>
    <message>
        <source>update: set aside</source>
        <translation>升级：暂存</translation>
    </message>
    <message>
        <source>update: item removed</source>
        <translation>升级：题目删除</translation>
    </message>
    <message>
        <source>evidence added</source>
        <translation>添加佐证</translation>
    </message>
    <message>
        <source>evidence removed</source>
        <translation>删除佐证</translation>
    </message>
    <message>
        <source>rectification</source>
        <translation>整改</translation>
    </message>
    <message>
        <source>rectification deleted</source>
        <translation>删除整改</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Our self-assessments</source>
        <translation>本校自评</translation>
    </message>
    <message>
        <source>New self-assessment…</source>
        <translation>新建自评…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Delete draft…</source>
        <translation>删除草稿…</translation>
    </message>
    <message>
        <source>Home: new self-assessment</source>
        <translation>首页：新建自评</translation>
    </message>
    <message>
        <source>Home: open the selected self-assessment</source>
        <translation>首页：打开选中的自评</translation>
    </message>
    <message>
        <source>Home: delete the selected draft</source>
        <translation>首页：删除选中的草稿</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Register the school…</source>
        <translation>登记学校…</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>周期：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>All periods</source>
        <translation>全部周期</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>No school is registered yet.
Register your school (name, school code, stages); then start a self-assessment here.</source>
        <translation>还没有登记学校。
请先点击“登记学校…”，填写学校名称、学校标识码和学段，然后就可以在这里开始自评。</translation>
    </message>
    <message>
        <source>No self-assessment matches these filters.</source>
        <translation>没有符合筛选条件的自评。</translation>
    </message>
    <message>
        <source>No self-assessments yet.
Click “New self-assessment…” and tick the checklists your school works through this year.</source>
        <translation>还没有自评。
点击“新建自评…”，勾选本校今年要填写的检查表，即可开始。</translation>
    </message>
    <message>
        <source>Start self-assessments of the chosen checklists</source>
        <translation>勾选检查表，开始新的自评</translation>
    </message>
    <message>
        <source>Register the school first: click “Register the school…”.</source>
        <translation>请先登记学校：点击“登记学校…”。</translation>
    </message>
    <message>
        <source>%1 self-assessments: %2 drafts, %3 finalized · %4 rectifications open</source>
        <translation>共 %1 份自评：草稿 %2 份，已定稿 %3 份 · 整改中 %4 项</translation>
    </message>
    <message>
        <source>· %1 overdue</source>
        <translation>· 其中已逾期 %1 项</translation>
    </message>
    <message>
        <source>Opening the data folder…</source>
        <translation>正在打开数据文件夹……</translation>
    </message>
    <message>
        <source>Select a self-assessment in the list first.</source>
        <translation>请先在列表中选中一份自评。</translation>
    </message>
    <message>
        <source>Open the selected self-assessment</source>
        <translation>打开选中的自评</translation>
    </message>
    <message>
        <source>Several selected: select one to open.</source>
        <translation>已选中多份：打开请只选一份。</translation>
    </message>
    <message>
        <source>Export the selected self-assessments</source>
        <translation>导出选中的自评</translation>
    </message>
    <message>
        <source>A finalized self-assessment cannot be deleted; open it and reopen it first if it must change.</source>
        <translation>已定稿的自评不能删除；如确需修改，请打开后点“重新打开”。</translation>
    </message>
    <message>
        <source>Several selected: export them together, or select one to open or delete.</source>
        <translation>已选中多份：可以一起导出；打开或删除请只选一份。</translation>
    </message>
    <message>
        <source>Delete the selected draft</source>
        <translation>删除选中的草稿</translation>
    </message>
    <message>
        <source>%1 self-assessments created. Select one and press Enter to start.</source>
        <translation>已新建 %1 份自评。选中一份后按回车开始填写。</translation>
    </message>
    <message>
        <source>This self-assessment no longer exists; the list is updated.</source>
        <translation>这份自评已不存在，列表已刷新。</translation>
    </message>
    <message>
        <source>Delete the draft “%1” (%2) with its answers, evidence files and rectifications?

This cannot be undone.</source>
        <translation>删除草稿《%1》（%2）及其全部答案、佐证材料和整改记录？

删除后无法恢复。</translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>删除草稿</translation>
    </message>
    <message>
        <source>Draft “%1” deleted.</source>
        <translation>草稿《%1》已删除。</translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <source>Your school</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>As on the school's official documents.</source>
        <translation>请按学校的正式文件填写。</translation>
    </message>
    <message>
        <source>e.g. 常州市武进区湖塘实验小学</source>
        <translation>如：常州市武进区湖塘实验小学</translation>
    </message>
    <message>
        <source>10 digits</source>
        <translation>10 位数字</translation>
    </message>
    <message>
        <source>School name</source>
        <translation>学校名称</translation>
    </message>
    <message>
        <source>School code (学校标识码)</source>
        <translation>学校标识码</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>学段</translation>
    </message>
    <message>
        <source>Tick every stage the school teaches; a 九年一贯制 school ticks only that.</source>
        <translation>勾选学校的全部学段；九年一贯制等一贯制学校只勾选“九年一贯制”即可。</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <source>This code is already used by %1.</source>
        <translation>该学校标识码已被“%1”使用。</translation>
    </message>
    <message>
        <source>✓ valid school code</source>
        <translation>✓ 学校标识码格式正确</translation>
    </message>
    <message>
        <source>The 10-digit code issued by the Ministry of Education.</source>
        <translation>教育部统一编制的 10 位学校标识码。</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>What changes</source>
        <translation>与已安装版本相比的变化</translation>
    </message>
    <message>
        <source>Groups and items</source>
        <translation>分组与检查项</translation>
    </message>
    <message>
        <source>&amp;Install</source>
        <translation>安装(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Not signed: it cannot be confirmed that it comes from the bureau</source>
        <translation>未签名：无法确认它来自区教育局</translation>
    </message>
    <message>
        <source>Valid, another bureau key %1 (accepted after a phone check)</source>
        <translation>有效，区教育局的另一把密钥 %1（已电话核对并接受）</translation>
    </message>
    <message>
        <source>Valid, bureau key %1: recorded on import; compare it with the bureau by phone</source>
        <translation>有效，区教育局密钥 %1：导入时记录，请与区教育局电话核对</translation>
    </message>
    <message>
        <source>Valid (bureau key %1)</source>
        <translation>有效（区教育局密钥 %1）</translation>
    </message>
    <message>
        <source>Import checklist: %1</source>
        <translation>导入检查表：%1</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>%1 (not installed yet)</source>
        <translation>%1（尚未安装此模板）</translation>
    </message>
    <message>
        <source>%1 (newer than the installed %2)</source>
        <translation>%1（比已安装的 %2 版新）</translation>
    </message>
    <message>
        <source>%1 (older than the installed %2)</source>
        <translation>%1（比已安装的 %2 版旧）</translation>
    </message>
    <message>
        <source>Template id</source>
        <translation>模板编号</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>发布单位</translation>
    </message>
    <message>
        <source>Based on</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>For stages</source>
        <translation>适用学段</translation>
    </message>
    <message>
        <source>all stages</source>
        <translation>所有学段</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>%1 items in %2 groups</source>
        <translation>%2 个分组，共 %1 个检查项</translation>
    </message>
    <message>
        <source>Self-check period</source>
        <translation>自查时段</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Compared with the installed version %1: %2 kept, %3 reworded, %4 changed in ways that affect answers, %5 added, %6 removed.</source>
        <translation>与已安装的 %1 版相比：未变 %2 项，措辞修改 %3 项，影响答案的修改 %4 项，新增 %5 项，删除 %6 项。</translation>
    </message>
    <message>
        <source>Assessments already started keep their version; a draft can be moved to the new one later.</source>
        <translation>已开始的自评仍使用原来的版本；草稿可在以后升级到新版本。</translation>
    </message>
    <message>
        <source>After installing, it can be used for new assessments.</source>
        <translation>安装后即可用于新的自评。</translation>
    </message>
</context>
<context>
    <name>ItemDetail</name>
    <message>
        <source>How to check, and what proves it</source>
        <translation>检查方法与佐证材料</translation>
    </message>
    <message>
        <source>What was found, what is missing … (saved as you type)</source>
        <translation>检查发现的情况、存在的不足……（输入时自动保存）</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Rectification (required for 不符合)</source>
        <translation>整改（不符合项须填写）</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>weight %1</source>
        <translation>分值 %1</translation>
    </message>
    <message>
        <source>Not applicable to this school (%1); nothing to fill in.</source>
        <translation>本项不适用于本校（%1），无需填写。</translation>
    </message>
    <message>
        <source>This item was revised: check the answer, then confirm it (answering again also confirms it).</source>
        <translation>题目已修订，请核对后确认（重新作答也视为确认）。</translation>
    </message>
    <message>
        <source>Confirm, still right</source>
        <translation>确认无误</translation>
    </message>
    <message>
        <source>Answer given on the earlier version: “%1”, set aside and not counted. Please answer the revised item.</source>
        <translation>原答案（旧版本）：“%1”，已暂存，不计分。请按修订后的题目重新作答。</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>历史…</translation>
    </message>
    <message>
        <source>A checklist update moved an earlier answer of this item to its history.</source>
        <translation>检查表升级时，本题的原答案已移入历史。</translation>
    </message>
    <message>
        <source>How to check</source>
        <translation>检查方法</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>This item has no further guidance.</source>
        <translation>本项没有更多说明。</translation>
    </message>
</context>
<context>
    <name>ItemModel</name>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>检查内容</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证</translation>
    </message>
    <message>
        <source>Rectification</source>
        <translation>整改</translation>
    </message>
    <message>
        <source>N/A: %1</source>
        <translation>不适用：%1</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>未填</translation>
    </message>
    <message>
        <source>Required item</source>
        <translation>必填项</translation>
    </message>
    <message>
        <source>Revised by a checklist update: check and confirm the answer</source>
        <translation>题目已修订：请核对后确认答案</translation>
    </message>
    <message>
        <source>The answer given before the checklist update was set aside: answer again</source>
        <translation>升级前的答案已暂存：请重新作答</translation>
    </message>
    <message>
        <source>Reworded by a checklist update: please confirm the answer again.</source>
        <translation>模板升级后本项表述有变化：请重新确认答案。</translation>
    </message>
    <message>
        <source>Rectification: %1 (%2, due %3)</source>
        <translation>整改：%1（%2，%3 前完成）</translation>
    </message>
    <message>
        <source>Not met: the rectification still needs a measure, an owner and a due date</source>
        <translation>不符合：整改还缺措施、责任人或完成时限</translation>
    </message>
</context>
<context>
    <name>ItemPane</name>
    <message>
        <source>No items here match the filter or search.</source>
        <translation>没有符合筛选或搜索条件的检查项。</translation>
    </message>
    <message>
        <source>Answered %1 of %2</source>
        <translation>已填 %1/%2</translation>
    </message>
    <message>
        <source> · score %1% (%2)</source>
        <translation> · 得分 %1%（%2）</translation>
    </message>
    <message>
        <source> · %1 not met</source>
        <translation> · 不符合 %1 项</translation>
    </message>
</context>
<context>
    <name>ItemReader</name>
    <message>
        <source>Open evidence</source>
        <translation>打开佐证</translation>
    </message>
    <message>
        <source>Choose an item to read it.</source>
        <translation>请选择一个检查项查看。</translation>
    </message>
    <message>
        <source>(no evidence attached)</source>
        <translation>（未附佐证材料）</translation>
    </message>
    <message>
        <source>(not answered)</source>
        <translation>（未填）</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Does not apply because</source>
        <translation>不适用的原因</translation>
    </message>
    <message>
        <source>School's note</source>
        <translation>学校的备注</translation>
    </message>
    <message>
        <source>How to check</source>
        <translation>检查方法</translation>
    </message>
    <message>
        <source>Evidence asked for</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Revised checklist item, not confirmed again</source>
        <translation>模板已修订，本项待重新确认</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message>
        <source>Measure: %1</source>
        <translation>整改措施：%1</translation>
    </message>
    <message>
        <source>Responsible: %1</source>
        <translation>责任人：%1</translation>
    </message>
    <message>
        <source>Due: %1</source>
        <translation>完成期限：%1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>Rectification</source>
        <translation>整改</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <source>School keys</source>
        <translation>学校密钥</translation>
    </message>
    <message>
        <source>Each school's bundles are signed with its key. A school's key is recorded with its first bundle, or here from its public key (.pub) or a key list (CSV/JSON). A school that lost its key (new computer, no backup) sends its new public key: compare the key id by phone, then record it here to replace the old one, which stays listed as replaced.</source>
        <translation>学校的数据包都用该校的密钥签名。学校的密钥在收到其首个数据包时记录，也可在此从学校的公钥文件（.pub）或密钥清单（CSV/JSON）记录。学校丢失密钥（换了电脑、没有备份）时，会发来新的公钥：先电话核对密钥编号，再在此记录以替换旧密钥，旧密钥仍列在表中，标为“已被替换”。</translation>
    </message>
    <message>
        <source>Record keys from file…</source>
        <translation>记录密钥…</translation>
    </message>
    <message>
        <source>Export public key…</source>
        <translation>导出公钥…</translation>
    </message>
    <message>
        <source>Filter by school code or name</source>
        <translation>按学校代码或名称筛选</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>School code</source>
        <translation>学校代码</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Key id</source>
        <translation>密钥编号</translation>
    </message>
    <message>
        <source>Recorded from</source>
        <translation>记录方式</translation>
    </message>
    <message>
        <source>Recorded on</source>
        <translation>记录日期</translation>
    </message>
    <message>
        <source>No usable signing key</source>
        <translation>签名密钥不可用</translation>
    </message>
    <message>
        <source>This bureau's key: %1 (schools compare it by phone)</source>
        <translation>本局密钥：%1（学校电话核对）</translation>
    </message>
    <message>
        <source>Record keys from file</source>
        <translation>记录密钥</translation>
    </message>
    <message>
        <source>Public keys and key lists (*.pub *.csv *.json);;All files (*)</source>
        <translation>公钥文件和密钥清单 (*.pub *.csv *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Nothing was recorded: the keys on record stay as they are.</source>
        <translation>未记录任何密钥：已记录的密钥保持不变。</translation>
    </message>
    <message>
        <source>Nothing was recorded: %1</source>
        <translation>未记录任何密钥：%1</translation>
    </message>
    <message>
        <source>%1 names no school. Enter the code of the school it belongs to (or use a key list with a school code column):</source>
        <translation>%1 未写明学校。请输入该密钥所属学校的学校代码（或改用带“学校代码”列的密钥清单）：</translation>
    </message>
    <message>
        <source>Nothing was recorded: no school code was given.</source>
        <translation>未记录任何密钥：没有输入学校代码。</translation>
    </message>
    <message>
        <source>%1: on record %2, in the file %3</source>
        <translation>%1：已记录 %2，文件中为 %3</translation>
    </message>
    <message>
        <source>These schools already have another key on record:
%1

Replace them? After replacing, the school's earlier key stays on record as replaced, and new bundles signed with the old key are refused. Replace only after comparing the new key id with the school by phone.</source>
        <translation>以下学校已记录了另一把密钥：
%1

是否替换？替换后，该校此前的密钥留作记录（标为“已被替换”），用旧密钥签名的新数据包将被拒收。请先与学校电话核对新密钥编号后再替换。</translation>
    </message>
    <message>
        <source>Replace school keys</source>
        <translation>替换学校密钥</translation>
    </message>
    <message>
        <source>%1: key %2 was already on record</source>
        <translation>%1：密钥 %2 已记录，未改动</translation>
    </message>
    <message>
        <source>%1: key %2 replaces %3</source>
        <translation>%1：已用密钥 %2 替换 %3（旧密钥留作记录）</translation>
    </message>
    <message>
        <source>%1: key %2 recorded</source>
        <translation>%1：已记录密钥 %2</translation>
    </message>
    <message>
        <source>The public key was not exported</source>
        <translation>公钥未导出</translation>
    </message>
    <message>
        <source>Export public key</source>
        <translation>导出公钥</translation>
    </message>
    <message>
        <source>Public key (*.pub)</source>
        <translation>公钥文件 (*.pub)</translation>
    </message>
    <message>
        <source>Written to %1. Read the key id %2 to the schools by phone.</source>
        <translation>已写入 %1。请电话向学校读出密钥编号 %2。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Finalized</source>
        <translation>已定稿</translation>
    </message>
    <message>
        <source>Excellent</source>
        <translation>优秀</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>良好</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>符合度</translation>
    </message>
    <message>
        <source>Yes/no</source>
        <translation>是/否</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Percentage</source>
        <translation>百分比</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Single choice</source>
        <translation>单选</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>多选</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Wujin School Self-Assessment</source>
        <translation>武进学校自评</translation>
    </message>
    <message>
        <source>Opening the data folder…</source>
        <translation>正在打开数据文件夹……</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <source>District bureau</source>
        <translation>区教育局端</translation>
    </message>
    <message>
        <source>Cannot open as the district bureau</source>
        <translation>无法作为区教育局端打开</translation>
    </message>
    <message>
        <source>This data folder already holds a school's data; the bureau needs a folder of its own.</source>
        <translation>此数据文件夹已有学校的数据；区教育局端需要单独的数据文件夹。</translation>
    </message>
    <message>
        <source>All changes saved · %1</source>
        <translation>所有修改已保存 · %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Help contents</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Log file: %1</source>
        <translation>日志文件：%1</translation>
    </message>
    <message>
        <source>About wjself</source>
        <translation>关于武进学校自评</translation>
    </message>
</context>
<context>
    <name>NarrativeDialog</name>
    <message>
        <source>Self-check report</source>
        <translation>自查报告</translation>
    </message>
    <message>
        <source>Self-check report (自查报告)</source>
        <translation>自查报告</translation>
    </message>
    <message>
        <source>Finalized: the report is read-only. Reopen the self-assessment to change it.</source>
        <translation>已定稿：自查报告只读。如需修改，请先撤销定稿。</translation>
    </message>
    <message>
        <source>Write in your own words. It is saved as you type and printed in the PDF before the item tables. Each part up to %1 characters.</source>
        <translation>请用学校自己的话填写。输入时自动保存，打印在 PDF 报告逐项自查情况之前。每部分最多 %1 字。</translation>
    </message>
</context>
<context>
    <name>NewAssessmentDialog</name>
    <message>
        <source>New self-assessment</source>
        <translation>新建自评</translation>
    </message>
    <message>
        <source>Which checklists will %1 work through?</source>
        <translation>%1 要填写哪些检查表？</translation>
    </message>
    <message>
        <source>Starts with a four-digit year, e.g. 2024, 2024-2025学年, 2024春</source>
        <translation>以四位年份开头，如 2024、2024-2025学年、2024春</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>周期：</translation>
    </message>
    <message>
        <source>Tick all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Tick none</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Only checklists for this school's stages (%1) are listed. One self-assessment is created for each checklist you tick.</source>
        <translation>这里只列出适用于本校学段（%1）的检查表。每勾选一张检查表，就新建一份自评。</translation>
    </message>
    <message>
        <source>%1  (version %2, %3 items)</source>
        <translation>%1（版本 %2，共 %3 项）</translation>
    </message>
    <message>
        <source>— already started for %1</source>
        <translation>—— %1 已有自评</translation>
    </message>
</context>
<context>
    <name>NothingOpen</name>
    <message>
        <source>No self-assessment is open.
On the home page, double-click one to work through it.</source>
        <translation>还没有打开自评。
在首页双击一份自评，即可开始逐项填写。</translation>
    </message>
    <message>
        <source>Go to the home page</source>
        <translation>转到首页</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ProblemsView</name>
    <message>
        <source>Correct the file as listed below and import it again, or copy the list and send it to whoever wrote the file.</source>
        <translation>请按下表逐条修改文件后重新导入；也可以复制问题清单，发给模板的编写人员。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Sheet / place</source>
        <translation>工作表／位置</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>C&amp;opy the list</source>
        <translation>复制问题清单(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Back to the templates</source>
        <translation>返回模板列表(&amp;B)</translation>
    </message>
    <message>
        <source>%1 cannot be imported: %2 problems found. Nothing was installed.</source>
        <translation>%1 不能导入：发现 %2 个问题，未安装任何内容。</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>%1 文件</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ReadPage</name>
    <message>
        <source>Item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Written report</source>
        <translation>自查报告</translation>
    </message>
    <message>
        <source>Open a received assessment from Schools and scores (double-click a row).</source>
        <translation>请在“学校与得分”中打开一份已接收的自评（双击一行）。</translation>
    </message>
    <message>
        <source>Open PDF</source>
        <translation>打开 PDF</translation>
    </message>
    <message>
        <source>Back to the list</source>
        <translation>返回列表</translation>
    </message>
    <message>
        <source>Every bundle received for this school, checklist and period, newest first</source>
        <translation>该校此自查表本时段收到的全部数据包，最新的在前</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>检查内容</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>督学意见</translation>
    </message>
    <message>
        <source>The assessment cannot be read</source>
        <translation>无法读取该自评</translation>
    </message>
    <message>
        <source>Score %1</source>
        <translation>得分率 %1</translation>
    </message>
    <message>
        <source>Key id: %1</source>
        <translation>密钥标识：%1</translation>
    </message>
    <message>
        <source>Received %1</source>
        <translation>接收于 %1</translation>
    </message>
    <message>
        <source>A newer bundle replaced this one</source>
        <translation>已被更新的数据包替换</translation>
    </message>
    <message>
        <source>Fingerprint %1</source>
        <translation>指纹 %1</translation>
    </message>
    <message>
        <source>The school sent no written report with this checklist.</source>
        <translation>学校未随本自查表报送书面自查报告。</translation>
    </message>
    <message>
        <source>Received %1 (current)</source>
        <translation>%1 接收（当前）</translation>
    </message>
    <message>
        <source>Received %1 (replaced)</source>
        <translation>%1 接收（已替换）</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>正在生成 PDF……</translation>
    </message>
    <message>
        <source>The PDF was not written</source>
        <translation>PDF 未能生成</translation>
    </message>
</context>
<context>
    <name>ReceivePage</name>
    <message>
        <source>Receive bundles</source>
        <translation>接收数据包</translation>
    </message>
    <message>
        <source>Bundles (.wjsa) from the schools: choose them, choose a folder, or drop them onto this page. Each is checked (every file's hash, the fingerprint, the signature and the score) and kept read-only; a newer bundle of the same school, checklist and period replaces the older, which stays in the history.</source>
        <translation>各校报送的数据包（.wjsa）：选择文件、选择文件夹，或拖放到本页。每个数据包都会核验（各文件哈希、指纹、签名和得分）并只读保存；同一学校、自查表和时段的较新数据包会替换较旧的，旧的保留在历史中。</translation>
    </message>
    <message>
        <source>Choose bundles…</source>
        <translation>选择数据包…</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>This bureau's signing key: %1 (schools compare it when they import a review)</source>
        <translation>本局签名密钥标识：%1（学校导入审阅意见时电话核对）</translation>
    </message>
    <message>
        <source>Drop bundles or folders here</source>
        <translation>将数据包或文件夹拖放到这里</translation>
    </message>
    <message>
        <source>&amp;Receive bundles…</source>
        <translation>接收数据包(&amp;R)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Replaced an older one</source>
        <translation>已替换旧包</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已拒收</translation>
    </message>
    <message>
        <source>Received before</source>
        <translation>此前已接收</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>自查表</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Reason / what to know</source>
        <translation>原因 / 说明</translation>
    </message>
    <message>
        <source>Key id (compare by phone)</source>
        <translation>密钥标识（电话核对）</translation>
    </message>
    <message>
        <source>Choose bundles</source>
        <translation>选择数据包</translation>
    </message>
    <message>
        <source>Assessment bundles (*.wjsa)</source>
        <translation>自评数据包 (*.wjsa)</translation>
    </message>
    <message>
        <source>Choose a folder of bundles</source>
        <translation>选择存放数据包的文件夹</translation>
    </message>
    <message>
        <source>Looking for bundles…</source>
        <translation>正在查找数据包……</translation>
    </message>
    <message>
        <source>Stopping after the current bundle…</source>
        <translation>当前数据包处理完后停止……</translation>
    </message>
    <message>
        <source>%1 of %2: %3</source>
        <translation>第 %1 个，共 %2 个：%3</translation>
    </message>
    <message>
        <source>The bundles were not received</source>
        <translation>数据包未能接收</translation>
    </message>
    <message>
        <source>Accepted: %1</source>
        <translation>已接收：%1</translation>
    </message>
    <message>
        <source>Replaced an older one: %1</source>
        <translation>已替换旧包：%1</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>已拒收：%1</translation>
    </message>
    <message>
        <source>Received before: %1</source>
        <translation>此前已接收：%1</translation>
    </message>
    <message>
        <source>Stopped before the end: the rest was not looked at.</source>
        <translation>已中途停止：其余文件未处理。</translation>
    </message>
    <message>
        <source>No bundle (.wjsa) was found in what was chosen.</source>
        <translation>所选内容中没有找到数据包（.wjsa）。</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>The backup was not restored</source>
        <translation>备份未能恢复</translation>
    </message>
    <message>
        <source>Restored from the backup</source>
        <translation>已从备份恢复</translation>
    </message>
    <message>
        <source>The data folder was left as it was. This window will now close.</source>
        <translation>数据库文件保持原样。本窗口将关闭。</translation>
    </message>
    <message>
        <source>dated in the future: the computer's clock has changed</source>
        <translation>日期晚于现在：电脑时钟曾被调整过</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>%1 minutes ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <source>%1 hours ago</source>
        <translation>%1 小时前</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>%1 天前</translation>
    </message>
    <message>
        <source>the automatic backup of %1</source>
        <translation>%1 的自动备份</translation>
    </message>
    <message>
        <source>the backup taken before wjself was updated, %1</source>
        <translation>%1 程序升级前的备份</translation>
    </message>
    <message>
        <source>the backup taken before a checklist upgrade, %1</source>
        <translation>%1 检查表升级前的备份</translation>
    </message>
    <message>
        <source>the backup taken before a restore, %1</source>
        <translation>%1 恢复前的备份</translation>
    </message>
    <message>
        <source>the backup made by hand, %1</source>
        <translation>%1 的手动备份</translation>
    </message>
    <message>
        <source>the backup of %1</source>
        <translation>%1 的备份</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>数据库文件已损坏</translation>
    </message>
    <message>
        <source>What SQLite reported: %1
Log file: %2</source>
        <translation>SQLite 报告：%1
日志文件：%2</translation>
    </message>
    <message>
        <source>The database file of the data folder is damaged and cannot be opened:
%1

There is no backup in the data folder that is intact.

Please do not delete or overwrite this file. Copy the whole data folder
%2
somewhere safe, then contact technical support and give them the log file:
%3

Nothing in the data folder was changed. This window will now close.</source>
        <translation>数据文件夹中的数据库文件已损坏，无法打开：
%1

数据文件夹中没有找到完好的备份。

请不要删除或覆盖这个文件。请先把整个数据文件夹
%2
复制一份妥善保存，然后联系技术支持，并提供日志文件：
%3

数据文件夹中的任何内容都没有改动。本窗口将关闭。</translation>
    </message>
    <message>
        <source>The database file of the data folder is damaged and cannot be opened:
%1

The latest intact backup is %2:
%3

Restore this backup? The window then opens on its data; changes made after it was taken are not in it. The damaged file is not deleted: it is kept in the backups folder.

Cancel closes the program without changing anything.</source>
        <translation>数据文件夹中的数据库文件已损坏，无法打开：
%1

最近一份完好的备份是 %2：
%3

要恢复此备份吗？恢复后窗口将打开备份中的数据；备份之后所做的修改不在其中。损坏的文件不会删除，会另存在 backups 文件夹中。

选择“取消”将关闭程序，不作任何改动。</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>恢复此备份</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The data was restored from %1.</source>
        <translation>已用 %1恢复数据。</translation>
    </message>
    <message>
        <source>The damaged database file is kept as:
%1
Changes made after the backup are not in the restored data; if they matter, keep that file and contact technical support.</source>
        <translation>损坏的数据库文件已另存为：
%1
备份之后所做的修改不在恢复的数据中；如果这些修改很重要，请保留该文件并联系技术支持。</translation>
    </message>
    <message>
        <source>This window will now close.</source>
        <translation>本窗口将关闭。</translation>
    </message>
</context>
<context>
    <name>RectColumns</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（尚未填写）</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进展</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>所属自评</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>整改中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已整改</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已验收</translation>
    </message>
    <message>
        <source>verified %1 by %2</source>
        <translation>%1 由 %2 验收</translation>
    </message>
    <message>
        <source>done %1</source>
        <translation>%1 完成</translation>
    </message>
</context>
<context>
    <name>RectificationForm</name>
    <message>
        <source>What will be done, step by step</source>
        <translation>具体如何整改</translation>
    </message>
    <message>
        <source>e.g. 总务处 王建国</source>
        <translation>如：总务处 王建国</translation>
    </message>
    <message>
        <source>This item is no longer 不符合; the entry is kept because it was edited. It can be deleted on the rectifications page.</source>
        <translation>本项已不再是“不符合”；因整改记录已编辑过，仍予保留，可在“整改”页删除。</translation>
    </message>
    <message>
        <source>Problem:</source>
        <translation>存在问题：</translation>
    </message>
    <message>
        <source>Measure:</source>
        <translation>整改措施：</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>责任人：</translation>
    </message>
    <message>
        <source>Due date:</source>
        <translation>完成时限：</translation>
    </message>
</context>
<context>
    <name>RectificationsPage</name>
    <message>
        <source>Rectifications</source>
        <translation>整改跟踪</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Open (incl. overdue)</source>
        <translation>整改中（含逾期）</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Done, awaiting verification</source>
        <translation>已整改，待验收</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已验收</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Rectifications: store the entry being edited (also stored when leaving it)</source>
        <translation>整改跟踪：保存正在编辑的整改记录（离开该记录时也会自动保存）</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进展</translation>
    </message>
    <message>
        <source>%1 entries: %2 overdue, %3 open, %4 done, %5 verified</source>
        <translation>共 %1 条：逾期 %2，整改中 %3，已整改 %4，已验收 %5</translation>
    </message>
    <message>
        <source>No rectifications. An item answered 不符合 in an assessment gets an entry here automatically.</source>
        <translation>暂无整改记录。自评中答为“不符合”的检查项会自动列在这里。</translation>
    </message>
    <message>
        <source>No school is registered yet: register it under Settings.</source>
        <translation>尚未登记学校：请在“设置”中登记。</translation>
    </message>
    <message>
        <source>No entries with this status.</source>
        <translation>没有这种状态的整改记录。</translation>
    </message>
    <message>
        <source>Selected entry</source>
        <translation>所选整改记录</translation>
    </message>
    <message>
        <source>This item is no longer 不符合; the entry was kept because it had been worked on. Delete it if it is no longer needed.</source>
        <translation>该检查项已不再是“不符合”；这条记录已填写过内容，因此保留。如不再需要，可以删除。</translation>
    </message>
    <message>
        <source>Delete entry</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <source>What will be done, step by step</source>
        <translation>将采取哪些措施</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未定</translation>
    </message>
    <message>
        <source>Mark as done</source>
        <translation>标记为已整改</translation>
    </message>
    <message>
        <source>Completed on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Name of who checked it</source>
        <translation>验收人姓名</translation>
    </message>
    <message>
        <source>Back to open</source>
        <translation>退回整改中</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>验收人</translation>
    </message>
    <message>
        <source>on</source>
        <translation>验收日期</translation>
    </message>
    <message>
        <source>Undo verification</source>
        <translation>撤销验收</translation>
    </message>
    <message>
        <source>Select an entry above.</source>
        <translation>请在上方选择一条整改记录。</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Requirement: %1</source>
        <translation>检查内容：%1</translation>
    </message>
    <message>
        <source>Done on %1.</source>
        <translation>已于 %1 完成整改。</translation>
    </message>
    <message>
        <source>Done on %1, verified on %2 by %3.</source>
        <translation>已于 %1 完成整改，%2 由 %3 验收。</translation>
    </message>
    <message>
        <source>The rectification was not saved</source>
        <translation>整改记录未保存</translation>
    </message>
    <message>
        <source>Delete the rectification entry of item %1?</source>
        <translation>删除检查项 %1 的整改记录？</translation>
    </message>
    <message>
        <source>The entry was not deleted</source>
        <translation>整改记录未删除</translation>
    </message>
</context>
<context>
    <name>ReviewNote</name>
    <message>
        <source>Inspector's comment</source>
        <translation>督学意见</translation>
    </message>
    <message>
        <source>the district bureau</source>
        <translation>区教育局</translation>
    </message>
    <message>
        <source>%1, %2 · verdict: %3</source>
        <translation>%1，%2 · 审阅结论：%3</translation>
    </message>
    <message>
        <source>This comment is on an earlier version of the self-assessment.</source>
        <translation>此意见针对的是本自评较早的版本。</translation>
    </message>
    <message>
        <source>District review %1: %2</source>
        <translation>区教育局审阅（%1）：%2</translation>
    </message>
    <message>
        <source> (on an earlier version)</source>
        <translation>（针对较早的版本）</translation>
    </message>
    <message>
        <source>Import review</source>
        <translation>导入审阅意见</translation>
    </message>
    <message>
        <source>Review files (*.wjsr)</source>
        <translation>审阅文件 (*.wjsr)</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Your comment on this item, for the school</source>
        <translation>对本项的审阅意见（将反馈给学校）</translation>
    </message>
    <message>
        <source>Inspector's comment</source>
        <translation>督学意见</translation>
    </message>
    <message>
        <source>Passed (通过)</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Returned for changes (退回修改)</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <source>Why it goes back: what the school must change</source>
        <translation>退回原因：学校需要修改什么</translation>
    </message>
    <message>
        <source>Save verdict</source>
        <translation>保存结论</translation>
    </message>
    <message>
        <source>Export review…</source>
        <translation>导出审阅意见…</translation>
    </message>
    <message>
        <source>Verdict:</source>
        <translation>审核结论：</translation>
    </message>
    <message>
        <source>No verdict yet.</source>
        <translation>尚未给出结论。</translation>
    </message>
    <message>
        <source>Verdict saved: %1</source>
        <translation>结论已保存：%1</translation>
    </message>
    <message>
        <source>A newer bundle replaced this one: only the newest is answered.</source>
        <translation>已被更新的数据包替换：只审阅最新的一份。</translation>
    </message>
    <message>
        <source>Choose passed or returned first.</source>
        <translation>请先选择“通过”或“退回修改”。</translation>
    </message>
    <message>
        <source>Export review</source>
        <translation>导出审阅意见</translation>
    </message>
    <message>
        <source>Review files (*.wjsr)</source>
        <translation>审阅意见文件 (*.wjsr)</translation>
    </message>
    <message>
        <source>The review was not exported</source>
        <translation>审阅意见未能导出</translation>
    </message>
    <message>
        <source>Review written to %1</source>
        <translation>审阅意见已写入 %1</translation>
    </message>
    <message>
        <source>Review exported</source>
        <translation>审阅意见已导出</translation>
    </message>
    <message>
        <source>%1

Send this file to the school, which imports it into its wjself.</source>
        <translation>%1

请把此文件发给学校，由学校导入其武进学校自评程序。</translation>
    </message>
</context>
<context>
    <name>SchoolWizard</name>
    <message>
        <source>Edit school</source>
        <translation>修改学校信息</translation>
    </message>
    <message>
        <source>Register a school</source>
        <translation>登记学校</translation>
    </message>
    <message>
        <source>The school was not saved</source>
        <translation>学校信息未保存</translation>
    </message>
</context>
<context>
    <name>SectionModel</name>
    <message>
        <source>All items</source>
        <translation>全部检查项</translation>
    </message>
    <message>
        <source>%1
Answered %2 of %3</source>
        <translation>%1
已填 %2/%3</translation>
    </message>
    <message>
        <source>Score %1%</source>
        <translation>得分 %1%</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>学校名称</translation>
    </message>
    <message>
        <source>School code</source>
        <translation>学校标识码</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>学段</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>学校情况</translation>
    </message>
    <message>
        <source>&amp;Edit school…</source>
        <translation>修改学校信息(&amp;E)…</translation>
    </message>
    <message>
        <source>Add another school…</source>
        <translation>再添加一所学校…</translation>
    </message>
    <message>
        <source>The stages and facts decide which checklist items apply; drafts follow changes, finalized assessments keep the profile they were signed with.</source>
        <translation>学段和学校情况决定哪些检查项适用。修改后，草稿自评随之更新；已定稿的自评保留定稿时的学校信息。</translation>
    </message>
    <message>
        <source>&amp;Register the school…</source>
        <translation>登记学校(&amp;R)…</translation>
    </message>
    <message>
        <source>Changes are recorded as</source>
        <translation>修改记录署名</translation>
    </message>
    <message>
        <source>the computer's login name (%1)</source>
        <translation>默认用电脑登录名（%1）</translation>
    </message>
    <message>
        <source>Save name</source>
        <translation>保存署名</translation>
    </message>
    <message>
        <source>Every change (answers, rectifications, school) is recorded with this name in the history, e.g. 安全办 陈老师.</source>
        <translation>每一处修改（答案、整改、学校信息）都以这个署名记入修改记录，如“安全办 陈老师”。</translation>
    </message>
    <message>
        <source>Changes are now recorded as: %1</source>
        <translation>当前署名：%1</translation>
    </message>
    <message>
        <source>(set by the environment variable %1, which takes precedence)</source>
        <translation>（由环境变量 %1 指定，优先于此处的设置）</translation>
    </message>
    <message>
        <source>The name was not saved</source>
        <translation>署名未保存</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Checklists, reports and messages from the data stay in Chinese.</source>
        <translation>检查表、报告和数据中的提示始终为中文。</translation>
    </message>
    <message>
        <source>Data folder and log</source>
        <translation>数据文件夹与日志</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <source>&amp;Open the data folder</source>
        <translation>打开数据文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>Copy the log file's path</source>
        <translation>复制日志文件路径</translation>
    </message>
    <message>
        <source>Cannot open the folder</source>
        <translation>无法打开文件夹</translation>
    </message>
    <message>
        <source>Open this folder in the file manager yourself:
%1</source>
        <translation>请在资源管理器中手动打开这个文件夹：
%1</translation>
    </message>
    <message>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>立即备份(&amp;B)…</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>&amp;Restore the selected backup…</source>
        <translation>从所选备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>Restore from a &amp;file…</source>
        <translation>从文件恢复(&amp;F)…</translation>
    </message>
    <message>
        <source>Backups in the data folder (newest first)</source>
        <translation>数据文件夹中的备份（最新的在前）</translation>
    </message>
    <message>
        <source>wjself backs up the database and evidence files automatically the first time it opens each day and keeps a week of daily and a month of weekly copies. For safety keep a copy elsewhere too: "Back up now" writes one file holding the database and every evidence file; copy it to a USB stick.</source>
        <translation>程序每天第一次打开时自动备份数据库和佐证材料文件，保留最近 7 天的每日备份和最近 4 周的每周备份。为稳妥起见，请另存一份到其他位置：“立即备份”会写出一个包含数据库和全部佐证材料文件的文件，请把它复制到 U 盘。</translation>
    </message>
    <message>
        <source>wjself backup (*.wjbak)</source>
        <translation>wjself 备份 (*.wjbak)</translation>
    </message>
    <message>
        <source>wjself backup (*.wjbak *.db);;All files (*)</source>
        <translation>wjself 备份 (*.wjbak *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Replace ALL current data with the backup %1 (taken %2)?

Every change made after that time — answers, rectifications, schools, templates — will be replaced by the backup's content.

The current data is backed up first (pre-restore-…), so this can be undone by restoring that copy. The backup's evidence files come back with it; evidence files already here are kept.</source>
        <translation>用备份 %1（%2 备份）替换当前的全部数据？

该时间之后的所有修改——答案、整改、学校信息、模板——都将被备份中的内容替换。

恢复前会先自动备份当前数据（pre-restore-…），如需撤销，恢复那份备份即可。备份中的佐证材料文件会一并恢复；现有的佐证材料文件保留。</translation>
    </message>
    <message>
        <source>automatic (daily)</source>
        <translation>自动（每日）</translation>
    </message>
    <message>
        <source>before an upgrade of wjself</source>
        <translation>程序升级前</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Backing up …</source>
        <translation>正在备份 …</translation>
    </message>
    <message>
        <source>Backed up to %1 (%2).</source>
        <translation>已备份到 %1（%2）。</translation>
    </message>
    <message>
        <source>The backup was not made</source>
        <translation>备份未完成</translation>
    </message>
    <message>
        <source>Restore from a backup file</source>
        <translation>从备份文件恢复</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Nothing was restored</source>
        <translation>未恢复任何数据</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>The data of %1 has been restored.</source>
        <translation>已恢复到 %1 的数据。</translation>
    </message>
    <message>
        <source>The data as it was before is kept as %1.</source>
        <translation>恢复前的数据已保存为 %1。</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Wujin School Self-Assessment %1</source>
        <translation>武进学校自评 %1</translation>
    </message>
    <message>
        <source>Works offline: everything stays in the data folder on this computer. Checklists follow the Wujin education bureau's 2024 work plan.</source>
        <translation>离线使用：全部数据只保存在本机的数据文件夹中。检查表依据武进区教育局《2024年武进教育工作要点》编制。</translation>
    </message>
    <message>
        <source>Help (F1)</source>
        <translation>帮助 (F1)</translation>
    </message>
</context>
<context>
    <name>SigningBox</name>
    <message>
        <source>Signing key</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>Bundles exported from this computer are signed with this key. Give the bureau the public key and read the key id to them by phone, so they can tell your bundles from anyone else's. The key is kept in the data folder and in backups.</source>
        <translation>本机导出的数据包都用这把密钥签名。请把公钥交给区教育局，并电话告知密钥编号，以便区教育局确认数据包确实来自本校。密钥保存在数据文件夹中，并随备份一同保存。</translation>
    </message>
    <message>
        <source>E&amp;xport public key…</source>
        <translation>导出公钥(&amp;X)…</translation>
    </message>
    <message>
        <source>No usable signing key</source>
        <translation>签名密钥不可用</translation>
    </message>
    <message>
        <source>Key id: %1</source>
        <translation>密钥编号：%1</translation>
    </message>
    <message>
        <source>Made on %1</source>
        <translation>生成于 %1</translation>
    </message>
    <message>
        <source>The public key was not exported</source>
        <translation>公钥未导出</translation>
    </message>
    <message>
        <source>Export public key</source>
        <translation>导出公钥</translation>
    </message>
    <message>
        <source>Public key (*.pub)</source>
        <translation>公钥文件 (*.pub)</translation>
    </message>
    <message>
        <source>Written to %1. Read the key id %2 to the bureau by phone.</source>
        <translation>已写入 %1。请电话向区教育局告知密钥编号 %2。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>wjself cannot open</source>
        <translation>武进学校自评无法打开</translation>
    </message>
    <message>
        <source>Nothing in the data folder was changed. This window will now close.</source>
        <translation>数据文件夹中的任何内容都没有改动。本窗口将关闭。</translation>
    </message>
</context>
<context>
    <name>TemplateContents</name>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>检查内容</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>题型</translation>
    </message>
    <message>
        <source>Target / choices</source>
        <translation>目标 / 选项</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>适用范围</translation>
    </message>
    <message>
        <source>%1 (%2 items)</source>
        <translation>%1（%2 项）</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>weight %1</source>
        <translation>权重 %1</translation>
    </message>
    <message>
        <source>How to check</source>
        <translation>检查方法</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>填写说明</translation>
    </message>
    <message>
        <source>Shown when</source>
        <translation>显示条件</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <source>%1 version %2</source>
        <translation>%1 %2 版</translation>
    </message>
    <message>
        <source>%1 items in %2 groups</source>
        <translation>%2 个分组，共 %1 个检查项</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Changes from version %1</source>
        <translation>相对 %1 版的变化</translation>
    </message>
</context>
<context>
    <name>TemplatesPage</name>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>发布单位</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Based on</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>安装时间</translation>
    </message>
    <message>
        <source>&amp;Import template…</source>
        <translation>导入模板(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;View items…</source>
        <translation>查看内容(&amp;V)…</translation>
    </message>
    <message>
        <source>You can also drag .json or .xlsx template files from the bureau onto this page.</source>
        <translation>也可以把教育局下发的 .json 或 .xlsx 模板文件直接拖到本页导入。</translation>
    </message>
    <message>
        <source>Installed checklist templates</source>
        <translation>已安装的检查表模板</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>A newer version (%1) is installed.</source>
        <translation>已安装更新的版本（%1）。</translation>
    </message>
    <message>
        <source>Select a template in the list first.</source>
        <translation>请先在列表中选中一份模板。</translation>
    </message>
    <message>
        <source>Read the checklist's items (double-click a row)</source>
        <translation>阅读检查表的全部检查项（也可双击一行）</translation>
    </message>
    <message>
        <source>Import checklist templates</source>
        <translation>导入检查表模板</translation>
    </message>
    <message>
        <source>Template files (*.json *.xlsx)</source>
        <translation>模板文件 (*.json *.xlsx)</translation>
    </message>
    <message>
        <source>Reading %1 …</source>
        <translation>正在读取 %1 …</translation>
    </message>
    <message>
        <source>The template was not imported</source>
        <translation>模板未导入</translation>
    </message>
    <message>
        <source>%1: %2 version %3 is already installed with the same content.</source>
        <translation>%1：%2%3 版已经安装，内容相同，无需再次导入。</translation>
    </message>
    <message>
        <source>The template was not installed</source>
        <translation>模板未安装</translation>
    </message>
    <message>
        <source>Installed %1 version %2 (%3 items).</source>
        <translation>已安装%1%2 版（%3 个检查项）。</translation>
    </message>
    <message>
        <source>%1 drafts of an earlier version can be upgraded to it: open one to see the changes and upgrade.</source>
        <translation>有 %1 份旧版本的草稿可以升级到此版本：打开草稿即可查看变化并升级。</translation>
    </message>
    <message>
        <source>Another bureau key</source>
        <translation>区教育局的另一把密钥</translation>
    </message>
    <message>
        <source>This checklist is signed with the key %1, but the bureau key recorded here is %2. Call the bureau and compare the key id. Accept the new key and import the checklist only if the bureau confirms it changed its key.</source>
        <translation>这份检查表由密钥 %1 签名，而本机记录的区教育局密钥是 %2。请打电话向区教育局核对密钥编号；只有区教育局确认换了密钥，才接受新密钥并导入。</translation>
    </message>
    <message>
        <source>Not imported: signed with another key (%1).</source>
        <translation>未导入：由另一把密钥（%1）签名。</translation>
    </message>
    <message>
        <source>Export template</source>
        <translation>导出模板</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;JSON file (*.json)</source>
        <translation>Excel 工作簿 (*.xlsx);;JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Exported %1 version %2 to %3.</source>
        <translation>已将《%1》%2 版导出到 %3。</translation>
    </message>
    <message>
        <source>The template was not exported</source>
        <translation>模板未导出</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>UpgradeBanner</name>
    <message>
        <source>A new version of this checklist is installed: %1.</source>
        <translation>本检查表有新版本 %1。</translation>
    </message>
    <message>
        <source>See the changes and upgrade…</source>
        <translation>查看变化并升级…</translation>
    </message>
    <message>
        <source>Upgraded from version %1 to %2.</source>
        <translation>已从 %1 版升级到 %2 版。</translation>
    </message>
    <message>
        <source>Started from a finalized self-assessment of an earlier version.</source>
        <translation>本草稿由旧版本的定稿自评预填。</translation>
    </message>
    <message>
        <source>%1 revised items to check and confirm.</source>
        <translation>%1 项题目已修订，需重新确认。</translation>
    </message>
    <message>
        <source>%1 earlier answers set aside: answer again.</source>
        <translation>%1 项原答案已暂存，需重新作答。</translation>
    </message>
    <message>
        <source>Show them</source>
        <translation>只看需重新确认</translation>
    </message>
    <message>
        <source>Upgrade records…</source>
        <translation>查看升级记录</translation>
    </message>
</context>
<context>
    <name>UpgradeDialog</name>
    <message>
        <source>New draft from the newer version</source>
        <translation>以新版本新建草稿</translation>
    </message>
    <message>
        <source>Changes in the new version</source>
        <translation>查看变化并升级</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Answer before</source>
        <translation>原答案</translation>
    </message>
    <message>
        <source>Afterwards</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Period of the new draft:</source>
        <translation>新草稿的期间：</translation>
    </message>
    <message>
        <source>e.g. 2024, or 2025 to start next year's from it</source>
        <translation>如 2024；也可填 2025，以它为基础开始下一年的自评</translation>
    </message>
    <message>
        <source>Preview again</source>
        <translation>重新预览</translation>
    </message>
    <message>
        <source>Start the draft</source>
        <translation>新建草稿</translation>
    </message>
    <message>
        <source>Upgrade</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Copy as text</source>
        <translation>复制文字报告</translation>
    </message>
    <message>
        <source>Copy the full report, to paste into a message</source>
        <translation>复制完整的文字报告，可粘贴到消息或文档中</translation>
    </message>
    <message>
        <source>Working out what changes …</source>
        <translation>正在生成预览 …</translation>
    </message>
    <message>
        <source>《%1》 %2 → %3</source>
        <translation>《%1》%2 → %3</translation>
    </message>
    <message>
        <source>A finalized self-assessment is never changed. A new draft of version %1 starts with its answers, where they fit:</source>
        <translation>已定稿的自评不会被改动。将新建 %1 版草稿，并用定稿中仍然适用的答案预填：</translation>
    </message>
    <message>
        <source>What moving this draft to version %1 does to its %2 answers:</source>
        <translation>把本草稿升级到 %1 版，对已有的 %2 项答案的处理如下：</translation>
    </message>
    <message>
        <source>Score %1 → %2 (set-aside and new unanswered items do not count)</source>
        <translation>得分：%1 → %2（暂存和新增待填的题目不得分）</translation>
    </message>
    <message>
        <source>Rectifications and history stay with the finalized self-assessment; the new draft opens when it has been created.</source>
        <translation>整改记录和历史仍留在已定稿的自评中；新草稿建好后会直接打开。</translation>
    </message>
    <message>
        <source>A backup of the database is taken first. Nothing is deleted: set-aside answers and the answers, notes, evidence and rectifications of removed items stay in the history (查看升级记录).</source>
        <translation>升级前会先自动备份数据库。不会删除任何内容：暂存的答案，以及已删除题目的答案、备注、佐证材料和整改记录，都保留在历史中（“升级记录”可查看）。</translation>
    </message>
    <message>
        <source>Every answer carries over as it is.</source>
        <translation>所有答案原样沿用。</translation>
    </message>
    <message>
        <source>Revised items keep their answer, marked for you to check and confirm.</source>
        <translation>修订过的题目保留答案，并标记为需重新确认。</translation>
    </message>
    <message>
        <source>Answers that no longer fit are set aside: shown beside the item, not counted.</source>
        <translation>不再适合新题目的答案将暂存：显示在题目旁，不计分。</translation>
    </message>
    <message>
        <source>Answers of removed items go to the history.</source>
        <translation>已删除题目的答案移入历史。</translation>
    </message>
    <message>
        <source>Prefilled</source>
        <translation>预填</translation>
    </message>
    <message>
        <source>Prefilled, to re-confirm</source>
        <translation>预填后需重新确认</translation>
    </message>
    <message>
        <source>Not prefilled (no longer fits)</source>
        <translation>不预填（原答案不适合新题目）</translation>
    </message>
    <message>
        <source>Not prefilled (item removed)</source>
        <translation>不预填（题目已删除）</translation>
    </message>
    <message>
        <source>New, to fill in</source>
        <translation>新增待填</translation>
    </message>
    <message>
        <source>Carried over</source>
        <translation>沿用</translation>
    </message>
    <message>
        <source>To re-confirm</source>
        <translation>需重新确认</translation>
    </message>
    <message>
        <source>Set aside</source>
        <translation>暂存</translation>
    </message>
    <message>
        <source>Moved to history</source>
        <translation>移入历史</translation>
    </message>
    <message>
        <source>the item was revised: check the answer</source>
        <translation>题目已修订，请核对答案</translation>
    </message>
    <message>
        <source>shown beside the item for reference; answer again</source>
        <translation>原答案显示在题目旁供参考，请重新作答</translation>
    </message>
    <message>
        <source>not in the new version</source>
        <translation>新版本中没有此题</translation>
    </message>
    <message>
        <source>the answer stays; check the revised item and confirm</source>
        <translation>答案保留，请核对修订后的题目并确认</translation>
    </message>
    <message>
        <source>kept in the history and shown beside the item, not counted</source>
        <translation>保留在历史中并显示在题目旁，不计分</translation>
    </message>
    <message>
        <source>the item is not in the new version</source>
        <translation>新版本中已删除此题</translation>
    </message>
    <message>
        <source>%1 — %2 items</source>
        <translation>%1 %2 项</translation>
    </message>
    <message>
        <source>to fill in</source>
        <translation>待填</translation>
    </message>
    <message>
        <source>in “%1”</source>
        <translation>位于“%1”</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>（未作答）</translation>
    </message>
    <message>
        <source>set aside, not counted</source>
        <translation>暂存，不计分</translation>
    </message>
    <message>
        <source>to the history</source>
        <translation>移入历史</translation>
    </message>
    <message>
        <source>note “%1”</source>
        <translation>备注“%1”</translation>
    </message>
    <message>
        <source>%1 evidence files (%2)</source>
        <translation>佐证材料 %1 个（%2）</translation>
    </message>
    <message>
        <source>%1 rectifications, kept in the list</source>
        <translation>整改 %1 条，仍保留在整改清单中</translation>
    </message>
    <message>
        <source>The report is on the clipboard.</source>
        <translation>文字报告已复制到剪贴板。</translation>
    </message>
    <message>
        <source>Starting the new draft …</source>
        <translation>正在新建草稿 …</translation>
    </message>
    <message>
        <source>Upgrading …</source>
        <translation>正在升级 …</translation>
    </message>
    <message>
        <source>Nothing was changed. Preview again to see what would happen now.</source>
        <translation>未作任何改动。请重新预览，查看现在升级会怎样处理。</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>未作任何改动。</translation>
    </message>
</context>
<context>
    <name>UpgradeFlow</name>
    <message>
        <source>Upgraded to version %1: %2 carried over, %3 to re-confirm, %4 set aside, %5 moved to the history, %6 new to fill in.
The database as it was before is backed up in %7</source>
        <translation>已升级到 %1 版：沿用 %2 项，需重新确认 %3 项，暂存 %4 项，移入历史 %5 项，新增待填 %6 项。
升级前的数据库备份：%7</translation>
    </message>
    <message>
        <source>New draft of version %1 started: %2 answers prefilled (%3 of them to re-confirm). The finalized self-assessment is unchanged.</source>
        <translation>已新建 %1 版草稿：预填 %2 项答案（其中 %3 项需重新确认）。原定稿自评未改动。</translation>
    </message>
    <message>
        <source>Changed since version %1: %2</source>
        <translation>与 %1 版相比：%2</translation>
    </message>
</context>
<context>
    <name>WalkthroughHeader</name>
    <message>
        <source>Answered %v of %m</source>
        <translation>已填 %v / %m</translation>
    </message>
    <message>
        <source>Next unanswered</source>
        <translation>下一未填项</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Self-check report…</source>
        <translation>自查报告…</translation>
    </message>
    <message>
        <source>The written part of the report: situation, practice, problems, measures</source>
        <translation>报告的文字部分：基本情况、主要做法与成效、存在问题、整改措施与下一步打算</translation>
    </message>
    <message>
        <source>Finish…</source>
        <translation>完成自评…</translation>
    </message>
    <message>
        <source>Import review…</source>
        <translation>导入审阅意见…</translation>
    </message>
    <message>
        <source>Import the district bureau's comments and verdict (a .wjsr file)</source>
        <translation>导入区教育局的审阅意见和结论（.wjsr 文件）</translation>
    </message>
    <message>
        <source>%1 · period %2 · checklist version %3</source>
        <translation>%1 · %2 · 检查表版本 %3</translation>
    </message>
    <message>
        <source> · self-check period %1</source>
        <translation> · 自查时段 %1</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Score —</source>
        <translation>得分 —</translation>
    </message>
    <message>
        <source>Score %1 · %2</source>
        <translation>得分 %1 · %2</translation>
    </message>
</context>
<context>
    <name>WalkthroughKeys</name>
    <message>
        <source>Item list: 符合 / 基本符合 / 不符合 / 不适用</source>
        <translation>检查项列表：符合 / 基本符合 / 不符合 / 不适用</translation>
    </message>
    <message>
        <source>Item list: 是 / 否 for a yes/no item</source>
        <translation>检查项列表：是非题选“是 / 否”</translation>
    </message>
    <message>
        <source>Item list: choose that option of a single-choice item</source>
        <translation>检查项列表：单选题选第几个选项</translation>
    </message>
    <message>
        <source>Item list: previous / next item</source>
        <translation>检查项列表：上一项 / 下一项</translation>
    </message>
    <message>
        <source>Item list: go to the answer of the item</source>
        <translation>检查项列表：转到本项的答案</translation>
    </message>
    <message>
        <source>Detail pane: back to the item list</source>
        <translation>详情区：回到检查项列表</translation>
    </message>
    <message>
        <source>Next unanswered item</source>
        <translation>下一个未填项</translation>
    </message>
    <message>
        <source>Previous unanswered item</source>
        <translation>上一个未填项</translation>
    </message>
    <message>
        <source>Search the items</source>
        <translation>搜索检查项</translation>
    </message>
    <message>
        <source>Write the note of the current item</source>
        <translation>填写当前检查项的备注</translation>
    </message>
    <message>
        <source>Next section</source>
        <translation>下一部分</translation>
    </message>
    <message>
        <source>Previous section</source>
        <translation>上一部分</translation>
    </message>
    <message>
        <source>Export the open self-assessment</source>
        <translation>导出当前自评</translation>
    </message>
    <message>
        <source>Evidence list: paste a picture or copied files</source>
        <translation>佐证列表：粘贴图片或复制的文件</translation>
    </message>
</context>
<context>
    <name>WalkthroughPage</name>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Fill in</source>
        <translation>逐项填写</translation>
    </message>
    <message>
        <source>Every item that needs an answer has one.</source>
        <translation>所有需要填写的检查项都已作答。</translation>
    </message>
    <message>
        <source>Finalized. Export the PDF report for the inspectors now?</source>
        <translation>已定稿。现在导出 PDF 报告交责任督学吗？</translation>
    </message>
    <message>
        <source>Reopen the self-assessment</source>
        <translation>重新打开自评</translation>
    </message>
    <message>
        <source>Why must it change? The reason and the old fingerprint are kept in the history.</source>
        <translation>为什么需要修改？原因和原来的指纹将记入修改记录。</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>A school: fill in the district's checklists</source>
        <translation>学校端：填写区教育局下发的自查表</translation>
    </message>
    <message>
        <source>The district bureau (区教育局端): receive, compare and answer the schools' checklists</source>
        <translation>区教育局端：接收、比较并审阅各校的自查表</translation>
    </message>
    <message>
        <source>Welcome to Wujin School Self-Assessment</source>
        <translation>欢迎使用武进学校自评</translation>
    </message>
    <message>
        <source>First, register your school. It takes about two minutes; you can change everything later under Settings → School.</source>
        <translation>开始之前，请先登记本校的基本信息，约需两分钟。以后可在“设置 → 学校”中随时修改。</translation>
    </message>
    <message>
        <source>%1 (%2 items)</source>
        <translation>%1（%2 项）</translation>
    </message>
    <message>
        <source>The district's checklists are already installed (%1), ready to start an assessment:</source>
        <translation>区教育局的检查表已经装好（共 %1 份），可直接用来开始自评：</translation>
    </message>
    <message>
        <source>New versions from the bureau are imported on the Templates page.</source>
        <translation>教育局下发的新版检查表，可在“模板”页导入。</translation>
    </message>
    <message>
        <source>Who uses this computer?</source>
        <translation>这台电脑由谁使用？</translation>
    </message>
    <message>
        <source>The bureau's folder holds no school: choosing the bureau asks nothing more, and this data folder opens as the bureau's from now on.</source>
        <translation>区教育局端的数据文件夹不登记学校：选择区教育局端后无需再填写，此数据文件夹今后即以区教育局端打开。</translation>
    </message>
</context>
</TS>