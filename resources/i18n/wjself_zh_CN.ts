<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
    <name>MainWindow</name>
    <message>
        <source>Wujin School Self-Assessment</source>
        <translation>武进学校自评</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
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
</TS>