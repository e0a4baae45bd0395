<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
    <context>
        <name>ArticleBin</name>
        <message>
            <location filename="../../widgets/article_bin.py" line="24" />
            <source>草稿</source>
            <translation>Draft</translation>
        </message>
        <message>
            <location filename="../../widgets/article_bin.py" line="25" />
            <source>已编</source>
            <translation>Edited</translation>
        </message>
        <message>
            <location filename="../../widgets/article_bin.py" line="26" />
            <source>已排</source>
            <translation>Placed</translation>
        </message>
        <message>
            <location filename="../../widgets/article_bin.py" line="27" />
            <source>已审</source>
            <translation>Approved</translation>
        </message>
        <message>
            <location filename="../../widgets/article_bin.py" line="113" />
            <source>搜索标题…</source>
            <translation>Search headlines…</translation>
        </message>
        <message>
            <location filename="../../widgets/article_bin.py" line="119" />
            <source>标题</source>
            <translation>Headline</translation>
        </message>
        <message>
            <location filename="../../widgets/article_bin.py" line="119" />
            <source>字数</source>
            <translation>Chars</translation>
        </message>
        <message>
            <location filename="../../widgets/article_bin.py" line="119" />
            <source>状态</source>
            <translation>Status</translation>
        </message>
    </context>
    <context>
        <name>CheckoutView</name>
        <message>
            <location filename="../../widgets/checkout_view.py" line="40" />
            <source>协作(&amp;C)</source>
            <translation>&amp;Collaborate</translation>
        </message>
        <message>
            <location filename="../../widgets/checkout_view.py" line="42" />
            <source>签出本版</source>
            <translation>Check Out This Page</translation>
        </message>
        <message>
            <location filename="../../widgets/checkout_view.py" line="43" />
            <source>签入本版</source>
            <translation>Check In This Page</translation>
        </message>
        <message>
            <location filename="../../widgets/checkout_view.py" line="45" />
            <source>签出所选稿件</source>
            <translation>Check Out the Selected Story</translation>
        </message>
        <message>
            <location filename="../../widgets/checkout_view.py" line="46" />
            <source>签入所选稿件</source>
            <translation>Check In the Selected Story</translation>
        </message>
        <message>
            <location filename="../../widgets/checkout_view.py" line="48" />
            <source>我的姓名…</source>
            <translation>My Name…</translation>
        </message>
        <message>
            <location filename="../../widgets/checkout_view.py" line="79" />
            <source>本版由我签出</source>
            <translation>Checked out by me</translation>
        </message>
        <message>
            <location filename="../../widgets/checkout_view.py" line="132" />
            <source>我的姓名</source>
            <translation>My name</translation>
        </message>
        <message>
            <location filename="../../widgets/checkout_view.py" line="133" />
            <source>在本工作台工作的人（记入修改记录、版本、校对标记和签字）：</source>
            <translation>Who works at this desk (recorded in the change log, revisions, proof marks and signatures):</translation>
        </message>
        <message>
            <location filename="../../widgets/checkout_view.py" line="153" />
            <source>本工作台：{name}</source>
            <translation>This desk: {name}</translation>
        </message>
    </context>
    <context>
        <name>Commands</name>
        <message>
            <location filename="../../widgets/editor_window.py" line="59" />
            <source>添加版框</source>
            <translation>Add Frame</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="60" />
            <source>放置稿件</source>
            <translation>Place Story</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="61" />
            <source>续排稿件</source>
            <translation>Continue Story</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="62" />
            <source>添加图片</source>
            <translation>Add Picture</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="63" />
            <source>添加二维码</source>
            <translation>Add QR Code</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="64" />
            <source>调整版框</source>
            <translation>Adjust Frame</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="65" />
            <source>移动版框</source>
            <translation>Move Frame</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="66" />
            <source>调整版框大小</source>
            <translation>Resize Frame</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="67" />
            <source>删除版框</source>
            <translation>Delete Frame</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="68" />
            <source>适配高度</source>
            <translation>Fit Frame to Text</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="69" />
            <source>编辑文字</source>
            <translation>Edit Text</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="70" />
            <source>恢复版本</source>
            <translation>Restore revision</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="71" />
            <source>导入稿件</source>
            <translation>Import articles</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="72" />
            <source>改为全角标点</source>
            <translation>Full-width punctuation</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="73" />
            <source>开始校次</source>
            <translation>Open Proof Round</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="74" />
            <source>处理校对标记</source>
            <translation>Resolve Proof Mark</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="75" />
            <source>自动组版</source>
            <translation>Automatic make-up</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="76" />
            <source>编辑</source>
            <translation>Edit</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="77" />
            <source>期次属性</source>
            <translation>Issue properties</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="78" />
            <source>签字</source>
            <translation>Sign</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="79" />
            <source>结束校次</source>
            <translation>Close Proof Round</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="25" />
            <source>对齐版框</source>
            <translation>Align frames</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="26" />
            <source>分布版框</source>
            <translation>Distribute frames</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="27" />
            <source>剪切版框</source>
            <translation>Cut frames</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="28" />
            <source>粘贴版框</source>
            <translation>Paste frames</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="29" />
            <source>设置绕排</source>
            <translation>Set text wrap</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="30" />
            <source>编辑图片说明</source>
            <translation>Edit picture caption</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="31" />
            <source>裁切图片</source>
            <translation>Crop picture</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="32" />
            <source>替换图片</source>
            <translation>Replace picture</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="33" />
            <source>编辑版框</source>
            <translation>Edit frame</translation>
        </message>
        <message>
            <location filename="../../widgets/type_panel.py" line="42" />
            <source>设置版式</source>
            <translation>Set Type</translation>
        </message>
        <message>
            <location filename="../../widgets/type_panel.py" line="43" />
            <source>设置分栏</source>
            <translation>Set Columns</translation>
        </message>
        <message>
            <location filename="../../widgets/type_panel.py" line="44" />
            <source>修改版式表</source>
            <translation>Change House Style</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <location filename="../../widgets/conflict_dialog.py" line="60" />
            <source>稿件冲突</source>
            <translation>Story conflict</translation>
        </message>
        <message>
            <location filename="../../widgets/conflict_dialog.py" line="61" />
            <source>另一位编辑</source>
            <translation>another editor</translation>
        </message>
        <message>
            <location filename="../../widgets/conflict_dialog.py" line="65" />
            <source>《{title}》已被{who}修改，与你的修改在同一段落或标题上。请选择保留哪一个：</source>
            <translation>“{title}” was changed by {who} in the same paragraph or title as your edit. Choose what to keep:</translation>
        </message>
        <message>
            <location filename="../../widgets/conflict_dialog.py" line="74" />
            <source>{who}的</source>
            <translation>{who}’s</translation>
        </message>
        <message>
            <location filename="../../widgets/conflict_dialog.py" line="75" />
            <source>我的</source>
            <translation>Mine</translation>
        </message>
        <message>
            <location filename="../../widgets/conflict_dialog.py" line="82" />
            <source>用我的</source>
            <translation>Keep Mine</translation>
        </message>
        <message>
            <location filename="../../widgets/conflict_dialog.py" line="83" />
            <source>用对方的</source>
            <translation>Keep Theirs</translation>
        </message>
        <message>
            <location filename="../../widgets/conflict_dialog.py" line="84" />
            <source>保存下面合并的文字</source>
            <translation>Save the Combined Text Below</translation>
        </message>
        <message>
            <location filename="../../widgets/conflict_dialog.py" line="88" />
            <source>两者都保留（冲突处对方的在前，可直接修改）：</source>
            <translation>Both kept (theirs first where they clash; edit as you like):</translation>
        </message>
    </context>
    <context>
        <name>DamageBar</name>
        <message>
            <location filename="../../widgets/save_bar.py" line="163" />
            <source>查看</source>
            <translation>Show</translation>
        </message>
        <message>
            <location filename="../../widgets/save_bar.py" line="165" />
            <source>知道了</source>
            <translation>Dismiss</translation>
        </message>
        <message>
            <location filename="../../widgets/save_bar.py" line="169" />
            <source>本期有{n}处记录损坏，已修复或略去，见印前检查：{first}</source>
            <translation>{n} damaged rows in this issue, repaired or left out (see Preflight): {first}</translation>
        </message>
    </context>
    <context>
        <name>EditorMenus</name>
        <message>
            <location filename="../../widgets/editor_menus.py" line="78" />
            <source>编辑(&amp;E)</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="80" />
            <source>撤销</source>
            <translation>Undo</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="81" />
            <source>重做</source>
            <translation>Redo</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="83" />
            <source>删除版框</source>
            <translation>Delete Frame</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="86" />
            <source>适配高度</source>
            <translation>Fit Frame to Text</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="88" />
            <source>置入图片…</source>
            <translation>Place Picture…</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="89" />
            <source>添加二维码</source>
            <translation>Add QR Code</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="91" />
            <source>在本版续排所选稿件</source>
            <translation>Continue Selected Story on This Page</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="97" />
            <source>版本(&amp;R)</source>
            <translation>&amp;Revisions</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="99" />
            <source>保存命名版本…</source>
            <translation>Save Named Revision…</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="100" />
            <source>恢复版本…</source>
            <translation>Restore Revision…</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="108" />
            <source>打开库…</source>
            <translation>Open Library…</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="110" />
            <source>最近打开的库</source>
            <translation>Recent Libraries</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="112" />
            <source>印前检查</source>
            <translation>Preflight</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="115" />
            <source>导入稿件…</source>
            <translation>Import Articles…</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="128" />
            <source>界面语言</source>
            <translation>Language</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="183" />
            <source>置入图片</source>
            <translation>Place picture</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="184" />
            <source>图片 (*.jpg *.jpeg *.png *.tif *.tiff)</source>
            <translation>Pictures (*.jpg *.jpeg *.png *.tif *.tiff)</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="194" />
            <source>图片文件无法读取：{name}</source>
            <translation>The picture file cannot be read: {name}</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="210" />
            <source>请先选中要续排的稿件版框</source>
            <translation>Select a frame of the story to continue first</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="215" />
            <source>本版已无空位，请先腾出位置</source>
            <translation>No free space left on this page: make room first</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="224" />
            <source>请先选中稿件版框</source>
            <translation>Select a story frame first</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="234" />
            <source>版本 {time}</source>
            <translation>Revision {time}</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="237" />
            <source>保存命名版本</source>
            <translation>Save named revision</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="238" />
            <source>版本名称：</source>
            <translation>Revision name:</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="246" />
            <source>已保存版本：{name}（所有修改均已自动存盘）</source>
            <translation>Revision saved: {name} (every edit is already saved)</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="256" />
            <source>还没有命名版本</source>
            <translation>No named revisions yet</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="261" />
            <source>恢复版本</source>
            <translation>Restore revision</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="262" />
            <source>恢复到：</source>
            <translation>Restore to:</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="272" />
            <source>已恢复版本（可撤销）</source>
            <translation>Revision restored (undo brings back the state before)</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="282" />
            <source>（无）</source>
            <translation>(none)</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="291" />
            <source>打开库</source>
            <translation>Open library</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="292" />
            <source>版面库 (*.banmian);;所有文件 (*)</source>
            <translation>Banmian libraries (*.banmian);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="300" />
            <source>此窗口不能打开其他库</source>
            <translation>This window cannot open another library</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_menus.py" line="314" />
            <source>界面语言将在下次启动时生效</source>
            <translation>The language applies from the next start</translation>
        </message>
    </context>
    <context>
        <name>EditorWindow</name>
        <message>
            <location filename="../../widgets/editor_window.py" line="151" />
            <source>稿库</source>
            <translation>Story Bin</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="154" />
            <source>属性</source>
            <translation>Inspector</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="159" />
            <source>印前检查</source>
            <translation>Preflight</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="163" />
            <source>校对标记</source>
            <translation>Proof marks</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="279" />
            <source>超{n}字</source>
            <translation>{n} over</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="281" />
            <source>提示{n}条</source>
            <translation>{n} notes</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="283" />
            <source>正常</source>
            <translation>OK</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="285" />
            <source>{who}签出</source>
            <translation>checked out by {who}</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="345" />
            <source>撤销 {what}</source>
            <translation>Undo {what}</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="346" />
            <source>重做 {what}</source>
            <translation>Redo {what}</translation>
        </message>
        <message>
            <location filename="../../widgets/editor_window.py" line="392" />
            <source>未能完成</source>
            <translation>Could not be done</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="80" />
            <source>版面 — {title}</source>
            <translation>Banmian — {title}</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="90" />
            <source>版面</source>
            <translation>Pages</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="113" />
            <source>文件(&amp;F)</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="114" />
            <source>导出PDF…</source>
            <translation>Export PDF…</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="120" />
            <source>退出</source>
            <translation>Quit</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="126" />
            <source>视图(&amp;V)</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="127" />
            <source>放大</source>
            <translation>Zoom In</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="131" />
            <source>缩小</source>
            <translation>Zoom Out</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="134" />
            <source>适合页面</source>
            <translation>Fit Page</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="137" />
            <source>适合宽度</source>
            <translation>Fit Width</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="140" />
            <source>实际大小</source>
            <translation>Actual Size</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="143" />
            <source>显示文字框</source>
            <translation>Show Frames</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="181" />
            <source>{label}：排版失败（{error}）</source>
            <translation>{label}: composition failed ({error})</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="188" />
            <source>{label} · {w:.0f}×{h:.0f} 毫米</source>
            <translation>{label} · {w:.0f}×{h:.0f} mm</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="193" />
            <source> · 超排 {n} 字</source>
            <translation> · {n} characters overset</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="195" />
            <source> · 提示 {n} 条</source>
            <translation> · {n} notes</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="202" />
            <location filename="../../widgets/main_window.py" line="233" />
            <source>导出PDF</source>
            <translation>Export PDF</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="202" />
            <source>PDF 文件 (*.pdf)</source>
            <translation>PDF files (*.pdf)</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="216" />
            <source>缩放 {pct}%</source>
            <translation>Zoom {pct}%</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="233" />
            <source>导出失败：{error}</source>
            <translation>Export failed: {error}</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="237" />
            <source>已导出：{path}</source>
            <translation>Exported: {path}</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <location filename="../../widgets/export_dialog.py" line="22" />
            <source>正在导出PDF…</source>
            <translation>Exporting PDF…</translation>
        </message>
        <message>
            <location filename="../../widgets/export_dialog.py" line="23" />
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../widgets/export_dialog.py" line="28" />
            <source>导出PDF</source>
            <translation>Export PDF</translation>
        </message>
        <message>
            <location filename="../../widgets/export_dialog.py" line="37" />
            <source>正在准备字体…</source>
            <translation>Preparing fonts…</translation>
        </message>
        <message>
            <location filename="../../widgets/export_dialog.py" line="40" />
            <source>正在绘制第{n}版，共{total}版…</source>
            <translation>Drawing page {n} of {total}…</translation>
        </message>
        <message>
            <location filename="../../widgets/export_dialog.py" line="45" />
            <source>正在生成 PDF/X-1a 文件…</source>
            <translation>Writing the PDF/X-1a file…</translation>
        </message>
    </context>
    <context>
        <name>FileDialogs</name>
        <message>
            <location filename="../../widgets/file_dialogs.py" line="91" />
            <source>付印</source>
            <translation>print</translation>
        </message>
        <message>
            <location filename="../../widgets/file_dialogs.py" line="104" />
            <source>付印导出</source>
            <translation>Export for print</translation>
        </message>
        <message>
            <location filename="../../widgets/file_dialogs.py" line="106" />
            <source>导出PDF</source>
            <translation>Export PDF</translation>
        </message>
        <message>
            <location filename="../../widgets/file_dialogs.py" line="108" />
            <source>PDF 文件 (*.pdf)</source>
            <translation>PDF files (*.pdf)</translation>
        </message>
    </context>
    <context>
        <name>FrameMenu</name>
        <message>
            <location filename="../../widgets/frame_menu.py" line="36" />
            <source>左对齐</source>
            <translation>Align left</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="37" />
            <source>右对齐</source>
            <translation>Align right</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="38" />
            <source>顶对齐</source>
            <translation>Align top</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="39" />
            <source>底对齐</source>
            <translation>Align bottom</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="40" />
            <source>水平居中</source>
            <translation>Centre horizontally</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="41" />
            <source>垂直居中</source>
            <translation>Centre vertically</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="44" />
            <source>水平分布</source>
            <translation>Distribute horizontally</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="45" />
            <source>垂直分布</source>
            <translation>Distribute vertically</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="111" />
            <source>剪切版框</source>
            <translation>Cut Frames</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="114" />
            <source>复制版框</source>
            <translation>Copy Frames</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="117" />
            <source>粘贴版框</source>
            <translation>Paste Frames</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="120" />
            <source>全选本版版框</source>
            <translation>Select All Frames on Page</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="130" />
            <source>裁切图片</source>
            <translation>Crop Picture</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="133" />
            <source>拖动图片在框内移动，滚轮缩放；不开此项时按住Alt拖动或滚动</source>
            <translation>Drag a picture to move it in its frame, scroll to scale it; without this, hold Alt while dragging or scrolling</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="137" />
            <location filename="../../widgets/frame_menu.py" line="143" />
            <source>排列</source>
            <translation>Arrange</translation>
        </message>
        <message>
            <location filename="../../widgets/frame_menu.py" line="163" />
            <source>已复制{n}个版框</source>
            <translation>Copied {n} frame(s)</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <location filename="../../widgets/import_dialog.py" line="36" />
            <source>稿件和图片 ({patterns});;所有文件 (*)</source>
            <translation>Articles and pictures ({patterns});;All files (*)</translation>
        </message>
        <message>
            <location filename="../../widgets/import_dialog.py" line="63" />
            <source>未导入，库中没有任何改动：</source>
            <translation>Not imported; the library is unchanged:</translation>
        </message>
        <message>
            <location filename="../../widgets/import_dialog.py" line="65" />
            <source>导入结果（可在“编辑”菜单中撤销）：</source>
            <translation>Import result (undo it from the Edit menu):</translation>
        </message>
        <message>
            <location filename="../../widgets/import_dialog.py" line="74" />
            <source>改为全角标点（{n}处）</source>
            <translation>Make punctuation full-width ({n})</translation>
        </message>
        <message>
            <location filename="../../widgets/import_dialog.py" line="94" />
            <source>无法导入</source>
            <translation>Cannot import</translation>
        </message>
        <message>
            <location filename="../../widgets/import_dialog.py" line="111" />
            <source>稿件已改动，未改标点</source>
            <translation>The article was edited since; punctuation left as is</translation>
        </message>
        <message>
            <location filename="../../widgets/import_dialog.py" line="117" />
            <source>已将{n}篇稿件的半角标点改为全角（可撤销）</source>
            <translation>Full-width punctuation applied to {n} articles (undoable)</translation>
        </message>
        <message>
            <location filename="../../widgets/import_dialog.py" line="135" />
            <source>导入失败：{error}</source>
            <translation>Import failed: {error}</translation>
        </message>
        <message>
            <location filename="../../widgets/import_dialog.py" line="144" />
            <location filename="../../widgets/import_dialog.py" line="160" />
            <source>导入稿件</source>
            <translation>Import articles</translation>
        </message>
    </context>
    <context>
        <name>Inspector</name>
        <message>
            <location filename="../../widgets/inspector.py" line="35" />
            <source>稿件</source>
            <translation>Story</translation>
        </message>
        <message>
            <location filename="../../widgets/inspector.py" line="36" />
            <source>导读</source>
            <translation>Teaser</translation>
        </message>
        <message>
            <location filename="../../widgets/inspector.py" line="37" />
            <source>图片</source>
            <translation>Picture</translation>
        </message>
        <message>
            <location filename="../../widgets/inspector.py" line="38" />
            <source>二维码</source>
            <translation>QR code</translation>
        </message>
        <message>
            <location filename="../../widgets/inspector.py" line="39" />
            <source>报头</source>
            <translation>Masthead</translation>
        </message>
        <message>
            <location filename="../../widgets/inspector.py" line="40" />
            <source>框</source>
            <translation>Box</translation>
        </message>
        <message>
            <location filename="../../widgets/inspector.py" line="41" />
            <source>通栏</source>
            <translation>Banner</translation>
        </message>
        <message>
            <location filename="../../widgets/inspector.py" line="42" />
            <source>栏题</source>
            <translation>Column head</translation>
        </message>
        <message>
            <location filename="../../widgets/inspector.py" line="43" />
            <source>文字</source>
            <translation>Text</translation>
        </message>
        <message>
            <location filename="../../widgets/inspector.py" line="65" />
            <location filename="../../widgets/inspector.py" line="139" />
            <source>未选中版框</source>
            <translation>No frame selected</translation>
        </message>
        <message>
            <location filename="../../widgets/inspector.py" line="76" />
            <source>引题</source>
            <translation>Kicker</translation>
        </message>
        <message>
            <location filename="../../widgets/inspector.py" line="77" />
            <source>主题</source>
            <translation>Headline</translation>
        </message>
        <message>
            <location filename="../../widgets/inspector.py" line="78" />
            <source>副题</source>
            <translation>Subheadline</translation>
        </message>
        <message>
            <location filename="../../widgets/inspector.py" line="89" />
            <source>正文（每行一段）</source>
            <translation>Body (one paragraph per line)</translation>
        </message>
        <message>
            <location filename="../../widgets/inspector.py" line="151" />
            <source>{kind}框 · 第{page}版</source>
            <translation>{kind} frame · page {page}</translation>
        </message>
        <message>
            <location filename="../../widgets/inspector.py" line="158" />
            <source>左 {x:.1f} 上 {y:.1f} 宽 {w:.1f} 高 {h:.1f} 毫米
{span} 栏 · {lines} 行 · 分 {cols} 栏</source>
            <translation>left {x:.1f} top {y:.1f} width {w:.1f} height {h:.1f} mm
{span} columns wide · {lines} lines · {cols} text columns</translation>
        </message>
        <message>
            <location filename="../../widgets/inspector.py" line="178" />
            <source>超{n}字</source>
            <translation>{n} over</translation>
        </message>
        <message>
            <location filename="../../widgets/inspector.py" line="181" />
            <source>缺{n}字</source>
            <translation>{n} short</translation>
        </message>
        <message>
            <location filename="../../widgets/inspector.py" line="224" />
            <source>稿件 · {n}字 · {status}</source>
            <translation>Story · {n} characters · {status}</translation>
        </message>
    </context>
    <context>
        <name>IssueDialogs</name>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="67" />
            <location filename="../../widgets/issue_dialogs.py" line="191" />
            <source>本期属性</source>
            <translation>Issue properties</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="70" />
            <source>yyyy年M月d日</source>
            <translation>yyyy-MM-dd</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="74" />
            <source>{n}版</source>
            <translation>{n} pages</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="78" />
            <source>版</source>
            <translation>Page</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="79" />
            <source>版名</source>
            <translation>Section</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="80" />
            <source>彩色</source>
            <translation>Colour</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="96" />
            <source>出版日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="98" />
            <source>版数</source>
            <translation>Pages</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="127" />
            <source>第{n}版</source>
            <translation>Page {n}</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="155" />
            <source>请填写版名：第{pages}版</source>
            <translation>Give a section name to page {pages}</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="184" />
            <source>{kind}{n}个</source>
            <translation>{n} × {kind}</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="187" />
            <source>减为{count}版将撤下第{first}至{last}版，连同版上的{held}（可以撤销）。

继续？</source>
            <translation>Going down to {count} pages takes pages {first} to {last} off, with what is on them: {held} (this can be undone).

Go on?</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="231" />
            <source>新建{numbers}？

出版日期：{date}，{lunar}
{pages}版，沿用第{total}期的版名、署名和报头、二维码等固定内容。</source>
            <translation>Make {numbers}?

Date: {date}, lunar date {lunar}
{pages} pages, with the sections, credits, masthead, QR codes and other standing items of issue {total}.</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="242" />
            <source>新建下一期</source>
            <translation>Next issue</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="252" />
            <source>已新建第{n}期</source>
            <translation>Issue {n} made</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="263" />
            <source>上版稿件{n}篇：{titles}{more}</source>
            <translation>{n} stories on its pages: {titles}{more}</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="268" />
            <source>稿库稿件{n}篇</source>
            <translation>{n} stories in its bin</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="269" />
            <source>签字{n}处（校次、审稿、签发）</source>
            <translation>{n} signatures (proof rounds, reviews, sign-offs)</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="270" />
            <source>校次{n}个</source>
            <translation>{n} proof rounds</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="271" />
            <source>校对标记{n}处</source>
            <translation>{n} proof marks</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="272" />
            <source>命名版本{n}个</source>
            <translation>{n} named revisions</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="282" />
            <source>删除期次</source>
            <translation>Delete issue</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="284" />
            <source>正在编辑的一期不能删除：请先打开另一期</source>
            <translation>The issue open here cannot be deleted: open another issue first</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="292" />
            <source>删除{numbers}（{date}）？删除后不能撤销。</source>
            <translation>Delete {numbers} ({date})? This cannot be undone.</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="297" />
            <source>将一并删除：
{what}</source>
            <translation>Deleted with it:
{what}</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="301" />
            <source>这一期已有工作，将一并删除：
{what}

确实要删除{numbers}吗？</source>
            <translation>This issue holds work, which goes with it:
{what}

Really delete {numbers}?</translation>
        </message>
        <message>
            <location filename="../../widgets/issue_dialogs.py" line="311" />
            <source>已删除第{n}期</source>
            <translation>Issue {n} deleted</translation>
        </message>
    </context>
    <context>
        <name>IssuesPanel</name>
        <message>
            <location filename="../../widgets/issues_panel.py" line="44" />
            <source>期次(&amp;I)</source>
            <translation>&amp;Issues</translation>
        </message>
        <message>
            <location filename="../../widgets/issues_panel.py" line="46" />
            <source>期次列表…</source>
            <translation>Issue list…</translation>
        </message>
        <message>
            <location filename="../../widgets/issues_panel.py" line="49" />
            <location filename="../../widgets/issues_panel.py" line="92" />
            <source>新建下一期…</source>
            <translation>Next issue…</translation>
        </message>
        <message>
            <location filename="../../widgets/issues_panel.py" line="52" />
            <location filename="../../widgets/issues_panel.py" line="94" />
            <source>本期属性…</source>
            <translation>Issue properties…</translation>
        </message>
        <message>
            <location filename="../../widgets/issues_panel.py" line="64" />
            <source>总期号</source>
            <translation>Issue</translation>
        </message>
        <message>
            <location filename="../../widgets/issues_panel.py" line="65" />
            <source>期号</source>
            <translation>No. in year</translation>
        </message>
        <message>
            <location filename="../../widgets/issues_panel.py" line="66" />
            <source>出版日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <location filename="../../widgets/issues_panel.py" line="67" />
            <source>星期</source>
            <translation>Day</translation>
        </message>
        <message>
            <location filename="../../widgets/issues_panel.py" line="68" />
            <source>农历</source>
            <translation>Lunar date</translation>
        </message>
        <message>
            <location filename="../../widgets/issues_panel.py" line="69" />
            <source>版数</source>
            <translation>Pages</translation>
        </message>
        <message>
            <location filename="../../widgets/issues_panel.py" line="70" />
            <source>上版稿件</source>
            <translation>Stories placed</translation>
        </message>
        <message>
            <location filename="../../widgets/issues_panel.py" line="71" />
            <source>已签发</source>
            <translation>Signed off</translation>
        </message>
        <message>
            <location filename="../../widgets/issues_panel.py" line="78" />
            <source>期次</source>
            <translation>Issues</translation>
        </message>
        <message>
            <location filename="../../widgets/issues_panel.py" line="89" />
            <source>打开</source>
            <translation>Open</translation>
        </message>
        <message>
            <location filename="../../widgets/issues_panel.py" line="96" />
            <source>删除…</source>
            <translation>Delete…</translation>
        </message>
        <message>
            <location filename="../../widgets/issues_panel.py" line="98" />
            <source>关闭</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../widgets/issues_panel.py" line="125" />
            <source>正在编辑这一期</source>
            <translation>Open in this window</translation>
        </message>
        <message>
            <location filename="../../widgets/issues_panel.py" line="152" />
            <source>{signed}/{pages}版</source>
            <translation>{signed}/{pages} pages</translation>
        </message>
        <message>
            <location filename="../../widgets/issues_panel.py" line="176" />
            <source>此窗口不能打开其他期次</source>
            <translation>This window cannot open another issue</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <location filename="../../widgets/labels.py" line="15" />
            <source>稿件</source>
            <translation>Story</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="16" />
            <source>导读</source>
            <translation>Teaser</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="17" />
            <source>图片</source>
            <translation>Picture</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="18" />
            <source>二维码</source>
            <translation>QR code</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="19" />
            <source>报头</source>
            <translation>Masthead</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="20" />
            <source>框</source>
            <translation>Box</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="21" />
            <source>通栏</source>
            <translation>Banner</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="22" />
            <source>栏题</source>
            <translation>Column head</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="23" />
            <source>文字</source>
            <translation>Text</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="26" />
            <source>星期一</source>
            <translation>Mon</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="27" />
            <source>星期二</source>
            <translation>Tue</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="28" />
            <source>星期三</source>
            <translation>Wed</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="29" />
            <source>星期四</source>
            <translation>Thu</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="30" />
            <source>星期五</source>
            <translation>Fri</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="31" />
            <source>星期六</source>
            <translation>Sat</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="32" />
            <source>星期日</source>
            <translation>Sun</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="36" />
            <source>待校</source>
            <translation>Not proofread</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="37" />
            <source>一校</source>
            <translation>1st proof</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="38" />
            <source>二校</source>
            <translation>2nd proof</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="39" />
            <source>三校</source>
            <translation>3rd proof</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="40" />
            <source>初审</source>
            <translation>1st review</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="41" />
            <source>复审</source>
            <translation>2nd review</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="42" />
            <source>终审</source>
            <translation>Final review</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="43" />
            <source>签发</source>
            <translation>Signed off</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="44" />
            <source>改后付印</source>
            <translation>Print after fixes</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="48" />
            <source>改正</source>
            <translation>Correct</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="49" />
            <source>删除</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="50" />
            <source>增补</source>
            <translation>Insert</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="51" />
            <source>改正上下角</source>
            <translation>Fix sub/superscript</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="52" />
            <source>转正</source>
            <translation>Turn upright</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="53" />
            <source>对调</source>
            <translation>Swap</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="54" />
            <source>接排</source>
            <translation>Run on</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="55" />
            <source>另起行</source>
            <translation>New line</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="56" />
            <source>移位</source>
            <translation>Move</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="57" />
            <source>上下移</source>
            <translation>Move up/down</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="58" />
            <source>左右移</source>
            <translation>Move left/right</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="59" />
            <source>排齐</source>
            <translation>Align</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="60" />
            <source>排阶梯形</source>
            <translation>Stagger</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="61" />
            <source>正图</source>
            <translation>Straighten picture</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="62" />
            <source>加大空距</source>
            <translation>More space</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="63" />
            <source>减小空距</source>
            <translation>Less space</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="64" />
            <source>空字距</source>
            <translation>Space out</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="65" />
            <source>分开</source>
            <translation>Separate</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="66" />
            <source>保留</source>
            <translation>Stet</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="67" />
            <source>代替</source>
            <translation>Substitute</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="68" />
            <source>说明</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="71" />
            <source>待改</source>
            <translation>Open</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="72" />
            <source>已改</source>
            <translation>Fixed</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="73" />
            <source>不改</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="106" />
            <source>{y}年{m}月{d}日</source>
            <translation>{iso}</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="114" />
            <source>{ganzhi}年{month}月{day}</source>
            <translation>lunar {m}/{d}{leap}</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="125" />
            <source>第{n}版</source>
            <translation>Page {n}</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="135" />
            <source>第{yearly}期（总第{total}期）</source>
            <translation>No. {yearly} ({total})</translation>
        </message>
        <message>
            <location filename="../../widgets/labels.py" line="142" />
            <source>{paper} {date} {weekday} {numbers}</source>
            <translation>{paper} {weekday} {date} {numbers}</translation>
        </message>
    </context>
    <context>
        <name>LiveDesk</name>
        <message>
            <location filename="../../widgets/library_watcher.py" line="144" />
            <source>本工作台曾失去联系，签出已失效，请重新签出</source>
            <translation>This desk lost touch with the library: its check-outs ended, check out again</translation>
        </message>
        <message>
            <location filename="../../widgets/library_watcher.py" line="150" />
            <source>{who}新建了期次</source>
            <translation>{who} created an issue</translation>
        </message>
        <message>
            <location filename="../../widgets/library_watcher.py" line="152" />
            <source>{who}修改了本期</source>
            <translation>{who} changed this issue</translation>
        </message>
        <message>
            <location filename="../../widgets/library_watcher.py" line="154" />
            <source>{who}签出或签入了版面</source>
            <translation>{who} checked pages out or in</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../widgets/main_window.py" line="80" />
            <source>版面 — {title}</source>
            <translation>Banmian — {title}</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="90" />
            <source>版面</source>
            <translation>Pages</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="113" />
            <source>文件(&amp;F)</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="114" />
            <source>导出PDF…</source>
            <translation>Export PDF…</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="120" />
            <source>退出</source>
            <translation>Quit</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="126" />
            <source>视图(&amp;V)</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="127" />
            <source>放大</source>
            <translation>Zoom In</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="131" />
            <source>缩小</source>
            <translation>Zoom Out</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="134" />
            <source>适合页面</source>
            <translation>Fit Page</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="137" />
            <source>适合宽度</source>
            <translation>Fit Width</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="140" />
            <source>实际大小</source>
            <translation>Actual Size</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="143" />
            <source>显示文字框</source>
            <translation>Show Frames</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="181" />
            <source>{label}：排版失败（{error}）</source>
            <translation>{label}: composition failed ({error})</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="188" />
            <source>{label} · {w:.0f}×{h:.0f} 毫米</source>
            <translation>{label} · {w:.0f}×{h:.0f} mm</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="193" />
            <source> · 超排 {n} 字</source>
            <translation> · {n} characters overset</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="195" />
            <source> · 提示 {n} 条</source>
            <translation> · {n} notes</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="202" />
            <location filename="../../widgets/main_window.py" line="233" />
            <source>导出PDF</source>
            <translation>Export PDF</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="202" />
            <source>PDF 文件 (*.pdf)</source>
            <translation>PDF files (*.pdf)</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="216" />
            <source>缩放 {pct}%</source>
            <translation>Zoom {pct}%</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="233" />
            <source>导出失败：{error}</source>
            <translation>Export failed: {error}</translation>
        </message>
        <message>
            <location filename="../../widgets/main_window.py" line="237" />
            <source>已导出：{path}</source>
            <translation>Exported: {path}</translation>
        </message>
    </context>
    <context>
        <name>MakeupDialog</name>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="64" />
            <source>空白</source>
            <translation>white space</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="65" />
            <source>题下空</source>
            <translation>white under heads</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="66" />
            <source>图片</source>
            <translation>pictures</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="67" />
            <source>留稿</source>
            <translation>stories held</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="68" />
            <source>版别不符</source>
            <translation>off section</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="69" />
            <source>非指定版</source>
            <translation>off wanted page</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="70" />
            <source>主次</source>
            <translation>rank order</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="71" />
            <source>碰题</source>
            <translation>bumped heads</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="72" />
            <source>栏高</source>
            <translation>leg depth</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="73" />
            <source>转版</source>
            <translation>jumps</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="74" />
            <source>版式单调</source>
            <translation>monotony</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="75" />
            <source>头条不突出</source>
            <translation>weak lead</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="78" />
            <source>无留白</source>
            <translation>no white</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="79" />
            <source>留白少</source>
            <translation>little white</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="80" />
            <source>留白较多</source>
            <translation>much white</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="95" />
            <source>头条通栏</source>
            <translation>full-width lead</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="97" />
            <source>头条{n}栏</source>
            <translation>lead on {n} columns</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="100" />
            <source>{n}篇</source>
            <translation>{n} stories</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="102" />
            <source>{n}图</source>
            <translation>{n} pictures</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="105" />
            <source>有碰题</source>
            <translation>bumped heads</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="107" />
            <source>{n}篇留稿库</source>
            <translation>{n} held in the bin</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="108" />
            <source>，</source>
            <translation>, </translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="113" />
            <location filename="../../widgets/makeup_dialog.py" line="333" />
            <source>扣分 {score:.0f}</source>
            <translation>penalty {score:.0f}</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="120" />
            <source>方案{n}</source>
            <translation>Proposal {rank}</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="180" />
            <source>组版失败：{error}</source>
            <translation>Make-up failed: {error}</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="199" />
            <source>自动组版 — {page}</source>
            <translation>Automatic make-up — {page}</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="203" />
            <source>保留已排稿件</source>
            <translation>Keep stories already placed</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="206" />
            <source>勾选：本版已排的稿件原地不动，方案只排其余空位。
不勾选：本版的稿件撤回稿库，与稿库稿件一起重新组版（跨版转接的稿件仍保留）。</source>
            <translation>On: stories already on this page stay where they are; the proposals fill the rest.
Off: this page's stories go back to the bin and are made up again with it (stories jumping across pages stay).</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="239" />
            <source>采用</source>
            <translation>Use</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="243" />
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="297" />
            <source>正在计算三个方案…</source>
            <translation>Working out three proposals…</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="319" />
            <source>正在显示方案…</source>
            <translation>Showing the proposals…</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="351" />
            <source>共{n}个方案，扣分越少越好。双击或按“采用”排上版面，可撤销。</source>
            <translation>{n} proposals; the lower the penalty the better. Double-click or press Use to put one on the page (undoable).</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="373" />
            <source>{name}：{summary}。{terms}</source>
            <translation>{name}: {summary}. {terms}</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="377" />
            <source>留在稿库：{titles}</source>
            <translation>Held in the bin: {titles}</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="378" />
            <source>、</source>
            <translation>, </translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_dialog.py" line="394" />
            <source>第{n}版已自动组版：{what}（可撤销）</source>
            <translation>Page {n} made up: {what} (undoable)</translation>
        </message>
    </context>
    <context>
        <name>MakeupMenu</name>
        <message>
            <location filename="../../widgets/makeup_menu.py" line="23" />
            <source>还有修改在等待存盘，存盘后才能自动组版</source>
            <translation>Edits are still waiting to be saved: make-up is possible once they are</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_menu.py" line="38" />
            <source>自动组版…</source>
            <translation>Automatic make-up…</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_menu.py" line="41" />
            <source>自动组版：为当前版面计算三个方案，选一个排上（可撤销）</source>
            <translation>Automatic make-up: three proposals for the page shown; put one on it (undoable)</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_menu.py" line="44" />
            <source>版面(&amp;L)</source>
            <translation>&amp;Layout</translation>
        </message>
        <message>
            <location filename="../../widgets/makeup_menu.py" line="47" />
            <source>版面</source>
            <translation>Layout</translation>
        </message>
    </context>
    <context>
        <name>MarksPanel</name>
        <message>
            <location filename="../../widgets/marks_panel.py" line="51" />
            <source>版</source>
            <translation>Page</translation>
        </message>
        <message>
            <location filename="../../widgets/marks_panel.py" line="51" />
            <source>校次</source>
            <translation>Round</translation>
        </message>
        <message>
            <location filename="../../widgets/marks_panel.py" line="51" />
            <source>符号</source>
            <translation>Mark</translation>
        </message>
        <message>
            <location filename="../../widgets/marks_panel.py" line="51" />
            <source>建议文字</source>
            <translation>Proposed text</translation>
        </message>
        <message>
            <location filename="../../widgets/marks_panel.py" line="51" />
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../widgets/marks_panel.py" line="56" />
            <source>已改</source>
            <translation>Fixed</translation>
        </message>
        <message>
            <location filename="../../widgets/marks_panel.py" line="57" />
            <source>标为已改</source>
            <translation>Mark as fixed</translation>
        </message>
        <message>
            <location filename="../../widgets/marks_panel.py" line="60" />
            <source>不改，保留原文</source>
            <translation>Reject: keep the text</translation>
        </message>
        <message>
            <location filename="../../widgets/marks_panel.py" line="59" />
            <source>不改</source>
            <translation>Keep</translation>
        </message>
        <message>
            <location filename="../../widgets/marks_panel.py" line="79" />
            <source>{n}处待改</source>
            <translation>{n} open</translation>
        </message>
    </context>
    <context>
        <name>PageItem</name>
        <message>
            <location filename="../../widgets/canvas.py" line="156" />
            <source>超{n}字</source>
            <translation>{n} over</translation>
        </message>
        <message>
            <location filename="../../widgets/canvas.py" line="159" />
            <source>缺{n}字</source>
            <translation>{n} short</translation>
        </message>
    </context>
    <context>
        <name>PictureInspector</name>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="56" />
            <source>绕排</source>
            <translation>Text wrap</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="58" />
            <source>不绕排</source>
            <translation>No wrap</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="58" />
            <source>沿框绕排</source>
            <translation>Around the frame</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="60" />
            <source>各边分设</source>
            <translation>Each side apart</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="63" />
            <source>上</source>
            <translation>Top</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="64" />
            <source>右</source>
            <translation>Right</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="65" />
            <source>下</source>
            <translation>Bottom</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="66" />
            <source>左</source>
            <translation>Left</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="75" />
            <source>方式</source>
            <translation>Wrap</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="76" />
            <source>距离（毫米）</source>
            <translation>Offset (mm)</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="80" />
            <source>图片</source>
            <translation>Picture</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="82" />
            <location filename="../../widgets/picture_inspector.py" line="96" />
            <source>图片说明</source>
            <translation>Caption</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="84" />
            <source>如：本报记者 张三 摄</source>
            <translation>e.g. Photo: Zhang San, staff photographer</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="89" />
            <source>复位裁切</source>
            <translation>Reset crop</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="97" />
            <source>摄影/图</source>
            <translation>Credit</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="98" />
            <source>缩放</source>
            <translation>Scale</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="99" />
            <source>有效分辨率</source>
            <translation>Effective resolution</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="180" />
            <source>无法读取图片</source>
            <translation>The picture cannot be read</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="184" />
            <source>{ppi} ppi（{w}×{h} 像素）</source>
            <translation>{ppi} ppi ({w} × {h} pixels)</translation>
        </message>
        <message>
            <location filename="../../widgets/picture_inspector.py" line="187" />
            <source>低于{need} ppi，印出来会发虚</source>
            <translation>Under {need} ppi: it will print soft</translation>
        </message>
    </context>
    <context>
        <name>PreflightPanel</name>
        <message>
            <location filename="../../widgets/preflight_panel.py" line="38" />
            <source>运行印前检查</source>
            <translation>Run Preflight</translation>
        </message>
        <message>
            <location filename="../../widgets/preflight_panel.py" line="40" />
            <source>尚未检查</source>
            <translation>Not checked yet</translation>
        </message>
        <message>
            <location filename="../../widgets/preflight_panel.py" line="58" />
            <source>{e}个错误，{w}个警告</source>
            <translation>{e} errors, {w} warnings</translation>
        </message>
        <message>
            <location filename="../../widgets/preflight_panel.py" line="61" />
            <source>第{n}版</source>
            <translation>Page {n}</translation>
        </message>
        <message>
            <location filename="../../widgets/preflight_panel.py" line="61" />
            <source>全期</source>
            <translation>Whole issue</translation>
        </message>
    </context>
    <context>
        <name>PrintGate</name>
        <message>
            <location filename="../../widgets/print_gate.py" line="21" />
            <source>全期</source>
            <translation>Whole issue</translation>
        </message>
        <message>
            <location filename="../../widgets/print_gate.py" line="38" />
            <source>付印导出</source>
            <translation>Export for print</translation>
        </message>
        <message>
            <location filename="../../widgets/print_gate.py" line="40" />
            <source>……另有{n}个错误</source>
            <translation>… and {n} more errors</translation>
        </message>
        <message>
            <location filename="../../widgets/print_gate.py" line="45" />
            <source>印前检查有{n}个错误，付印文件不能带着错误交印厂：</source>
            <translation>Preflight found {n} errors; a print file must not go to the printer with errors:</translation>
        </message>
        <message>
            <location filename="../../widgets/print_gate.py" line="52" />
            <source>在印前检查中查看</source>
            <translation>Show in Preflight</translation>
        </message>
        <message>
            <location filename="../../widgets/print_gate.py" line="55" />
            <source>仍然导出</source>
            <translation>Export anyway</translation>
        </message>
        <message>
            <location filename="../../widgets/print_gate.py" line="78" />
            <source>带着{n}个印前检查错误导出（已确认）</source>
            <translation>Exported with {n} preflight errors (confirmed)</translation>
        </message>
    </context>
    <context>
        <name>ProofMenu</name>
        <message>
            <location filename="../../widgets/proof_menu.py" line="43" />
            <source>校对(&amp;P)</source>
            <translation>&amp;Proof</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_menu.py" line="45" />
            <source>开始校次…</source>
            <translation>Start a proof round…</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_menu.py" line="46" />
            <source>打开校样…</source>
            <translation>Open proof…</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_menu.py" line="49" />
            <source>付印导出…</source>
            <translation>Export for print…</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_menu.py" line="50" />
            <source>签发后才能付印</source>
            <translation>Print only after sign-off</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_menu.py" line="77" />
            <location filename="../../widgets/proof_menu.py" line="84" />
            <source>开始校次</source>
            <translation>Start a proof round</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_menu.py" line="77" />
            <location filename="../../widgets/proof_menu.py" line="107" />
            <source>校次</source>
            <translation>Round</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_menu.py" line="85" />
            <source>校对人</source>
            <translation>Proofreader</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_menu.py" line="101" />
            <source>还没有校次：请先从“校对 → 开始校次…”开始</source>
            <translation>No proof round yet: start one with Proof → Start a proof round…</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_menu.py" line="106" />
            <source>打开校样</source>
            <translation>Open proof</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_menu.py" line="134" />
            <source>付印导出</source>
            <translation>Export for print</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_menu.py" line="143" />
            <source>签发后才能付印，不能导出：
{pages}</source>
            <translation>Print only after sign-off; not exported:
{pages}</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_menu.py" line="148" />
            <source>以下版面尚未签发：
{pages}

仍要导出？</source>
            <translation>These pages are not signed off:
{pages}

Export anyway?</translation>
        </message>
    </context>
    <context>
        <name>ProofView</name>
        <message>
            <location filename="../../widgets/proof_view.py" line="104" />
            <source>校样</source>
            <translation>Proof</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="108" />
            <source>上一版</source>
            <translation>Previous page</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="111" />
            <source>下一版</source>
            <translation>Next page</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="117" />
            <source>放大</source>
            <translation>Zoom in</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="120" />
            <source>缩小</source>
            <translation>Zoom out</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="122" />
            <source>整版</source>
            <translation>Whole page</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="124" />
            <source>双版</source>
            <translation>Two pages</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="126" />
            <source>改动</source>
            <translation>Changes</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="129" />
            <source>上一校次以来改动的行</source>
            <translation>Lines changed since the previous round</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="130" />
            <source>标记</source>
            <translation>Mark</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="135" />
            <source>校对符号（GB/T 14706）</source>
            <translation>Proof mark (GB/T 14706)</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="137" />
            <location filename="../../widgets/proof_view.py" line="161" />
            <source>建议文字</source>
            <translation>Proposed text</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="158" />
            <source>版</source>
            <translation>Page</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="159" />
            <source>校次</source>
            <translation>Round</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="160" />
            <source>符号</source>
            <translation>Mark</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="162" />
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="163" />
            <source>校对</source>
            <translation>Proofreader</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="170" />
            <source>校对标记</source>
            <translation>Proof marks</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="181" />
            <source>校样 — {paper} {round} {person}{state}</source>
            <translation>Proof — {paper} {round} {person}{state}</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="185" />
            <source>（已结束）</source>
            <translation> (closed)</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="229" />
            <source> · 改动{n}行</source>
            <translation> · {n} lines changed</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="377" />
            <source>，第{start}–{end}字</source>
            <translation>, characters {start}–{end}</translation>
        </message>
        <message>
            <location filename="../../widgets/proof_view.py" line="379" />
            <source>已加标记：{kind} {proposed}{where}</source>
            <translation>Mark added: {kind} {proposed}{where}</translation>
        </message>
    </context>
    <context>
        <name>SaveBar</name>
        <message>
            <location filename="../../widgets/save_bar.py" line="73" />
            <location filename="../../widgets/save_bar.py" line="147" />
            <source>重试</source>
            <translation>Retry</translation>
        </message>
        <message>
            <location filename="../../widgets/save_bar.py" line="75" />
            <source>知道了</source>
            <translation>Dismiss</translation>
        </message>
        <message>
            <location filename="../../widgets/save_bar.py" line="91" />
            <source>{n}处修改尚未存入版面库，正在自动重试——{error}</source>
            <translation>{n} changes not saved to the library yet, retrying — {error}</translation>
        </message>
        <message>
            <location filename="../../widgets/save_bar.py" line="103" />
            <source>已保存；{n}处修改无法保存，已放弃：{why}</source>
            <translation>Saved; {n} changes could not be saved and were dropped: {why}</translation>
        </message>
        <message>
            <location filename="../../widgets/save_bar.py" line="110" />
            <source>修改已保存</source>
            <translation>Changes saved</translation>
        </message>
        <message>
            <location filename="../../widgets/save_bar.py" line="141" />
            <source>修改未保存</source>
            <translation>Changes not saved</translation>
        </message>
        <message>
            <location filename="../../widgets/save_bar.py" line="143" />
            <source>{n}处修改还没有存入版面库：{error}</source>
            <translation>{n} changes are not in the library yet: {error}</translation>
        </message>
        <message>
            <location filename="../../widgets/save_bar.py" line="148" />
            <source>不保存，关闭</source>
            <translation>Close without saving</translation>
        </message>
        <message>
            <location filename="../../widgets/save_bar.py" line="149" />
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>SignoffPanel</name>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="57" />
            <source>未签字</source>
            <translation>Not signed</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="98" />
            <source>步骤</source>
            <translation>Step</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="99" />
            <location filename="../../widgets/signoff_panel.py" line="125" />
            <source>签字人</source>
            <translation>Signed by</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="100" />
            <source>时间</source>
            <translation>Time</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="101" />
            <source>备注</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="105" />
            <source>签字人姓名</source>
            <translation>Your name, to sign with</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="106" />
            <source>改后付印</source>
            <translation>Print after fixes</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="108" />
            <source>尚有未改的校对标记时签发：印前须按标记改完</source>
            <translation>Sign off with proof marks still open: they must be fixed before printing</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="116" />
            <source>一校、二校、三校在校次结束时由校对签；初审、复审、终审依次签，一人只签一审；三校、终审之后方可签发。</source>
            <translation>The 1st, 2nd and 3rd proofs are signed by the proofreader when the round is closed; the reviews are signed in order, one review per person; sign-off comes after the 3rd proof and the final review.</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="150" />
            <source>未选中版面</source>
            <translation>No page shown</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="156" />
            <source>{page}：现为{state}</source>
            <translation>{page}: at {state}</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="160" />
            <source>，{round}进行中（{person}）</source>
            <translation>, {round} under way ({person})</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="164" />
            <source>，{n}处未改</source>
            <translation>, {n} marks open</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="176" />
            <source>校对中</source>
            <translation>In proof</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="179" />
            <source>待签</source>
            <translation>Due</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="200" />
            <source>已签发</source>
            <translation>Signed off</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="200" />
            <location filename="../../widgets/signoff_panel.py" line="273" />
            <source>签字</source>
            <translation>Sign-off</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="203" />
            <source>签发本版</source>
            <translation>Sign off this page</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="206" />
            <source>签{step}</source>
            <translation>Sign {step}</translation>
        </message>
        <message>
            <location filename="../../widgets/signoff_panel.py" line="214" />
            <source>结束{round}（{person}，全期{n}版）</source>
            <translation>Close {round} ({person}, all {n} pages)</translation>
        </message>
    </context>
    <context>
        <name>Startup</name>
        <message>
            <location filename="../../widgets/startup.py" line="87" />
            <source>版面</source>
            <translation>Banmian</translation>
        </message>
    </context>
    <context>
        <name>StyleDialog</name>
        <message>
            <location filename="../../widgets/style_dialog.py" line="48" />
            <source>各版</source>
            <translation>All pages</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="49" />
            <source>第1版</source>
            <translation>Page 1</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="50" />
            <source>内版</source>
            <translation>Inside pages</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="60" />
            <source>版式表</source>
            <translation>House Style</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="67" />
            <source>新建样式…</source>
            <translation>New Style…</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="68" />
            <source>删除样式</source>
            <translation>Delete Style</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="69" />
            <source>恢复默认</source>
            <translation>Restore Defaults</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="103" />
            <source>{n}栏</source>
            <translation>{n} col.</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="112" />
            <source>所有级别</source>
            <translation>all ranks</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="113" />
            <source>主题字体</source>
            <translation>Headline face</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="114" />
            <source>主题字号（按所占栏数）</source>
            <translation>Headline size (by columns spanned)</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="115" />
            <source>太长时最小缩到</source>
            <translation>Too long: shrink to at least</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="116" />
            <source>引题</source>
            <translation>Kicker</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="117" />
            <source>副题</source>
            <translation>Subheadline</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="118" />
            <location filename="../../widgets/style_dialog.py" line="140" />
            <source>对齐</source>
            <translation>Alignment</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="119" />
            <source>用于</source>
            <translation>Used on</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="120" />
            <source>稿件级别</source>
            <translation>Story ranks</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="138" />
            <source>字体</source>
            <translation>Face</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="139" />
            <source>首行缩进</source>
            <translation>First-line indent</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="141" />
            <source>正文的字号和行距随版面网格；一篇稿件可在属性的“版式”里另设。</source>
            <translation>Body size and leading follow the page grid; a story may set its own under Type in the inspector.</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="161" />
            <source>标题</source>
            <translation>headline</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="161" />
            <source>段落</source>
            <translation>paragraph</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="257" />
            <source>稿件级别写成数字，如 “2 3”；空着表示所有级别</source>
            <translation>Write story ranks as numbers, e.g. “2 3”; leave empty for all ranks</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="267" />
            <source>新建样式</source>
            <translation>New Style</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="267" />
            <source>样式名称：</source>
            <translation>Style name:</translation>
        </message>
        <message>
            <location filename="../../widgets/style_dialog.py" line="272" />
            <source>已有样式“{name}”</source>
            <translation>There is already a style “{name}”</translation>
        </message>
    </context>
    <context>
        <name>TypeControls</name>
        <message>
            <location filename="../../widgets/type_controls.py" line="19" />
            <source>书宋</source>
            <translation>Song</translation>
        </message>
        <message>
            <location filename="../../widgets/type_controls.py" line="20" />
            <source>黑体</source>
            <translation>Hei</translation>
        </message>
        <message>
            <location filename="../../widgets/type_controls.py" line="21" />
            <source>楷体</source>
            <translation>Kai</translation>
        </message>
        <message>
            <location filename="../../widgets/type_controls.py" line="22" />
            <source>仿宋</source>
            <translation>Fangsong</translation>
        </message>
        <message>
            <location filename="../../widgets/type_controls.py" line="23" />
            <source>标宋</source>
            <translation>Biaosong</translation>
        </message>
        <message>
            <location filename="../../widgets/type_controls.py" line="26" />
            <source>居左</source>
            <translation>Left</translation>
        </message>
        <message>
            <location filename="../../widgets/type_controls.py" line="27" />
            <source>居中</source>
            <translation>Centre</translation>
        </message>
        <message>
            <location filename="../../widgets/type_controls.py" line="28" />
            <source>居右</source>
            <translation>Right</translation>
        </message>
        <message>
            <location filename="../../widgets/type_controls.py" line="29" />
            <source>两端对齐</source>
            <translation>Justified</translation>
        </message>
        <message>
            <location filename="../../widgets/type_controls.py" line="153" />
            <source> 字</source>
            <translation> em</translation>
        </message>
        <message>
            <location filename="../../widgets/type_controls.py" line="169" />
            <source>字</source>
            <translation>em</translation>
        </message>
        <message>
            <location filename="../../widgets/type_controls.py" line="170" />
            <source>毫米</source>
            <translation>mm</translation>
        </message>
    </context>
    <context>
        <name>TypePanel</name>
        <message>
            <location filename="../../widgets/type_panel.py" line="60" />
            <source>版式</source>
            <translation>Type</translation>
        </message>
        <message>
            <location filename="../../widgets/type_panel.py" line="77" />
            <source>恢复样式</source>
            <translation>Reset to Style</translation>
        </message>
        <message>
            <location filename="../../widgets/type_panel.py" line="78" />
            <source>去掉这篇稿件自己的设置，按版式表排</source>
            <translation>Drop this story's own settings: set it by the house style</translation>
        </message>
        <message>
            <location filename="../../widgets/type_panel.py" line="79" />
            <source>版式表…</source>
            <translation>House Style…</translation>
        </message>
        <message>
            <location filename="../../widgets/type_panel.py" line="84" />
            <source>标题样式</source>
            <translation>Headline style</translation>
        </message>
        <message>
            <location filename="../../widgets/type_panel.py" line="85" />
            <source>主题</source>
            <translation>Headline</translation>
        </message>
        <message>
            <location filename="../../widgets/type_panel.py" line="86" />
            <source>正文样式</source>
            <translation>Body style</translation>
        </message>
        <message>
            <location filename="../../widgets/type_panel.py" line="87" />
            <source>正文</source>
            <translation>Body</translation>
        </message>
        <message>
            <location filename="../../widgets/type_panel.py" line="88" />
            <source>行距</source>
            <translation>Line spacing</translation>
        </message>
        <message>
            <location filename="../../widgets/type_panel.py" line="89" />
            <source>首行缩进</source>
            <translation>First-line indent</translation>
        </message>
        <message>
            <location filename="../../widgets/type_panel.py" line="90" />
            <source>分栏</source>
            <translation>Columns</translation>
        </message>
        <message>
            <location filename="../../widgets/type_panel.py" line="91" />
            <source>栏间距</source>
            <translation>Gutter</translation>
        </message>
        <message>
            <location filename="../../widgets/type_panel.py" line="146" />
            <source>按级别（{name}）</source>
            <translation>By rank ({name})</translation>
        </message>
    </context>
</TS>